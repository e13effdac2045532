package io.surgewms.intake.shopify;

import io.smallrye.common.annotation.Blocking;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;

/**
 * Shopify's webhooks. Open to anyone by role: the HMAC of the raw body under the shop's secret is the credential.
 * Bodies over the webhook limit never get here (WebhookBodyLimit).
 */
@Path("/api/channels/shopify/webhook")
@Tag(name = "Channels")
@PermitAll
public class ShopifyWebhookResource {

    @Inject ShopifyWebhook webhooks;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Shopify webhook (orders/create, orders/cancelled), verified by X-Shopify-Hmac-Sha256 over the raw body; every call is recorded",
            description = "401 when the shop domain has no Shopify account or the HMAC is missing or wrong (nothing done but the record). "
                    + "Otherwise 200 with the recorded outcome: CREATED, EXISTING, CANCELLED, IGNORED (no shipping address, no line to ship, "
                    + "unknown topic or order), REFUSED (cancelled after shipping), REJECTED (the order could not be taken; 5xx when worth a retry), "
                    + "DUPLICATE (an X-Shopify-Webhook-Id already handled for this shop: nothing done again). "
                    + "413 when the body is over surge.channels.webhook.max-body. A call not acted on is recorded with its length, SHA-256 and first KB only")
    @Blocking // the checks and lookups; the wait for the commit holds no worker
    public CompletionStage<Response> receive(@HeaderParam("X-Shopify-Shop-Domain") String domain, @HeaderParam("X-Shopify-Topic") String topic,
                                             @HeaderParam("X-Shopify-Hmac-Sha256") String hmac,
                                             @HeaderParam("X-Shopify-Webhook-Id") String webhookId, byte[] body) {
        return webhooks.receive(domain, topic, hmac, webhookId, body).thenApply(o -> {
            if (o.status() == 401) return ProblemMappers.response(Problem.of(401, "Unauthorized", o.detail()));
            if (o.status() >= 400) return ProblemMappers.response(Problem.of(o.status(), o.status() >= 500 ? "Try again" : "Bad webhook", o.detail()));
            return Response.ok(o).build();
        });
    }
}

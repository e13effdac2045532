package io.surgewms.intake.tiktok;

import io.surgewms.intake.channels.ChannelWebhooks;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import io.smallrye.common.annotation.Blocking;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * TikTok Shop's webhook. Public (TikTok holds no Surge credentials) but every call must carry TikTok's
 * signature in {@code Authorization}: without it, 401 and nothing but the log row. The body is read raw,
 * as the signature covers its exact bytes. A signed notification whose timestamp is outside the window is a
 * replay: 401 too. Bodies over the webhook limit never get here (WebhookBodyLimit).
 */
@Path("/api/channels/tiktok/webhook")
@Tag(name = "Channels")
@PermitAll
public class TikTokWebhookResource {

    @Inject TikTokOrders orders;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "TikTok Shop order notifications (signed with the app secret): orders awaiting shipment are taken, cancellations cancel, the rest is logged",
            description = "401 when the signature is missing or wrong, or when the notification's timestamp is further from now than "
                    + "surge.channels.tiktok.webhook-window (a replay); 413 when the body is over surge.channels.webhook.max-body. "
                    + "A call not acted on is recorded with its length, SHA-256 and first KB only")
    @Blocking // the checks and the fetch from TikTok; the wait for the commit holds no worker
    public CompletionStage<Response> receive(@HeaderParam("Authorization") String signature, byte[] body) {
        return orders.receive(signature, body).thenApply(TikTokWebhookResource::answer);
    }

    private static Response answer(TikTokOrders.Outcome o) {
        if (o.status() == 401) return ProblemMappers.response(Problem.of(401, "Unauthorized", ChannelWebhooks.STALE.equals(o.outcome())
                ? "TikTok Shop notification timestamp outside the accepted window (a replay?); nothing was done"
                : "TikTok Shop signature missing or wrong; nothing was done"));
        if (o.status() >= 500) return ProblemMappers.response(Problem.of(o.status(), "Not processed", o.detail()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("webhook", o.webhook());
        answer.put("outcome", o.outcome());
        answer.put("detail", o.detail());
        if (o.orderId() != null) answer.put("orderId", o.orderId());
        return Response.ok(answer).build();
    }
}

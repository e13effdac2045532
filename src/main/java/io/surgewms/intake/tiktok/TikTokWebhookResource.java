package io.surgewms.intake.tiktok;

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
 * as the signature covers its exact bytes.
 */
@Path("/api/channels/tiktok/webhook")
@Tag(name = "Channels")
@PermitAll
public class TikTokWebhookResource {

    @Inject TikTokOrders orders;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "TikTok Shop order notifications (signed with the app secret): orders awaiting shipment are taken, cancellations cancel, the rest is logged")
    @Blocking // the checks and the fetch from TikTok; the wait for the commit holds no worker
    public CompletionStage<Response> receive(@HeaderParam("Authorization") String signature, String body) {
        return orders.receive(signature, body).thenApply(TikTokWebhookResource::answer);
    }

    private static Response answer(TikTokOrders.Outcome o) {
        if (o.status() == 401) return ProblemMappers.response(Problem.of(401, "Unauthorized", "TikTok Shop signature missing or wrong; nothing was done"));
        if (o.status() >= 500) return ProblemMappers.response(Problem.of(o.status(), "Not processed", o.detail()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("webhook", o.webhook());
        answer.put("outcome", o.outcome());
        answer.put("detail", o.detail());
        if (o.orderId() != null) answer.put("orderId", o.orderId());
        return Response.ok(answer).build();
    }
}

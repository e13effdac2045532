package io.surgewms.platform;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses an oversized body from its Content-Length before reading it, with problem+json
 * (the HTTP layer's own limit would answer with an empty 413).
 */
public class BodyLimit {

    void install(@Observes Router router,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        long limit = max.asLongValue();
        router.route().order(-1000).handler(ctx -> {
            String len = ctx.request().getHeader("Content-Length");
            if (len != null) {
                try {
                    if (Long.parseLong(len.trim()) > limit) {
                        Problem p = Problem.of(413, "Payload too large",
                                "Request body of " + len + " bytes exceeds the limit of " + limit + " bytes; split the batch");
                        ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                                .putHeader("Connection", "close").end(Json.encode(p));
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // the HTTP codec rejects a malformed Content-Length itself
                }
            }
            ctx.next();
        });
    }
}

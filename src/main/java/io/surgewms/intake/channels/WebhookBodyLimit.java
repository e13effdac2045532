package io.surgewms.intake.channels;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemMappers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;
import java.util.regex.Pattern;

/**
 * The webhook paths' own body limit ({@code surge.channels.webhook.max-body}): a channel's notification is a few KB,
 * and these paths are open to anyone, so the global limit (sized for order batches) is far too generous for them.
 * A declared length over the limit is refused before a byte is read; any other body is counted while it is read,
 * on the event loop, so a chunked one is cut off as soon as it passes the limit and nothing over it is held in memory.
 * Refused with 413 problem+json and a row in the webhook log (headers and size, never the body). Other paths keep
 * the global limit.
 */
@ApplicationScoped
public class WebhookBodyLimit {

    private static final Logger LOG = Logger.getLogger(WebhookBodyLimit.class);
    /** Every channel's webhook, today's and tomorrow's. */
    static final Pattern PATHS = Pattern.compile("/api/channels/[^/]+/webhook");

    @Inject ChannelWebhooks webhooks;
    @Inject Vertx vertx;
    @ConfigProperty(name = "surge.channels.webhook.max-body", defaultValue = "1M") MemorySize max;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize global;
    private long limit;

    @PostConstruct
    void limit() {
        limit = Math.min(max.asLongValue(), global.asLongValue()); // this one only narrows the global limit
    }

    /** Before the global check (platform.BodyLimit, order -1000), so even a huge declared length is recorded. */
    void install(@Observes Router router) {
        router.routeWithRegex(PATHS.pattern()).order(-1001).handler(this::declared);
    }

    private void declared(RoutingContext ctx) {
        long declared = declaredLength(ctx.request());
        if (declared <= limit) {
            ctx.next();
            return;
        }
        refuse(ctx.request(), declared, "declares " + declared + " bytes").subscribe().with(p -> {
            var response = ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE);
            if (ctx.request().version() != HttpVersion.HTTP_2) response.putHeader("Connection", "close");
            response.end(Json.encode(p));
        });
    }

    /**
     * Reads the body of a matched webhook resource before Quarkus REST does (request filters run first; a filter that
     * sets the entity stream is where the reading stops), counting. The request is still paused here, so no byte is lost.
     */
    @ServerRequestFilter(nonBlocking = true) // on the event loop: a slow sender holds no worker
    public Uni<Response> read(ContainerRequestContext request, HttpServerRequest http) {
        if (!PATHS.matcher(http.path()).matches()) return Uni.createFrom().nullItem();
        return Uni.createFrom().emitter(done -> read(request, http, done));
    }

    private void read(ContainerRequestContext request, HttpServerRequest http, UniEmitter<? super Response> done) {
        long declared = declaredLength(http);
        Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 4096);
        long[] received = {0};
        boolean[] over = {false};
        http.handler(chunk -> {
            received[0] += chunk.length();
            if (over[0]) {
                // Drained, so a sender still writing can read its 413; but not for ever.
                if (received[0] > 2 * limit) {
                    if (http.version() == HttpVersion.HTTP_2) http.response().reset();
                    else http.connection().close();
                }
                return;
            }
            if (received[0] > limit) {
                over[0] = true;
                refuse(http, received[0], "sent more than " + limit + " bytes (" + received[0] + " when cut off)").subscribe().with(p -> {
                    Response.ResponseBuilder r = Response.fromResponse(ProblemMappers.response(p));
                    if (http.version() != HttpVersion.HTTP_2) r.header("Connection", "close");
                    done.complete(r.build());
                });
                return;
            }
            body.appendBuffer(chunk);
        });
        http.exceptionHandler(e -> {
            if (!over[0]) done.fail(e);
        });
        http.endHandler(v -> {
            if (over[0]) return;
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
            done.complete(null);
        });
        if ("100-continue".equalsIgnoreCase(http.getHeader("Expect"))) http.response().writeContinue();
        http.resume();
    }

    /** Records the refusal (on a worker: a database write) and gives the problem to answer. */
    private Uni<Problem> refuse(HttpServerRequest http, long bytes, String what) {
        String channel = http.path().split("/")[3];
        String shop = http.getHeader("X-Shopify-Shop-Domain");
        String detail = "body " + what + ", over the webhook limit of " + limit + " bytes; refused, nothing of it kept"
                + (shop == null ? "" : " (X-Shopify-Shop-Domain " + shop + ")");
        String topic = http.getHeader("X-Shopify-Topic");
        Problem problem = Problem.of(413, "Payload too large", "Webhook body " + what + "; the limit for webhooks is " + limit + " bytes");
        return Uni.createFrom().completionStage(vertx.executeBlocking(() ->
                        webhooks.refused(channel.length() > 40 ? channel.substring(0, 40) : channel, topic, bytes, detail), false)
                .toCompletionStage())
                .onFailure().invoke(e -> LOG.warnf("could not record a refused webhook: %s", e.toString()))
                .onItemOrFailure().transform((id, e) -> problem);
    }

    private static long declaredLength(HttpServerRequest req) {
        String len = req.getHeader("Content-Length");
        if (len == null) return -1;
        try {
            return Long.parseLong(len.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed length itself
        }
    }
}

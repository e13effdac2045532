package io.surgewms.intake;

import io.smallrye.common.annotation.Blocking;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.ProblemMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Order intake and order queries. Answers only after the orders are committed. */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class OrderResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    public static final int MAX_BATCH = 5000;

    @Inject OrderIntake intake;
    @Inject ManagedExecutor workers;
    @Inject OrderQueries queries;
    @Inject OrderService orders;

    public record Batch(List<OrderRequest> orders) {}

    public record BatchResult(int created, int existing, int rejected, List<OrderResult> results) {}

    public record Cancel(String reason) {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static Cancel parse(String body) {
            try {
                return JSON.readValue(body, Cancel.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ProblemException.invalid("reason", "send {\"reason\": \"...\"} or nothing");
            }
        }
    }

    @POST
    @Operation(summary = "Take one order: 201 when new, 200 with the stored order when (shop, channel, externalId) was seen before")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.ORDERS_WRITE})
    @Blocking // the wait for the group commit holds no worker: the floor's requests need them
    public CompletionStage<Response> create(OrderRequest order, @Context UriInfo uri) {
        if (order != null && !caller.mayUseShop(order.shop())) throw ProblemException.notFound("No shop " + order.shop());
        URI orders = uri.getBaseUriBuilder().path("api/orders/").build(); // absolute: the answer is built off the request's thread
        return intake.submit(java.util.Collections.singletonList(order)).thenApplyAsync(results -> {
            OrderResult r = results.get(0);
            if (r.outcome() == OrderResult.Outcome.REJECTED) return ProblemMappers.response(r.problem());
            if (r.outcome() == OrderResult.Outcome.EXISTING) return Response.ok(queries.get(r.orderId())).build();
            // A new order is answered from what was just committed: no read-back on the webhook's hot path.
            return Response.created(orders.resolve(String.valueOf(r.orderId()))).entity(OrderView.created(order, r)).build();
        }, workers);
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Take up to 5,000 orders; the answer lists each order's outcome. Each order is written whole or not at all")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.ORDERS_WRITE})
    public BatchResult batch(Batch batch) {
        if (batch == null || batch.orders() == null || batch.orders().isEmpty())
            throw ProblemException.invalid("orders", "must hold at least one order");
        if (batch.orders().size() > MAX_BATCH)
            throw ProblemException.invalid("orders", "at most " + MAX_BATCH + " orders per request, got " + batch.orders().size());
        List<OrderResult> results = submitOwn(batch.orders());
        int created = 0, existing = 0, rejected = 0;
        for (OrderResult r : results) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case EXISTING -> existing++;
                case REJECTED -> rejected++;
            }
        }
        return new BatchResult(created, existing, rejected, results);
    }

    @GET
    @Operation(summary = "Orders by shop, status, channel, content tag, external id or ship-by window, earliest ship-by first")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public Page<OrderView.Summary> list(@QueryParam("shop") String shop, @QueryParam("status") String status,
                                        @QueryParam("channel") String channel, @QueryParam("contentTag") String contentTag,
                                        @QueryParam("externalId") String externalId,
                                        @QueryParam("shipByBefore") OffsetDateTime before, @QueryParam("shipByAfter") OffsetDateTime after,
                                        @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.list(new OrderQueries.Filter(caller.shopFilter(shop), status, channel, contentTag, externalId, before, after), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order with its lines and reservations")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public OrderView get(@PathParam("id") long id) {
        caller.requireOrder(id);
        return queries.get(id);
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The order's status history: every transition with time and actor")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.PACKER, Roles.SHOP, Roles.ORDERS_READ})
    public List<OrderView.Event> events(@PathParam("id") long id) {
        caller.requireOrder(id);
        return queries.events(id);
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD) // a bare POST, without a body, cancels too
    @Operation(summary = "Cancel an order that has not shipped; its reserved units go back to stock")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.ORDERS_WRITE})
    public OrderView cancel(@PathParam("id") long id, @QueryParam("reason") String reason, String body) {
        caller.requireOrder(id);
        if (reason == null && body != null && !body.isBlank()) reason = Cancel.parse(body).reason();
        return orders.cancel(id, reason, caller.name());
    }

    /** A shop's key writes only its shop's orders: another shop's are rejected as unknown, the rest go in. */
    private List<OrderResult> submitOwn(List<OrderRequest> orders) {
        if (!caller.confined()) return intake.submit(orders).join();
        List<OrderRequest> own = new java.util.ArrayList<>();
        List<Integer> at = new java.util.ArrayList<>();
        OrderResult[] out = new OrderResult[orders.size()];
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            if (o != null && caller.mayUseShop(o.shop())) {
                own.add(o);
                at.add(i);
            } else {
                out[i] = OrderResult.rejected(i, o == null ? null : o.externalId(),
                        io.surgewms.platform.Problem.of(404, "Not Found", "No shop " + (o == null ? null : o.shop())));
            }
        }
        if (!own.isEmpty()) {
            List<OrderResult> done = intake.submit(own).join();
            for (int k = 0; k < done.size(); k++) out[at.get(k)] = done.get(k).at(at.get(k));
        }
        return java.util.Arrays.asList(out);
    }
}

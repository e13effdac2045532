package io.surgewms.board.analytics;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Floor analytics over HTTP: JSON for the page and integrations, CSV for spreadsheets. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.SHOP})
public class AnalyticsResource {

    @Inject io.surgewms.security.CurrentCaller caller;

    static final String CSV = "text/csv; charset=UTF-8";
    private static final String FROM = "Start, ISO date-time or date (UTC midnight); floored to the hour. Default: 24 h before 'to'";
    private static final String TO = "End (exclusive), ISO date-time or date; ceiled to the hour. Default: the end of this hour. At most 31 days after 'from'";
    private static final String TAG = "Content tag (creator/video); '(none)' for orders without one";

    @Inject FloorAnalytics analytics;

    @GET
    @Path("/hourly")
    @Operation(summary = "Per UTC hour (every hour of the range, zeros included): orders in, units picked, parcels shipped, "
            + "pick scans, rejected scans, short picks; and over the range: totals, pick accuracy, rejection reasons, "
            + "lead time received → shipped p50/p90")
    public AnalyticsView.Hourly hourly(@QueryParam("from") @Parameter(description = FROM) String from,
                                       @QueryParam("to") @Parameter(description = TO) String to,
                                       @QueryParam("shop") @Parameter(description = "Shop code") String shop,
                                       @QueryParam("channel") @Parameter(description = "tiktok, shopify, csv or api") String channel,
                                       @QueryParam("tag") @Parameter(description = TAG) String tag) {
        return analytics.hourly(from, to, caller.shopFilter(shop), channel, tag);
    }

    @GET
    @Path("/hourly.csv")
    @Produces(CSV)
    @Operation(summary = "The hours of /api/analytics/hourly as a CSV file (UTC, one header row)")
    public Response hourlyCsv(@QueryParam("from") @Parameter(description = FROM) String from,
                              @QueryParam("to") @Parameter(description = TO) String to,
                              @QueryParam("shop") String shop, @QueryParam("channel") String channel,
                              @QueryParam("tag") @Parameter(description = TAG) String tag) {
        AnalyticsView.Hourly a = analytics.hourly(from, to, caller.shopFilter(shop), channel, tag);
        return csv(AnalyticsCsv.hourly(a), AnalyticsCsv.fileName("hourly", a.from(), a.to()));
    }

    @GET
    @Path("/breakdown")
    @Operation(summary = "One row per shop, channel or content tag over the range, busiest first: orders in, units picked, "
            + "orders and parcels shipped, lead time p50/p90, pick scans, rejected scans, short picks, pick accuracy")
    public AnalyticsView.Breakdown breakdown(@QueryParam("by") @Parameter(description = "shop (default), channel or tag") String by,
                                             @QueryParam("from") @Parameter(description = FROM) String from,
                                             @QueryParam("to") @Parameter(description = TO) String to,
                                             @QueryParam("shop") @Parameter(description = "Shop code") String shop,
                                             @QueryParam("channel") @Parameter(description = "tiktok, shopify, csv or api") String channel,
                                             @QueryParam("tag") @Parameter(description = TAG) String tag) {
        return analytics.breakdown(by, from, to, caller.shopFilter(shop), channel, tag);
    }

    @GET
    @Path("/breakdown.csv")
    @Produces(CSV)
    @Operation(summary = "The rows of /api/analytics/breakdown as a CSV file (lead times in seconds)")
    public Response breakdownCsv(@QueryParam("by") String by, @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("shop") String shop, @QueryParam("channel") String channel, @QueryParam("tag") String tag) {
        AnalyticsView.Breakdown b = analytics.breakdown(by, from, to, caller.shopFilter(shop), channel, tag);
        return csv(AnalyticsCsv.breakdown(b), AnalyticsCsv.fileName("by-" + b.by(), b.from(), b.to()));
    }

    private static Response csv(String body, String fileName) {
        return Response.ok(body, CSV).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}

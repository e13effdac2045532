package io.surgewms.inventory.stocksync;

import io.surgewms.security.Audit;
import io.surgewms.security.CurrentCaller;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** Stock levels as the channels see them, and the safety buffers that hold units back from them. */
@Path("/api/channels/stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
@RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
public class ChannelStockResource {

    @Inject CurrentCaller caller;
    @Inject Audit audit;
    @Inject ChannelStockLevels levels;

    @GET
    @Operation(summary = "Per channel mapping: ATP, safety buffer, the level the channel should see, last queued and sent, in flight")
    public List<ChannelStockLevels.Level> list(@QueryParam("shop") String shop, @QueryParam("sku") String sku,
                                               @QueryParam("limit") @DefaultValue("500") int limit) {
        return levels.list(shop, sku, Math.max(1, Math.min(limit, 5000)));
    }

    @PUT
    @Path("/buffer")
    @Operation(summary = "Set the safety buffer of a channel SKU (or of every mapping of a SKU on the account); the new level is queued within a second")
    public List<ChannelStockLevels.Level> buffer(ChannelStockLevels.BufferSetting s) {
        List<ChannelStockLevels.Level> v = levels.setBuffer(s);
        audit.record(caller.name(), "channel-stock.buffer", s.account() + ":" + (s.channelSku() != null ? s.channelSku() : s.sku()),
                Map.of("buffer", s.buffer(), "mappings", v.size()));
        return v;
    }
}

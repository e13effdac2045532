package io.surgewms.intake.channels;

import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Channel accounts and their SKU mappings (admin), and the webhook log (what each channel call did). */
@Path("/api/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Channels")
@RolesAllowed(Roles.ADMIN)
public class ChannelAccountResource {

    @Inject ChannelAccounts accounts;
    @Inject ChannelWebhooks webhooks;

    @POST
    @Path("/accounts")
    @Operation(summary = "Register a shop's account on TikTok Shop or Shopify: app key, secret and tokens (sealed, never shown again), "
            + "TikTok's shopCipher (required) and token expiry times, API base URL, defaults")
    public Response create(ChannelAccounts.NewAccount account) {
        ChannelAccounts.AccountView v = accounts.create(account);
        return Response.created(URI.create("/api/channels/accounts/" + v.id())).entity(v).build();
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "Channel accounts, by shop and channel; secrets and tokens are never shown")
    public List<ChannelAccounts.AccountView> list(@QueryParam("shop") String shop, @QueryParam("channel") String channel) {
        return accounts.list(shop, channel);
    }

    @PUT
    @Path("/accounts/{id}/access")
    @Operation(summary = "New access for an account (a shop connected again): shopCipher, accessToken, accessTokenExpiresAt, refreshToken, "
            + "refreshTokenExpiresAt; what is given replaces what is stored, tokens are sealed and never shown")
    public ChannelAccounts.AccountView access(@PathParam("id") long id, ChannelAccounts.Access access) {
        return accounts.updateAccess(id, access);
    }

    @PUT
    @Path("/accounts/{id}/skus")
    @Operation(summary = "Replace the account's SKU mapping: [{channelSku, sku, safetyBuffer, channelProductId}] (channelProductId: "
            + "TikTok's product_id, required for TikTok); an unknown SKU changes nothing")
    public List<ChannelAccounts.SkuMapping> skus(@PathParam("id") long id, List<ChannelAccounts.SkuMapping> mappings) {
        return accounts.putSkus(id, mappings);
    }

    @GET
    @Path("/webhooks")
    @Operation(summary = "Channel webhooks as received, latest first: signature check, outcome (CREATED, EXISTING, CANCELLED, REFUSED, IGNORED, REJECTED, FAILED; not acted on: UNAUTHORIZED, TOO_LARGE, STALE, DUPLICATE), detail, body length and SHA-256")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    public List<ChannelWebhooks.Webhook> webhooks(@QueryParam("channel") String channel, @QueryParam("outcome") String outcome,
                                                  @QueryParam("remoteId") String remoteId, @QueryParam("limit") @DefaultValue("100") int limit) {
        return webhooks.list(channel, outcome, remoteId, limit);
    }
}

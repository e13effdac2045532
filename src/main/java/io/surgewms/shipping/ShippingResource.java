package io.surgewms.shipping;

import io.surgewms.platform.ProblemException;
import io.surgewms.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

import java.util.List;
import java.util.Map;

/** Carrier accounts, rate-shopping rules and bought labels over HTTP; the work is in the services. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shipping")
public class ShippingResource {

    @Inject CarrierAccounts accounts;
    @Inject ShippingRules rules;
    @Inject LabelDesk labels;
    @Inject DayCloses dayCloses;

    @POST
    @Path("/shipping/accounts")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a shop's account at a label provider (easypost, sendcloud); credentials are sealed and never returned")
    public Response create(CarrierAccounts.NewAccount n) {
        return Response.status(201).entity(accounts.create(n)).build();
    }

    @GET
    @Path("/shipping/accounts")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Carrier accounts (which credentials are set, never their values)")
    public List<CarrierAccounts.AccountView> accounts(@QueryParam("shop") String shop) {
        return accounts.list(shop);
    }

    @PUT
    @Path("/shipping/accounts/{id}/credentials")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an account's credentials (a rotated or expired key)")
    public CarrierAccounts.AccountView rekey(@PathParam("id") long id, Map<String, String> credentials) {
        return accounts.rekey(id, credentials);
    }

    public record Active(Boolean active) {}

    @PUT
    @Path("/shipping/accounts/{id}/active")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Turn an account on or off (labels already bought on it are still voided on it)")
    public CarrierAccounts.AccountView active(@PathParam("id") long id, Active a) {
        if (a == null || a.active() == null) throw ProblemException.invalid("active", "required");
        return accounts.setActive(id, a.active());
    }

    @GET
    @Path("/shipping/rules/{shop}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "A shop's rate-shopping rules, first match wins")
    public List<RateShopping.Rule> rules(@PathParam("shop") String shop) {
        return rules.list(shop);
    }

    @PUT
    @Path("/shipping/rules/{shop}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Replace a shop's rate-shopping rules (CHEAPEST_ON_TIME with maxTransitDays, or FASTEST_UNDER_CEILING with maxCostCents; "
            + "each may match channel, country, weight band, content tag and restrict carriers)")
    public List<RateShopping.Rule> putRules(@PathParam("shop") String shop, List<RateShopping.Rule> body) {
        return rules.put(shop, body);
    }

    @GET
    @Path("/shipping/labels")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Labels by status (e.g. FAILED, ADDRESS_HOLD), newest first")
    public List<LabelDesk.LabelView> labels(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        LabelStatus s;
        try {
            s = status == null ? null : LabelStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "one of " + java.util.Arrays.toString(LabelStatus.values()));
        }
        return labels.list(s, limit == null ? 100 : limit);
    }

    @POST
    @Path("/shipping/labels/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Buy a FAILED label again now (after fixing what the failure said)")
    public LabelDesk.LabelView retry(@PathParam("id") long id) {
        return labels.retry(id);
    }

    @GET
    @Path("/shipping/manifests/{id}/day-close")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "The providers' end-of-day documents for a manifest (EasyPost scan form), and the labels they left off")
    public List<DayCloses.DayCloseView> dayClose(@PathParam("id") long id) {
        return dayCloses.forManifest(id);
    }

    @GET
    @Path("/shipping/day-close/{id}/document")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "A provider's end-of-day document as it issued it (the scan form the driver signs)")
    public Response dayCloseDocument(@PathParam("id") long id) {
        return Response.ok(dayCloses.document(id), "application/pdf").build();
    }
}

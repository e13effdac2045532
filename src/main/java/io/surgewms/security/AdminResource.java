package io.surgewms.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Users, API keys and the audit log: the admin's side of security. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@RolesAllowed(Roles.ADMIN)
public class AdminResource {

    @Inject Users users;
    @Inject ApiKeys keys;
    @Inject Audit audit;
    @Inject CurrentCaller caller;

    @GET
    @Path("/users")
    @Operation(summary = "Users with their roles, shops and badge (never a password or PIN)")
    public List<Users.User> users() {
        return users.list();
    }

    @POST
    @Path("/users")
    @Operation(summary = "Create a user: roles, a password (10+ characters) and/or a badge + PIN (4-8 digits); SHOP users name their shops")
    public Response create(Users.NewUser u) {
        Users.User made = users.create(u, caller.name());
        return Response.created(URI.create("/api/users/" + made.username())).entity(made).build();
    }

    @GET
    @Path("/users/{username}")
    public Users.User user(@PathParam("username") String username) {
        return users.get(username);
    }

    @PUT
    @Path("/users/{username}")
    @Operation(summary = "Change a user: what is sent changes (roles, shops, active, password, badge, pin); disabling or a new password ends their sessions")
    public Users.User update(@PathParam("username") String username, Users.NewUser u) {
        return users.update(username, u, caller.name());
    }

    @GET
    @Path("/api-keys")
    @Operation(summary = "API keys (prefix, owner, scopes, last used, revoked) — never the key")
    public List<ApiKeys.Key> keys(@QueryParam("shop") String shop) {
        return keys.list(shop);
    }

    @POST
    @Path("/api-keys")
    @Operation(summary = "Make an API key for a shop (scopes: orders:write, orders:read, stock:read, products:read) or a user; the key is in this answer only")
    public Response createKey(ApiKeys.NewKey k) {
        ApiKeys.Created made = keys.create(k, caller.name());
        return Response.created(URI.create("/api/api-keys/" + made.info().id())).entity(made).build();
    }

    @DELETE
    @Path("/api-keys/{id}")
    @Operation(summary = "Revoke an API key: it stops working at once")
    public ApiKeys.Key revoke(@PathParam("id") long id) {
        return keys.revoke(id, caller.name());
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit log, newest first: actor=, action= (prefix, e.g. signin or user.), from=, to= (ISO), limit=")
    public List<Audit.Entry> audit(@QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("from") String from,
                                   @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("200") int limit) {
        return audit.find(actor, action, time("from", from), time("to", to), limit);
    }

    private static Instant time(String field, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw io.surgewms.platform.ProblemException.invalid(field, "an ISO instant such as 2026-11-29T08:00:00Z");
        }
    }
}

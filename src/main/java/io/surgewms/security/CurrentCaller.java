package io.surgewms.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * The caller of this request, for the code that must know more than a role: which shops it may see
 * (a seller's user or key sees only its own; another shop's data answers 404, so its existence does
 * not leak), and whether a picker or packer acts as someone else.
 */
@RequestScoped
public class CurrentCaller {

    @Inject SecurityIdentity identity;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Null: every shop. Otherwise the only shop ids this caller may read or write. */
    @SuppressWarnings("unchecked")
    public Set<Long> shops() {
        return identity.isAnonymous() ? Set.of() : (Set<Long>) identity.getAttribute(SurgeIdentityProvider.SHOPS);
    }

    public boolean confined() {
        return shops() != null;
    }

    /** 404 unless this caller may see the shop: what a seller gets for another seller's data. */
    public void requireShop(long shopId, String notFound) {
        Set<Long> s = shops();
        if (s != null && !s.contains(shopId)) throw ProblemException.notFound(notFound);
    }

    /** Staff act for anyone; a picker or packer only as themselves (a missing name means themselves). */
    public String actingAs(String claimed) {
        if (claimed == null || claimed.isBlank()) return name();
        if (claimed.equals(name()) || identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SUPERVISOR)) return claimed;
        throw new ForbiddenException("signed in as " + name() + ", cannot act as " + claimed);
    }
}

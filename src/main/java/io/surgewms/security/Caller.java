package io.surgewms.security;

import java.util.Set;

/**
 * Who is calling, as the identity provider found them. {@code shops} is null for warehouse staff (all
 * shops) and the shops a seller's user or key is confined to otherwise.
 */
public record Caller(String name, Set<String> roles, Set<Long> shops, String csrf) {
    public boolean confined() {
        return shops != null;
    }
}

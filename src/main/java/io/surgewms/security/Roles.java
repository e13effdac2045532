package io.surgewms.security;

import java.util.List;
import java.util.Set;

/** Role and scope names as they appear in {@code @RolesAllowed}. A key's scopes are its roles. */
public final class Roles {
    private Roles() {}

    public static final String ADMIN = "ADMIN", SUPERVISOR = "SUPERVISOR", PICKER = "PICKER", PACKER = "PACKER", SHOP = "SHOP";
    public static final List<String> ALL = List.of(ADMIN, SUPERVISOR, PICKER, PACKER, SHOP);

    /** Scopes a shop's API key may hold. */
    public static final String ORDERS_WRITE = "orders:write", ORDERS_READ = "orders:read", STOCK_READ = "stock:read",
            PRODUCTS_READ = "products:read";
    public static final Set<String> SCOPES = Set.of(ORDERS_WRITE, ORDERS_READ, STOCK_READ, PRODUCTS_READ);
}

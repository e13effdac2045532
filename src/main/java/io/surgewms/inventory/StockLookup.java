package io.surgewms.inventory;

import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Resolves the codes people type or scan (shop code, SKU, location code) to row ids. */
@ApplicationScoped
public class StockLookup {

    public long shopId(Connection c, String code, String field) throws SQLException {
        Long id = one(c, "select id from shop where code = ?", code);
        if (id == null) throw ProblemException.invalid(field, "unknown shop '" + code + "'");
        return id;
    }

    public Long productId(Connection c, long shopId, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from product where shop_id = ? and sku = ?")) {
            ps.setLong(1, shopId);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }

    public long requireProduct(Connection c, long shopId, String sku, String field) throws SQLException {
        Long id = productId(c, shopId, sku);
        if (id == null) throw ProblemException.invalid(field, "unknown SKU '" + sku + "'");
        return id;
    }

    /** A bundle is sold, never stocked: its components are received and binned instead. */
    public boolean isBundle(Connection c, long productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from bundle_component where bundle_id = ?)")) {
            ps.setLong(1, productId);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getBoolean(1); }
        }
    }

    public Long locationId(Connection c, String code) throws SQLException {
        return one(c, "select id from location where code = ?", code);
    }

    public long requireLocation(Connection c, String code, String field) throws SQLException {
        Long id = locationId(c, code);
        if (id == null) throw ProblemException.invalid(field, "unknown location '" + code + "'");
        return id;
    }

    private static Long one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) { return rs.next() ? rs.getLong(1) : null; }
        }
    }
}

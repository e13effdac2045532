package io.surgewms.bench.spike;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The drill's reads of the service's database: what is left to do, what a SKU can sell, single figures. */
public final class SpikeDb {
    private final String url;

    public SpikeDb(String url) {
        this.url = url;
    }

    public Connection connect() throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }

    public static long scalar(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) { rs.next(); return rs.getLong(1); }
    }

    /** Released or picking work not yet done, labels not yet delivered, channel events not yet sent. */
    public long openWork() throws Exception {
        try (Connection c = connect()) {
            return scalar(c, """
                    select (select count(*) from pick_task where status in ('OPEN','CLAIMED','PAUSED'))
                         + (select count(*) from print_job where status = 'QUEUED')
                         + (select count(*) from orders where status in ('ALLOCATED','RELEASED','PICKING','PICKED'))
                         + (select count(*) from outbox where sent_at is null)""");
        }
    }

    /** What the shop can sell of a SKU now: on hand less allocated in pick faces and reserve. */
    public int atp(String sku) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                select coalesce(sum(s.on_hand - s.allocated), 0) from stock s join location l on l.id = s.location_id
                  join product p on p.id = s.product_id where p.sku = ? and l.kind in ('PICK_FACE','RESERVE')""")) {
            ps.setString(1, sku);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); return rs.getInt(1); }
        }
    }
}

package io.surgewms.shipping;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Decides which parcels get their label bought ahead: every order of a released wave (RELEASED, PICKING,
 * PICKED), and the allocated singles of a hot item (one the floor has at least {@code hot-singles} single-unit
 * orders waiting for: a video is selling it) — for shops that ship through a provider (an aggregator account,
 * or TikTok Shipping). One set-based insert per run, earliest ship-by first; the rows it writes are the
 * buyer's outbox. Orders of the own-account range need no purchase and are left alone.
 */
@ApplicationScoped
public class LabelPlanner {

    private static final Logger LOG = Logger.getLogger(LabelPlanner.class);

    @Inject AgroalDataSource db;
    @Inject LabelBuyer buyer;

    @ConfigProperty(name = "surge.shipping.planner.enabled", defaultValue = "true") boolean enabled;
    @ConfigProperty(name = "surge.shipping.planner.batch", defaultValue = "500") int batch;
    @ConfigProperty(name = "surge.shipping.ahead.hot-singles", defaultValue = "20") int hotSingles;

    @Scheduled(every = "${surge.shipping.planner.every:2s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!enabled) return;
        try {
            if (runOnce() > 0) buyer.wake();
        } catch (RuntimeException e) {
            LOG.warn("Label planner run failed; the next run goes on", e);
        }
    }

    /** Plans labels for up to a batch of parcels; answers how many. */
    public int runOnce() {
        try (Connection c = db.getConnection()) {
            // a site shipping only on its own range (no provider anywhere) costs one index probe a run, not a look at every order
            if (Jdbc.one(c, """
                    select exists (select 1 from carrier_account where active)
                        or exists (select 1 from channel_account where channel = 'tiktok' and active)""", rs -> rs.getBoolean(1)) != Boolean.TRUE)
                return 0;
            return Jdbc.update(c, """
                    with hot as (select l.product_id from orders x join order_line l on l.order_id = x.id
                                  where x.status = 'ALLOCATED' and x.units = 1 group by l.product_id having count(*) >= ?),
                         due as (select o.id, o.carrier,
                                        (select coalesce(sum(p.weight_g * l.quantity), 0) from order_line l join product p on p.id = l.product_id
                                          where l.order_id = o.id) as weight_g
                                   from orders o
                                  where (o.status in ('RELEASED','PICKING','PICKED')
                                         or (o.status = 'ALLOCATED' and o.units = 1
                                             and exists (select 1 from order_line l join hot h on h.product_id = l.product_id where l.order_id = o.id)))
                                    and (o.carrier = 'TIKTOK' or exists (select 1 from carrier_account a where a.shop_id = o.shop_id and a.active))
                                    and not exists (select 1 from parcel_label pl where pl.order_id = o.id)
                                    and not exists (select 1 from shipment sh where sh.order_id = o.id)
                                  order by o.ship_by, o.id limit ?)
                    insert into parcel_label (order_id, parcel_no, version, idempotency_key, provider, weight_g)
                    select id, 1, 1, 'surge-' || id || '-1-v1', case when carrier = 'TIKTOK' then 'tiktok' end, weight_g from due
                    on conflict do nothing""", hotSingles, batch);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }
}

package io.surgewms.shipping;

import io.surgewms.intake.OrderCancelled;
import io.surgewms.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A parcel's label as packing sees it, in packing's transaction: bought ahead and ready to print, still
 * pending (the packer goes on, the label prints when the worker has bought it), or none needed (the
 * own-account range). Also plans a label for a parcel nobody planned, re-buys when the packed weight or
 * carton moved beyond tolerance, and voids a cancelled order's labels.
 */
@ApplicationScoped
public class ParcelLabels {

    @Inject LabelBuyer buyer;
    @Inject LabelPrint print;
    @Inject io.agroal.api.AgroalDataSource db;

    /** A packed parcel may weigh this much more or less than planned, or this share of it, before the label is bought again. */
    @ConfigProperty(name = "surge.shipping.reweigh-tolerance-g", defaultValue = "50") int toleranceG;
    @ConfigProperty(name = "surge.shipping.reweigh-tolerance-percent", defaultValue = "10") int tolerancePercent;

    /** What packing does with a parcel's label. */
    public sealed interface ForParcel permits Own, Ready, Pending {}

    /** No provider: the own-account range gives the tracking number, Surge draws the label. */
    public record Own() implements ForParcel {}

    /** Bought ahead: this tracking number, carrier and service; {@code zpl} for the station's printer. */
    public record Ready(long labelId, String provider, String carrier, String service, String tracking, byte[] zpl) implements ForParcel {}

    /** Not bought yet: the parcel leaves the station with "label pending", the worker prints it when bought. */
    public record Pending(long labelId, String why) implements ForParcel {}

    /** Where a pending label goes when it is bought: the station's printer at packing time. */
    public record PrintTo(String station, String printer, String host, Integer port, int dpi) {}

    /**
     * The label for this parcel, at this weight and carton, printed at dpi. Locks the parcel's label row; a
     * row bought for another weight is voided and bought again; a row not yet bought becomes urgent.
     */
    public ForParcel take(Connection c, long orderId, int parcelNo, int weightG, String carton, int dpi) throws SQLException {
        Row r = live(c, orderId, parcelNo);
        if (r == null) {
            String provider = providerFor(c, orderId);
            if (provider == null) return new Own();
            long id = plan(c, orderId, parcelNo, provider.equals("tiktok") ? "tiktok" : null, weightG, carton, true);
            return new Pending(id, "label not bought yet: asked for now");
        }
        if (r.status == LabelStatus.BOUGHT && r.shipmentId == null && !fits(r.boughtWeightG, weightG, r.carton, carton)) {
            Jdbc.update(c, "update parcel_label set status = 'VOID_PENDING', next_attempt = now(), last_error = ? where id = ?",
                    "re-weighed at packing: " + weightG + " g in " + carton + ", bought for " + r.boughtWeightG + " g in " + r.carton, r.id);
            long id = plan(c, orderId, parcelNo, r.provider, weightG, carton, true);
            return new Pending(id, "parcel weighs " + weightG + " g, label was bought for " + r.boughtWeightG + " g: buying it again");
        }
        if (r.status == LabelStatus.BOUGHT && r.shipmentId == null)
            return new Ready(r.id, r.provider, r.carrier, r.service, r.tracking, print.zplFor(c, r.id, dpi));
        // planned, being bought, failed or on hold: the packer's parcel goes first, at the weight packed
        Jdbc.update(c, """
                update parcel_label set weight_g = ?, carton = ?, urgent = true,
                       next_attempt = case when status = 'PLANNED' then now() else next_attempt end
                 where id = ?""", weightG, carton, r.id);
        return new Pending(r.id, switch (r.status) {
            case FAILED -> "label failed: " + r.lastError;
            case ADDRESS_HOLD -> "address hold: " + r.lastError;
            default -> r.lastError == null ? "label being bought" : "label being bought (last try: " + r.lastError + ")";
        });
    }

    /** Links the label to the parcel just written; a pending one remembers where to print. */
    public void attach(Connection c, ForParcel label, long shipmentId, PrintTo to) throws SQLException {
        if (label instanceof Ready ready) Jdbc.update(c, "update parcel_label set shipment_id = ? where id = ?", shipmentId, ready.labelId());
        else if (label instanceof Pending pending) Jdbc.update(c, """
                    update parcel_label set shipment_id = ?, print_station = ?, print_printer = ?, print_host = ?, print_port = ?, print_dpi = ?
                     where id = ?""", shipmentId, to.station(), to.printer(), to.host(), to.port() == null ? Jdbc.NULL_INT : to.port(), to.dpi(),
                    pending.labelId());
    }

    /** After a parcel with a pending label committed: its label is bought now, not at the next tick. */
    public void pendingCommitted() {
        buyer.wake();
    }

    /** tiktok (TikTok ships it), aggregator (the shop has a carrier account), or null: the own-account range. */
    static String providerFor(Connection c, long orderId) throws SQLException {
        return Jdbc.one(c, """
                select case when o.carrier = 'TIKTOK' then 'tiktok'
                            when exists (select 1 from carrier_account a where a.shop_id = o.shop_id and a.active) then 'aggregator' end
                  from orders o where o.id = ?""", rs -> rs.getString(1), orderId);
    }

    /** A new label plan for the parcel (the next version of its key); answers its id. */
    static long plan(Connection c, long orderId, int parcelNo, String provider, int weightG, String carton, boolean urgent) throws SQLException {
        return Jdbc.one(c, """
                insert into parcel_label (order_id, parcel_no, version, idempotency_key, provider, weight_g, carton, urgent)
                select ?, ?, v, 'surge-' || ? || '-' || ? || '-v' || v, ?, ?, ?, ?
                  from (select coalesce(max(version), 0) + 1 as v from parcel_label where order_id = ? and parcel_no = ?) n
                returning id""", rs -> rs.getLong(1),
                orderId, parcelNo, orderId, parcelNo, provider, weightG, carton, urgent, orderId, parcelNo);
    }

    boolean fits(Integer boughtG, int packedG, String plannedCarton, String packedCarton) {
        if (plannedCarton != null && packedCarton != null && !plannedCarton.equals(packedCarton)) return false;
        if (boughtG == null) return true;
        int diff = Math.abs(packedG - boughtG);
        return diff <= toleranceG || diff * 100L <= (long) tolerancePercent * boughtG;
    }

    /** A parcel's label as the carrier made it: pending (not bought yet), or its PDF (if it came as one) and its ZPL. */
    public record Files(boolean pending, byte[] pdf, byte[] zpl) {}

    /** The carrier's label of a shipment, or null when Surge drew it (own-account range). */
    public Files files(long shipmentId, int dpi) {
        try (Connection c = db.getConnection()) {
            Files f = Jdbc.one(c, """
                    select id, status, label_format, label from parcel_label where shipment_id = ? and status in ('BOUGHT','BUYING','PLANNED','FAILED','ADDRESS_HOLD')
                     order by version desc limit 1""", rs -> {
                if (!rs.getString(2).equals("BOUGHT")) return new Files(true, null, null);
                return new Files(false, "PDF".equals(rs.getString(3)) ? rs.getBytes(4) : null, print.zplFor(c, rs.getLong(1), dpi));
            }, shipmentId);
            return f != null && !f.pending() && f.zpl() == null ? null : f; // the own range: Surge's drawing is the label
        } catch (SQLException e) {
            throw io.surgewms.platform.Tx.unchecked(e);
        }
    }

    /** A cancelled order's labels: bought ones (or one being bought) are voided, plans dropped; same transaction as the cancel. */
    void onCancel(@Observes OrderCancelled e) throws SQLException {
        Jdbc.update(e.connection(), """
                update parcel_label set status = case when status in ('BOUGHT','BUYING') then 'VOID_PENDING'
                                                      -- a buy was tried on a quote: its answer may have been lost, ask before dropping
                                                      when rate_ref is not null and attempts > 0 then 'VOID_PENDING'
                                                      else 'DROPPED' end,
                       -- a label being bought is voided once its worker is done with it (or its lease runs out), not while
                       -- the purchase is still in flight: then nothing is recorded yet, and it would be dropped unrefunded
                       next_attempt = case when status = 'BUYING' then next_attempt else now() end, last_error = 'order cancelled'
                 where order_id = ? and status in """ + LabelStatus.LIVE_SQL, e.orderId());
    }

    private record Row(long id, LabelStatus status, String provider, String carrier, String service, String tracking,
                       Integer boughtWeightG, String carton, Long shipmentId, String lastError) {}

    private static Row live(Connection c, long orderId, int parcelNo) throws SQLException {
        return Jdbc.one(c, """
                select id, status, provider, carrier, service, tracking_number, bought_weight_g, carton, shipment_id, last_error
                  from parcel_label where order_id = ? and parcel_no = ? and status in """ + LabelStatus.LIVE_SQL + " for update",
                rs -> new Row(rs.getLong(1), LabelStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Jdbc.intOrNull(rs, 7), rs.getString(8), Jdbc.longOrNull(rs, 9), rs.getString(10)),
                orderId, parcelNo);
    }
}

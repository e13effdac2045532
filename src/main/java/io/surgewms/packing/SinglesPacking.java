package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.barcode.Gtin;
import io.surgewms.barcode.ScanText;
import io.surgewms.barcode.Sscc;
import io.surgewms.devices.PrintQueue;
import io.surgewms.labels.PrinterFonts;
import io.surgewms.labels.ShippingLabel;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import io.surgewms.shipping.ParcelLabels;
import io.surgewms.shipping.own.OwnCarrier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Scan-and-ship for singles: the packer scans one unit from a bulk tote, the earliest-deadline
 * picked single-unit order for that SKU is taken (SKIP LOCKED: two stations never get the same
 * order), its parcel is closed with the station's default carton and its label queued — one scan,
 * one label.
 *
 * <p>The floor's hottest write, so it is two statements and a commit, not the ~25 of the general
 * pack path ({@link ShipmentWriter}): under a spike every round trip to PostgreSQL waits for a core
 * behind intake and the pickers, and the packer waits for the beep. One query checks the station,
 * claims the order, reads all the label needs and (own-account carrier) draws the tracking serial;
 * one statement writes the parcel, its line, its label job, the order's PACKED step and the scan.
 * Same rows as the general path. A cloud carrier draws its tracking number in a call of its own.
 */
@ApplicationScoped
public class SinglesPacking {

    @Inject AgroalDataSource db;
    @Inject ShipmentWriter shipments;
    @Inject ShipmentLabels labels;
    @Inject PrintQueue printQueue;
    @Inject OwnCarrier ownCarrier;
    @Inject ParcelLabels parcelLabels;

    public PackView.Answer scan(String stationCode, String code, String packer) {
        return scan(stationCode, code, packer, null);
    }

    /** @param device the serial scanner the scan came from, or null for the station's page */
    public PackView.Answer scan(String stationCode, String code, String packer, String device) {
        PackView.Answer a = scanIfSingles(stationCode, code, packer, device);
        if (a == null) throw ProblemException.conflict("Station " + stationCode + " is not a singles station");
        return a;
    }

    /**
     * The scan, if the station is a singles station; null (nothing done, nothing recorded) if it is another kind.
     * A station's scanner asks this first, so a singles scan needs no separate look at the station.
     */
    public PackView.Answer scanIfSingles(String stationCode, String code, String packer, String device) {
        if (packer == null || packer.isBlank()) throw ProblemException.invalid("packer", "required");
        String clean = ScanText.clean(code);
        PackView.Answer answer = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                PackView.Answer a = shipOne(c, stationCode, clean, packer, device);
                return a == null || a.shipmentId() != null ? a : PackScans.record(c, stationCode, device, packer, clean, null, a);
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        if (answer != null && answer.shipmentId() != null) printQueue.wake(); // committed: the label may go now
        if (answer != null && "LABEL_PENDING".equals(answer.reason())) parcelLabels.pendingCommitted();
        return answer;
    }

    /** The station, the printer its labels go to, the order claimed for the scanned item (if any) and its label's facts. */
    private static final String CLAIM = """
            with item as (select id from product where sku = ? union select product_id from product_barcode where barcode = ?),
                 -- V46's queue, read in deadline order straight off its index whatever the planner thinks of the backlog,
                 -- for each product the code names (shops of a 3PL may sell the same GTIN). Only rows another transaction
                 -- holds are skipped below, fewer than pooled connections, so the earliest free order is among these.
                 next as materialized (select q.order_id, q.product_id, q.deadline, q.priority
                                         from item i
                                         cross join lateral (select order_id, product_id, deadline, priority from singles_waiting
                                                              where product_id = i.id order by deadline, priority desc, order_id limit 64) q
                                        where exists (select 1 from pack_station where code = ? and kind = 'SINGLES' and active)),
                 pick as (select o.id, q.product_id from next q join orders o on o.id = q.order_id
                           where o.status = 'PICKED' and o.units = 1
                             and not exists (select 1 from shipment sh where sh.order_id = o.id and sh.status <> 'VOID')
                           order by q.deadline, q.priority desc, q.order_id
                           limit 1 for update of o skip locked),
                 picked as (select pick.id, pick.product_id, l.sku, p.name, p.weight_g from pick
                              join order_line l on l.order_id = pick.id and l.product_id = pick.product_id
                              join product p on p.id = pick.product_id)
            select st.kind, (select count(*) from item), st.default_carton, ct.code is not null, coalesce(ct.tare_g, 0),
                   dev.name, coalesce(dev.dpi, st.label_dpi), st.printer_host, st.printer_port,
                   picked.id, picked.product_id, picked.sku, picked.name, picked.weight_g,
                   (select count(*) + 1 from shipment x where x.order_id = o.id), o.carrier, o.service, o.external_id, s.code, s.name,
                   o.ship_to_name, o.ship_to_line1, o.ship_to_line2, o.ship_to_city, o.ship_to_region, o.ship_to_postal, o.ship_to_country,
                   case when picked.id is not null then nextval('sscc_serial') end,
                   -- own-account range: the tracking serial now, one round trip less; a provider's label is bought ahead
                   case when picked.id is not null and not via.provider then nextval('tracking_serial') end,
                   via.provider,
                   dev.unicode_font, o.ship_to_company
              from pack_station st
              left join carton_type ct on ct.code = st.default_carton and ct.active
              left join lateral (select d.name, case when d.options->>'dpi' in ('203','300') then (d.options->>'dpi')::int end as dpi,
                                        d.options->>'unicodeFont' as unicode_font
                                   from device d where d.station = st.code and d.kind = 'PRINTER' and d.enabled
                                  order by d.name limit 1) dev on true
              left join picked on true
              left join orders o on o.id = picked.id
              left join shop s on s.id = o.shop_id
              -- does a provider sell this order's label (TikTok ships it, or the shop has a carrier account)?
              left join lateral (select o.carrier = 'TIKTOK' or exists (select 1 from carrier_account a
                                                                         where a.shop_id = o.shop_id and a.active) as provider) via on true
             where st.code = ? and st.active""";

    static final String WRITE = """
            with sh as (insert into shipment (order_id, parcel_no, station, carrier, service, tracking_number, sscc, carton, weight_g, packed_by,
                                              label_provider)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id),
                 line as (insert into shipment_line (shipment_id, product_id, sku, quantity) select id, ?, ?, 1 from sh),
                 job as (insert into print_job (station, shipment_id, format, payload, printer, printer_host, printer_port, status)
                         select ?, id, 'ZPL', ?, ?, ?, ?, ? from sh),
                 packed as (update orders set status = 'PACKED', updated_at = now() where id = ? and status = 'PICKED' returning id),
                 event as (insert into order_event (order_id, from_status, to_status, actor, note)
                           select id, 'PICKED', 'PACKED', ?, 'all units in parcels' from packed),
                 scanned as (insert into scan (device, actor, location, code, expected, result, message)
                             values (?, ?, ?, ?, ?, 'ACCEPTED', ?))
            select id from sh""";

    /** Null if the station is not a singles station. */
    PackView.Answer shipOne(Connection c, String stationCode, String code, String packer, String device) throws SQLException {
        boolean unreadable = code.isEmpty(), badCheck = Gtin.looksLikeGtin(code) && !Gtin.isValid(code);
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            String claimed = unreadable || badCheck ? "" : code; // matches no item: the query only reads the station
            ps.setString(1, claimed);
            ps.setString(2, claimed);
            ps.setString(3, stationCode);
            ps.setString(4, stationCode);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No pack station " + stationCode);
                if (!rs.getString(1).equals("SINGLES")) return null;
                if (unreadable) return PackView.Answer.reject("UNREADABLE", "Nothing readable was scanned: scan again");
                if (badCheck) return PackView.Answer.reject("BAD_CHECK_DIGIT", "Barcode " + code + " has a wrong check digit: scan again");
                if (rs.getInt(2) == 0) return PackView.Answer.reject("UNKNOWN_ITEM", code + " is no known item: put it aside");
                if (rs.getObject(10) == null) return PackView.Answer.reject("NO_ORDER_WAITS", "No picked order waits for " + code + ": put it aside");
                String carton = rs.getString(3);
                if (carton != null && !rs.getBoolean(4)) throw ProblemException.invalid("carton", "unknown carton type '" + carton + "'");
                return write(c, new Claim(stationCode, code, packer, device, rs, carton));
            }
        }
    }

    /** What the claim query read, in the order the write needs it. */
    private record Claim(String station, String code, String packer, String device, String carton, int weightG,
                         ShipmentWriter.StationPrinter printer, String printerHost, Integer printerPort,
                         long orderId, long productId, String sku, String name, int parcelNo, String carrier, String service,
                         String externalId, String shopCode, String shopName, ShippingLabel.Address to, long ssccSerial,
                         Long trackingSerial, boolean viaProvider, PrinterFonts fonts) {

        Claim(String station, String code, String packer, String device, ResultSet rs, String carton) throws SQLException {
            this(station, code, packer, device, carton, rs.getInt(14) + rs.getInt(5),
                    new ShipmentWriter.StationPrinter(rs.getString(6), rs.getString(8) != null && rs.getObject(9) != null, rs.getInt(7)),
                    rs.getString(8), (Integer) rs.getObject(9),
                    rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13), rs.getInt(15), rs.getString(16), rs.getString(17),
                    rs.getString(18), rs.getString(19), rs.getString(20), ShipmentLabels.shipTo(rs, 21, 32), rs.getLong(28),
                    (Long) rs.getObject(29), rs.getBoolean(30), printerFonts(rs.getString(31)));
        }
    }

    private PackView.Answer write(Connection c, Claim k) throws SQLException {
        ParcelLabels.ForParcel bought = k.viaProvider() ? parcelLabels.take(c, k.orderId(), k.parcelNo(), k.weightG(), k.carton(), k.printer().dpi())
                : new ParcelLabels.Own();
        if (bought instanceof ParcelLabels.Pending) return writePending(c, k);
        ParcelLabels.Ready ready = bought instanceof ParcelLabels.Ready r ? r : null;
        String tracking = ready != null ? ready.tracking() : ownCarrier.trackingNumber(c, k.trackingSerial());
        String carrier = ready != null ? ready.carrier() : k.carrier(), service = ready != null ? ready.service() : k.service();
        String sscc = Sscc.of(0, labels.companyPrefix(), k.ssccSerial());
        byte[] carriers = ready != null ? ready.zpl() : null; // null: the own range, Surge draws the label
        ShippingLabel label = carriers != null ? null : labels.label(carrier, service, tracking, sscc, k.weightG(), k.parcelNo(), k.parcelNo(),
                k.externalId(), k.shopName(), k.to());
        String message = "Order " + k.orderId() + " packed: " + k.printer().where();
        long shipment;
        try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            int i = 1;
            ps.setLong(i++, k.orderId());
            ps.setInt(i++, k.parcelNo());
            ps.setString(i++, k.station());
            ps.setString(i++, carrier);
            ps.setString(i++, service);
            ps.setString(i++, tracking);
            ps.setString(i++, sscc);
            ps.setString(i++, k.carton());
            ps.setInt(i++, k.weightG());
            ps.setString(i++, k.packer());
            ps.setString(i++, ready != null ? ready.provider() : null);
            ps.setLong(i++, k.productId());
            ps.setString(i++, k.sku());
            ps.setString(i++, k.station());
            ps.setBytes(i++, carriers != null ? carriers : labels.zpl(label, k.printer().dpi(), k.fonts()).getBytes(StandardCharsets.US_ASCII));
            ps.setString(i++, k.printer().device());
            ps.setString(i++, k.printer().device() == null ? k.printerHost() : null);
            ps.setObject(i++, k.printer().device() == null ? k.printerPort() : null);
            ps.setString(i++, k.printer().any() ? "QUEUED" : "HELD");
            ps.setLong(i++, k.orderId());
            ps.setString(i++, "packer:" + k.packer());
            ps.setString(i++, k.device() != null ? k.device() : "station:" + k.station());
            ps.setString(i++, k.packer());
            ps.setString(i++, k.station());
            ps.setString(i++, k.code().length() > 200 ? k.code().substring(0, 200) : k.code());
            ps.setString(i++, "ITEM of order " + k.orderId());
            ps.setString(i, message);
            try (ResultSet rs = ps.executeQuery()) { rs.next(); shipment = rs.getLong(1); }
        }
        if (ready != null) parcelLabels.attach(c, ready, shipment, null);
        PackView after = new PackView(k.station(), k.orderId(), k.externalId(), k.shopCode(), "PACKED", 1,
                List.of(new PackView.Line(k.sku(), k.name(), 1, 1, 0)), k.carton(), k.weightG());
        return new PackView.Answer("ACCEPTED", null, message, after, shipment);
    }

    /** The printer's Unicode font (device option unicodeFont), when it names a usable one. */
    private static PrinterFonts printerFonts(String unicodeFont) {
        return unicodeFont != null && PrinterFonts.problemWith(unicodeFont) == null ? PrinterFonts.of(unicodeFont) : PrinterFonts.NONE;
    }

    /**
     * The order's label is not bought yet (the provider is slow or down): the parcel is written the general way,
     * without a tracking number or a print job, and the buyer prints it when it has it. The packer sees
     * "label pending" and goes on; nothing prints twice.
     */
    private PackView.Answer writePending(Connection c, Claim k) throws SQLException {
        PackQueries.Station station = PackQueries.station(c, k.station());
        ShipmentWriter.Written w = shipments.writeParcel(c, station, k.orderId(),
                List.of(new ShipmentWriter.Item(k.productId(), k.sku(), 1, k.weightG())), k.packer(), k.weightG(), k.carton());
        ShipmentWriter.orderPacked(c, k.orderId(), k.packer());
        PackView after = new PackView(k.station(), k.orderId(), k.externalId(), k.shopCode(), "PACKED", 1,
                List.of(new PackView.Line(k.sku(), k.name(), 1, 1, 0)), k.carton(), k.weightG());
        PackView.Answer a = new PackView.Answer("ACCEPTED", "LABEL_PENDING", "Order " + k.orderId() + " packed: " + w.where(k.printer()), after, w.id());
        return PackScans.record(c, k.station(), k.device(), k.packer(), k.code(), k.orderId(), a);
    }
}

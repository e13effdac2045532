package io.surgewms.bench.ship;

import io.surgewms.devices.printer.FakeZebra;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** After the drain: the database, the fake carrier and the printers, held against each other. */
public final class ShipChecks {
    /** The fake's ZPL label: "^FDUSPS <tracking>^FS". */
    static final Pattern PRINTED = Pattern.compile("\\^FDUSPS ([0-9]+)\\^FS");

    public long shipments, missing, noTracking, noPrintJob, pendingParcels, trackingMismatch, boughtTwice, cancelledBought,
            voidedOnCancel, unrefunded, orphanPurchases, printedTwice, notPrinted, stuckLabels;
    public Map<String, Long> labelStatus = new LinkedHashMap<>(), printJobs = new LinkedHashMap<>();
    public final List<String> evidence = new ArrayList<>();

    public static ShipChecks run(String dbUrl, SlowEasyPost ep, List<FakeZebra> printers, Map<Long, String> cancelled) throws Exception {
        ShipChecks k = new ShipChecks();
        Map<String, Integer> twice = ep.boughtTwice();
        k.boughtTwice = twice.size();
        twice.entrySet().stream().limit(5).forEach(e -> k.evidence.add("bought " + e.getValue() + " times: parcel key " + e.getKey()));
        Set<String> refunded = ep.refunded();
        Map<String, String> soldTracking = ep.trackingByReference();
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "")) {
            k.shipments = scalar(c, "select count(*) from shipment where station like 'SHP-%' and status <> 'VOID'");
            k.noTracking = scalar(c, "select count(*) from shipment where station like 'SHP-%' and status <> 'VOID' and tracking_number is null");
            k.noPrintJob = scalar(c, """
                    select count(*) from shipment s where s.station like 'SHP-%' and s.status <> 'VOID'
                       and not exists (select 1 from print_job j where j.shipment_id = s.id)""");
            k.missing = scalar(c, """
                    select count(*) from shipment s where s.station like 'SHP-%' and s.status <> 'VOID'
                       and (s.tracking_number is null or not exists (select 1 from print_job j where j.shipment_id = s.id))""");
            k.pendingParcels = scalar(c, "select count(*) from shipment where station like 'SHP-%' and label_state = 'PENDING'");
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select s.id, s.order_id, s.label_state, l.status, l.idempotency_key, l.tracking_number, l.attempts, l.last_error,
                           to_char(l.bought_at, 'HH24:MI:SS.MS'), to_char(s.packed_at, 'HH24:MI:SS.MS')
                      from shipment s left join parcel_label l on l.shipment_id = s.id
                     where s.station like 'SHP-%' and s.status <> 'VOID'
                       and (s.tracking_number is null or not exists (select 1 from print_job j where j.shipment_id = s.id))
                     order by s.id limit 5""")) {
                while (rs.next()) k.evidence.add("label missing: shipment %d (order %d) label_state=%s, its label row %s key=%s tracking=%s attempts=%s bought_at=%s packed_at=%s last_error=%s"
                        .formatted(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(9), rs.getString(10), rs.getString(8)));
            }
            try (ResultSet rs = c.createStatement().executeQuery("select status, count(*) from parcel_label group by status order by status")) {
                while (rs.next()) k.labelStatus.put(rs.getString(1), rs.getLong(2));
            }
            k.stuckLabels = scalar(c, "select count(*) from parcel_label where status in ('PLANNED','BUYING','VOID_PENDING')");
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select j.status, count(*) from print_job j join shipment s on s.id = j.shipment_id where s.station like 'SHP-%'
                     group by j.status order by j.status""")) {
                while (rs.next()) k.printJobs.put(rs.getString(1), rs.getLong(2));
            }
            // each packed parcel carries the number EasyPost sold for its key
            Map<String, String> dbTracking = new HashMap<>(), statusByKey = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select l.idempotency_key, s.tracking_number, l.tracking_number, l.status from parcel_label l
                      left join shipment s on s.id = l.shipment_id""")) {
                while (rs.next()) {
                    statusByKey.put(rs.getString(1), rs.getString(4));
                    if (rs.getString(3) != null) dbTracking.put(rs.getString(1), rs.getString(3));
                    if (rs.getString(2) != null && !rs.getString(2).equals(soldTracking.get(rs.getString(1)))) {
                        k.trackingMismatch++;
                        if (k.trackingMismatch <= 3) k.evidence.add("parcel of key " + rs.getString(1) + " carries " + rs.getString(2)
                                + ", EasyPost sold " + soldTracking.get(rs.getString(1)));
                    }
                }
            }
            // paid for at EasyPost but not known to Surge: nobody prints it, nobody refunds it
            for (var e : soldTracking.entrySet()) {
                if (!e.getValue().equals(dbTracking.get(e.getKey()))) {
                    k.orphanPurchases++;
                    if (k.orphanPurchases <= 5) k.evidence.add("EasyPost sold " + e.getValue() + " for key " + e.getKey() + " (refunded: "
                            + refunded.contains(e.getKey()) + "); Surge's row: " + statusByKey.get(e.getKey()) + ", tracking " + dbTracking.get(e.getKey()));
                }
            }
            // cancelled orders: each label EasyPost sold for them must come back as a refund
            Map<Long, List<String>> keys = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("select order_id, idempotency_key from parcel_label")) {
                while (rs.next()) keys.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>()).add(rs.getString(2));
            }
            synchronized (cancelled) {
                for (var e : cancelled.entrySet()) {
                    for (String key : keys.getOrDefault(e.getKey(), List.of())) {
                        if (!soldTracking.containsKey(key)) continue;
                        k.cancelledBought++;
                        if (refunded.contains(key)) k.voidedOnCancel++;
                        else {
                            k.unrefunded++;
                            if (k.unrefunded <= 5) k.evidence.add("not refunded: order " + e.getKey() + " cancelled while its label was "
                                    + e.getValue() + "; key " + key + " now " + statusByKey.get(key));
                        }
                    }
                }
            }
        }
        Map<String, Integer> printed = new HashMap<>();
        for (FakeZebra z : printers)
            for (byte[] label : z.labels()) {
                Matcher m = PRINTED.matcher(new String(label, StandardCharsets.ISO_8859_1));
                while (m.find()) printed.merge(m.group(1), 1, Integer::sum);
            }
        k.printedTwice = printed.values().stream().filter(n -> n > 1).count();
        k.notPrinted = Math.max(0, k.shipments - printed.size());
        return k;
    }

    static long scalar(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) { rs.next(); return rs.getLong(1); }
    }
}

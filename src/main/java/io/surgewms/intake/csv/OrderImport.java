package io.surgewms.intake.csv;

import io.agroal.api.AgroalDataSource;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.OrderRequest;
import io.surgewms.intake.OrderResult;
import io.surgewms.platform.CsvReader;
import io.surgewms.platform.CsvTable;
import io.surgewms.platform.CsvWriter;
import io.surgewms.platform.ImportResult.Rejected;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CSV import of orders: one row per order line, the order's columns repeated on each of its rows.
 * Rows are grouped into orders by (shop, external_id); every row is checked (required fields, dates,
 * numbers, country, shop, SKU, order columns equal across the order's rows). An order with any bad
 * row is not imported at all; the others go through {@link OrderIntake} as channel {@code csv}, so
 * importing the same file again finds them (EXISTING) and creates nothing.
 */
@ApplicationScoped
public class OrderImport {

    public static final String CHANNEL = "csv";
    public static final int MAX_ORDERS = 5000;

    /** Order columns: the same on every row of one order. */
    static final List<String> ORDER_COLUMNS = List.of("shop", "external_id", "ship_by", "carrier", "service", "priority",
            "content_tag", "name", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone", "email");
    static final List<String> REQUIRED = List.of("shop", "external_id", "ship_by", "carrier", "service", "name", "line1",
            "city", "postal_code", "country", "sku", "quantity");
    static final List<String> OPTIONAL = List.of("priority", "content_tag", "company", "line2", "region", "phone", "email");
    /** The template's column order. */
    public static final List<String> COLUMNS = List.of("shop", "external_id", "ship_by", "carrier", "service", "priority",
            "content_tag", "name", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone", "email", "sku", "quantity");

    /** What became of one order of the file: its rows, and CREATED, EXISTING or REJECTED. */
    public record OrderOutcome(String shop, String externalId, List<Integer> rows, OrderResult.Outcome outcome,
                               Long orderId, String status, String reason) {}

    /** Counts of orders, each row's errors ({row, field, reason}; rows from 1, the header not counted), each order's outcome. */
    public record Result(int created, int existing, int rejected, List<Rejected> errors, List<OrderOutcome> orders) {}

    @Inject OrderIntake intake;
    @Inject Validator validator;
    @Inject AgroalDataSource db;

    private record Line(int row, CsvReader.Row fields, String shop, String externalId) {}

    /** The template: the header and one example order line, for a shop and SKU of the caller's when known. */
    public String template(String shop, String sku) {
        String ship = OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.HOURS).toString();
        return new CsvWriter().row(COLUMNS.toArray())
                .row(shop, "1001", ship, "UPS", "GROUND", 0, "", "Zoë Buyer", "", "1 Main St, Suite 5", "", "Austin", "TX", "78701",
                        "US", "+1 512 555 0100", "zoe@example.com", sku, 1)
                .toString();
    }

    /** The first SKU of a shop, for the template's example row; null when the shop has none. */
    public String firstSku(String shop) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select p.sku from product p join shop s on s.id = p.shop_id where s.code = ? order by p.id limit 1")) {
            ps.setString(1, shop);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Imports the file. {@code mayUseShop} says which shops the caller may write: rows of any other
     * shop are refused as an unknown shop (its existence does not leak) and nothing of theirs is written.
     */
    public Result csv(String text, Predicate<String> mayUseShop) {
        CsvTable csv = CsvTable.parse(text, REQUIRED, OPTIONAL);
        List<Rejected> errors = new ArrayList<>();
        // 1. each row on its own: fields present and well-formed
        csv.map((f, errs) -> {
            for (String col : REQUIRED) if (csv.text(f, col) == null) errs.add(new FieldError(col, "is required"));
            String shipBy = csv.text(f, "ship_by");
            if (shipBy != null) {
                try {
                    OffsetDateTime.parse(shipBy);
                } catch (DateTimeParseException e) {
                    errs.add(new FieldError("ship_by", "'" + shipBy + "' is not a date-time with offset such as 2026-11-23T16:00:00Z"));
                }
            }
            Integer q = csv.whole(f, "quantity", errs);
            if (q != null && (q < 1 || q > 10_000)) errs.add(new FieldError("quantity", "must be from 1 to 10000, got " + q));
            Integer p = csv.whole(f, "priority", errs);
            if (p != null && (p < 0 || p > 9)) errs.add(new FieldError("priority", "must be from 0 to 9, got " + p));
            String country = csv.text(f, "country");
            if (country != null && !country.matches("[A-Za-z]{2}"))
                errs.add(new FieldError("country", "'" + country + "' is not an ISO 3166-1 alpha-2 code such as US or GB"));
            return f;
        }, errors);
        Set<Integer> badRows = new HashSet<>();
        for (Rejected r : errors) badRows.add(r.row());

        // 2. group the rows into orders; rows without shop or external id belong to none (already reported)
        Map<List<String>, List<Line>> orders = new LinkedHashMap<>();
        for (int i = 0; i < csv.rows().size(); i++) {
            CsvReader.Row f = csv.rows().get(i);
            String shop = csv.text(f, "shop"), ext = csv.text(f, "external_id");
            if (shop == null || ext == null) continue;
            orders.computeIfAbsent(List.of(shop, ext), k -> new ArrayList<>()).add(new Line(i + 1, f, shop, ext));
        }
        if (orders.size() > MAX_ORDERS)
            throw ProblemException.invalid("$", "at most " + MAX_ORDERS + " orders per file, got " + orders.size());

        // 3. shops the caller may use, and their SKUs named in the file
        Map<String, Long> shops = shopIds(orders.keySet().stream().map(k -> k.get(0)).distinct().filter(mayUseShop).toList());
        Set<String> skus = knownSkus(csv, orders, shops);

        List<OrderRequest> valid = new ArrayList<>();
        List<List<Line>> validLines = new ArrayList<>();
        List<OrderOutcome> outcomes = new ArrayList<>();
        Map<Integer, Integer> outcomeAt = new LinkedHashMap<>();
        for (List<Line> lines : orders.values()) {
            List<Rejected> mine = new ArrayList<>();
            Line first = lines.get(0);
            if (!shops.containsKey(first.shop()))
                for (Line l : lines) mine.add(new Rejected(l.row(), "shop", "no shop " + first.shop()));
            for (Line l : lines) {
                if (l.fields().fields().size() != first.fields().fields().size()) continue; // ragged: reported
                if (l != first && !badRows.contains(l.row()) && !badRows.contains(first.row()))
                    for (String col : ORDER_COLUMNS) {
                        String a = csv.text(first.fields(), col), b = csv.text(l.fields(), col);
                        if (!java.util.Objects.equals(a, b))
                            mine.add(new Rejected(l.row(), col, "differs from row " + first.row() + " of the same order ('"
                                    + (b == null ? "" : b) + "' vs '" + (a == null ? "" : a) + "')"));
                    }
                String sku = csv.text(l.fields(), "sku");
                if (shops.containsKey(first.shop()) && sku != null && !skus.contains(first.shop() + '\u0000' + sku))
                    mine.add(new Rejected(l.row(), "sku", "no SKU " + sku + " in shop " + first.shop()));
            }
            boolean bad = !mine.isEmpty() || lines.stream().anyMatch(l -> badRows.contains(l.row()));
            OrderRequest order = null;
            if (!bad) {
                order = request(csv, lines);
                for (ConstraintViolation<OrderRequest> v : validator.validate(order)) {
                    String path = v.getPropertyPath().toString();
                    int row = first.row();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("lines\\[(\\d+)]").matcher(path);
                    if (m.find()) row = lines.get(Integer.parseInt(m.group(1))).row();
                    mine.add(new Rejected(row, column(path), v.getMessage()));
                }
                bad = !mine.isEmpty();
            }
            errors.addAll(mine);
            List<Integer> rowNumbers = lines.stream().map(Line::row).toList();
            if (bad) {
                outcomes.add(new OrderOutcome(first.shop(), first.externalId(), rowNumbers, OrderResult.Outcome.REJECTED, null, null,
                        "a row of this order is wrong; nothing of it was imported"));
            } else {
                outcomeAt.put(valid.size(), outcomes.size());
                outcomes.add(null);
                valid.add(order);
                validLines.add(lines);
            }
        }

        // 4. the good orders, through intake (idempotent on shop, csv, external id)
        if (!valid.isEmpty()) {
            List<OrderResult> results = intake.submit(valid).join();
            for (int k = 0; k < results.size(); k++) {
                OrderResult r = results.get(k);
                List<Line> lines = validLines.get(k);
                String reason = null;
                if (r.outcome() == OrderResult.Outcome.REJECTED) {
                    reason = r.problem() == null ? "rejected by intake" : r.problem().detail();
                    errors.add(new Rejected(lines.get(0).row(), "$", reason));
                }
                outcomes.set(outcomeAt.get(k), new OrderOutcome(lines.get(0).shop(), lines.get(0).externalId(),
                        lines.stream().map(Line::row).toList(), r.outcome(), r.orderId(), r.status(), reason));
            }
        }
        errors.sort(Comparator.comparingInt(Rejected::row).thenComparing(Rejected::field));
        int created = 0, existing = 0, rejected = 0;
        for (OrderOutcome o : outcomes) {
            switch (o.outcome()) {
                case CREATED -> created++;
                case EXISTING -> existing++;
                case REJECTED -> rejected++;
            }
        }
        return new Result(created, existing, rejected, errors, outcomes);
    }

    private static OrderRequest request(CsvTable csv, List<Line> lines) {
        CsvReader.Row f = lines.get(0).fields();
        List<OrderRequest.Line> items = new ArrayList<>();
        for (Line l : lines) items.add(new OrderRequest.Line(csv.text(l.fields(), "sku"), Integer.valueOf(csv.text(l.fields(), "quantity"))));
        String priority = csv.text(f, "priority");
        return new OrderRequest(csv.text(f, "shop"), CHANNEL, csv.text(f, "external_id"), OffsetDateTime.parse(csv.text(f, "ship_by")),
                csv.text(f, "carrier"), csv.text(f, "service"), priority == null ? 0 : Integer.valueOf(priority), csv.text(f, "content_tag"),
                new OrderRequest.Address(csv.text(f, "name"), csv.text(f, "company"), csv.text(f, "line1"), csv.text(f, "line2"), csv.text(f, "city"),
                        csv.text(f, "region"), csv.text(f, "postal_code"), csv.text(f, "country").toUpperCase(Locale.ROOT),
                        csv.text(f, "phone"), csv.text(f, "email")),
                items);
    }

    /** The CSV column of an OrderRequest property path. */
    private static String column(String path) {
        String leaf = path.replaceAll(".*\\.", "").replaceAll("\\[\\d+]", "");
        return switch (leaf) {
            case "externalId" -> "external_id";
            case "shipBy" -> "ship_by";
            case "contentTag" -> "content_tag";
            case "postalCode" -> "postal_code";
            case "lines" -> "sku";
            case "shipTo" -> "name";
            default -> leaf;
        };
    }

    private Map<String, Long> shopIds(List<String> codes) {
        Map<String, Long> ids = new java.util.HashMap<>();
        if (codes.isEmpty()) return ids;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select code, id from shop where code = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.stream().distinct().toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return ids;
    }

    /** "shop\0sku" of every (shop, SKU) named in the file that exists. */
    private Set<String> knownSkus(CsvTable csv, Map<List<String>, List<Line>> orders, Map<String, Long> shops) {
        List<String> s = new ArrayList<>(), k = new ArrayList<>();
        for (var e : orders.entrySet()) {
            String shop = e.getKey().get(0);
            if (!shops.containsKey(shop)) continue;
            for (Line l : e.getValue()) {
                String sku = csv.text(l.fields(), "sku");
                if (sku != null) { s.add(shop); k.add(sku); }
            }
        }
        Set<String> known = new HashSet<>();
        if (s.isEmpty()) return known;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select distinct s.code, p.sku from unnest(?::text[], ?::text[]) as u(shop, sku)"
                        + " join shop s on s.code = u.shop join product p on p.shop_id = s.id and p.sku = u.sku")) {
            ps.setArray(1, c.createArrayOf("text", s.toArray(String[]::new)));
            ps.setArray(2, c.createArrayOf("text", k.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) known.add(rs.getString(1) + '\u0000' + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return known;
    }
}

package io.surgewms.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surgewms.platform.CsvReader;
import io.surgewms.platform.CsvTable;
import io.surgewms.platform.ImportResult;
import io.surgewms.platform.ImportResult.Rejected;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Bulk upsert of products by (shop, SKU) from JSON, CSV or Java. A row that fails writes nothing
 * and is reported; the others are written in one transaction with a fixed handful of set-based
 * statements (unnest of arrays), so 10,000 rows cost the same few round trips as ten.
 */
@ApplicationScoped
public class ProductImport {

    private static final Logger LOG = Logger.getLogger(ProductImport.class);

    static final List<String> REQUIRED = List.of("shop", "sku", "name");
    static final List<String> OPTIONAL = List.of("barcodes", "weight_g", "length_mm", "width_mm", "height_mm", "components");
    private static final Map<String, String> CSV_NAMES = Map.of(
            "weightG", "weight_g", "lengthMm", "length_mm", "widthMm", "width_mm", "heightMm", "height_mm");

    @Inject
    Validator validator;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    private record Row(int row, NewProduct product) {}

    private record Key(long shopId, String value) {}

    /** Rows as Java callers (the demo loader) hold them; rows are numbered from 1. */
    @Transactional
    public ImportResult rows(List<NewProduct> products) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) rows.add(new Row(i + 1, products.get(i)));
        return upsert(rows, new ArrayList<>(), UnaryOperator.identity());
    }

    /** A JSON array of product bodies; an element that does not fit the shape is a rejected row. */
    @Transactional
    public ImportResult json(List<JsonNode> nodes) {
        List<Row> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                rows.add(new Row(i + 1, json.treeToValue(nodes.get(i), NewProduct.class)));
            } catch (JsonMappingException e) {
                rejected.add(new Rejected(i + 1, pathOf(e), e.getOriginalMessage().split("\n")[0]));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                rejected.add(new Rejected(i + 1, "$", e.getOriginalMessage()));
            }
        }
        return upsert(rows, rejected, UnaryOperator.identity());
    }

    /**
     * CSV with header shop,sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,components; barcodes split by ';',
     * components too, each a SKU with an optional *quantity (MUG-1*2;SPOON-1).
     */
    @Transactional
    public ImportResult csv(String text) {
        CsvTable csv = CsvTable.parse(text, REQUIRED, OPTIONAL);
        List<Rejected> rejected = new ArrayList<>();
        List<Row> rows = csv.map((f, errors) -> {
            String barcodes = csv.text(f, "barcodes");
            return new NewProduct(csv.text(f, "shop"), csv.text(f, "sku"), csv.text(f, "name"),
                    barcodes == null ? List.of() : Arrays.stream(barcodes.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    csv.whole(f, "weight_g", errors), csv.whole(f, "length_mm", errors),
                    csv.whole(f, "width_mm", errors), csv.whole(f, "height_mm", errors),
                    Bundles.parse(csv.text(f, "components"), errors));
        }, rejected).stream().map(m -> new Row(m.row(), m.value())).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        // one cell holds all components: name the column, the reason names the SKU
        return upsert(rows, rejected, field -> field.startsWith("components") ? "components" : CSV_NAMES.getOrDefault(field, field));
    }

    private ImportResult upsert(List<Row> rows, List<Rejected> rejected, UnaryOperator<String> fieldName) {
        long started = System.nanoTime();
        // 1. each row on its own: shape, barcodes, shop
        List<Row> valid = new ArrayList<>();
        for (Row r : rows) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<NewProduct> v : validator.validate(r.product()))
                errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
            errors.addAll(BarcodeKind.check(r.product().barcodes()));
            errors.addAll(Bundles.shapeProblems(r.product().sku(), r.product().components()));
            errors.sort(Comparator.comparing(FieldError::field));
            errors.forEach(e -> rejected.add(new Rejected(r.row(), fieldName.apply(e.field()), e.reason())));
            if (errors.isEmpty()) valid.add(r);
        }
        Set<String> codes = valid.stream().map(r -> r.product().shop()).collect(Collectors.toSet());
        Map<String, Long> shopIds = codes.isEmpty() ? Map.of()
                : Shop.<Shop>list("code in ?1", codes).stream().collect(Collectors.toMap(s -> s.code, s -> s.id));
        Map<Key, Integer> firstRow = new HashMap<>();
        List<Row> staged = new ArrayList<>();
        for (Row r : valid) {
            Long shopId = shopIds.get(r.product().shop());
            if (shopId == null) {
                rejected.add(new Rejected(r.row(), "shop", "unknown shop '" + r.product().shop() + "'"));
                continue;
            }
            Integer first = firstRow.putIfAbsent(new Key(shopId, r.product().sku()), r.row());
            if (first != null) {
                rejected.add(new Rejected(r.row(), "sku", "sku '" + r.product().sku() + "' is already on row " + first));
                continue;
            }
            staged.add(r);
        }
        int[] counts = staged.isEmpty() ? new int[2]
                : em.unwrap(Session.class).doReturningWork(c -> write(c, staged, shopIds, rejected, fieldName));
        rejected.sort(Comparator.comparingInt(Rejected::row));
        LOG.infof("Product import: %d new, %d updated, %d rejections in %d ms", counts[0], counts[1], rejected.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new ImportResult(counts[0], counts[1], rejected);
    }

    /** Barcode ownership against the database and earlier rows, then the set-based writes. */
    private int[] write(Connection c, List<Row> staged, Map<String, Long> shopIds, List<Rejected> rejected,
                        UnaryOperator<String> fieldName) throws SQLException {
        Map<Key, Long> existing = existingProducts(c, staged, shopIds);
        // who owns each barcode now (by SKU), and which barcodes the products being updated carry
        Map<Key, String> owner = new HashMap<>();
        Map<Key, List<String>> carried = new HashMap<>();
        loadBarcodes(c, staged, shopIds, existing, owner, carried);

        List<Row> accepted = new ArrayList<>();
        for (Row r : staged) {
            long shopId = shopIds.get(r.product().shop());
            String sku = r.product().sku();
            List<String> barcodes = r.product().barcodesOrEmpty();
            String clash = null;
            for (int i = 0; i < barcodes.size() && clash == null; i++) {
                String held = owner.get(new Key(shopId, barcodes.get(i)));
                if (held != null && !held.equals(sku)) {
                    clash = "barcode '" + barcodes.get(i) + "' already names sku '" + held + "'";
                    rejected.add(new Rejected(r.row(), fieldName.apply("barcodes[" + i + "]"), clash));
                }
            }
            if (clash != null) continue;
            for (String old : carried.getOrDefault(new Key(shopId, sku), List.of())) owner.remove(new Key(shopId, old));
            for (String b : barcodes) owner.put(new Key(shopId, b), sku);
            accepted.add(r);
        }
        List<Bundles.Definition> bundles = refuseBadBundles(c, accepted, shopIds, rejected, fieldName);

        List<Row> updates = accepted.stream().filter(r -> existing.containsKey(keyOf(r, shopIds))).toList();
        List<Row> inserts = accepted.stream().filter(r -> !existing.containsKey(keyOf(r, shopIds))).toList();
        try {
            Map<Key, Long> ids = new HashMap<>(existing);
            update(c, updates, existing, shopIds);
            ids.putAll(insert(c, inserts, shopIds));
            insertBarcodes(c, accepted, ids, shopIds);
            Map<Long, Map<String, Long>> byShop = new HashMap<>();
            ids.forEach((k, id) -> byShop.computeIfAbsent(k.shopId(), x -> new HashMap<>()).put(k.value(), id));
            Bundles.write(c, bundles, byShop);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) // another writer took a SKU or barcode meanwhile
                throw ProblemException.conflict("a SKU or barcode of this import was created by another request meanwhile; nothing was imported, send it again");
            throw e;
        }
        return new int[]{inserts.size(), updates.size()};
    }

    /**
     * Takes the rows whose bundle definition cannot be written out of {@code accepted} (the whole row: a
     * bundle is never half written) and reports them; returns the definitions of the rows left.
     */
    private static List<Bundles.Definition> refuseBadBundles(Connection c, List<Row> accepted, Map<String, Long> shopIds,
                                                             List<Rejected> rejected, UnaryOperator<String> fieldName) throws SQLException {
        Map<Long, Set<String>> written = new HashMap<>();
        List<Bundles.Definition> defs = new ArrayList<>();
        for (Row r : accepted) {
            long shopId = shopIds.get(r.product().shop());
            written.computeIfAbsent(shopId, k -> new HashSet<>()).add(r.product().sku());
            if (r.product().components() != null) defs.add(new Bundles.Definition(r.row(), shopId, r.product().sku(), r.product().components()));
        }
        Set<Integer> refused = new HashSet<>();
        for (Bundles.Refusal f : Bundles.check(c, defs, written)) {
            rejected.add(new Rejected(f.row(), fieldName.apply(f.field()), f.reason()));
            refused.add(f.row());
        }
        accepted.removeIf(r -> refused.contains(r.row()));
        return defs.stream().filter(d -> !refused.contains(d.row())).toList();
    }

    private static Key keyOf(Row r, Map<String, Long> shopIds) {
        return new Key(shopIds.get(r.product().shop()), r.product().sku());
    }

    private static Map<Key, Long> existingProducts(Connection c, List<Row> rows, Map<String, Long> shopIds) throws SQLException {
        Map<Key, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select p.id, p.shop_id, p.sku from product p"
                + " join unnest(?::bigint[], ?::text[]) as k(shop_id, sku) on p.shop_id = k.shop_id and p.sku = k.sku")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> shopIds.get(r.product().shop())).toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("text", rows.stream().map(r -> r.product().sku()).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.put(new Key(rs.getLong(2), rs.getString(3)), rs.getLong(1));
            }
        }
        return ids;
    }

    private static void loadBarcodes(Connection c, List<Row> rows, Map<String, Long> shopIds, Map<Key, Long> existing,
                                     Map<Key, String> owner, Map<Key, List<String>> carried) throws SQLException {
        List<Long> shops = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Row r : rows)
            for (String b : r.product().barcodesOrEmpty()) {
                shops.add(shopIds.get(r.product().shop()));
                codes.add(b);
            }
        Set<Long> productIds = new HashSet<>(existing.values());
        try (PreparedStatement ps = c.prepareStatement(
                "select b.shop_id, b.barcode, p.sku, b.product_id from product_barcode b join product p on p.id = b.product_id"
                        + " join unnest(?::bigint[], ?::text[]) as k(shop_id, barcode) on b.shop_id = k.shop_id and b.barcode = k.barcode"
                        + " union select b.shop_id, b.barcode, p.sku, b.product_id from product_barcode b join product p on p.id = b.product_id"
                        + " where b.product_id = any(?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", shops.toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("text", codes.toArray(String[]::new)));
            ps.setArray(3, c.createArrayOf("bigint", productIds.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long shopId = rs.getLong(1);
                    owner.put(new Key(shopId, rs.getString(2)), rs.getString(3));
                    if (productIds.contains(rs.getLong(4)))
                        carried.computeIfAbsent(new Key(shopId, rs.getString(3)), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
    }

    private static void update(Connection c, List<Row> rows, Map<Key, Long> existing, Map<String, Long> shopIds) throws SQLException {
        if (rows.isEmpty()) return;
        Long[] ids = rows.stream().map(r -> existing.get(keyOf(r, shopIds))).toArray(Long[]::new);
        try (PreparedStatement ps = c.prepareStatement("update product p set name = u.name, weight_g = u.w, length_mm = u.l,"
                + " width_mm = u.wd, height_mm = u.h from unnest(?::bigint[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[])"
                + " as u(id, name, w, l, wd, h) where p.id = u.id")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            bindDetails(c, ps, rows, 2);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from product_barcode where product_id = any(?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.executeUpdate();
        }
    }

    private static Map<Key, Long> insert(Connection c, List<Row> rows, Map<String, Long> shopIds) throws SQLException {
        Map<Key, Long> ids = new HashMap<>();
        if (rows.isEmpty()) return ids;
        try (PreparedStatement ps = c.prepareStatement("insert into product (shop_id, sku, name, weight_g, length_mm, width_mm, height_mm)"
                + " select s, k, n, w, l, wd, h from unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[])"
                + " as u(s, k, n, w, l, wd, h) returning id, shop_id, sku")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(r -> shopIds.get(r.product().shop())).toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("text", rows.stream().map(r -> r.product().sku()).toArray(String[]::new)));
            bindDetails(c, ps, rows, 3);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.put(new Key(rs.getLong(2), rs.getString(3)), rs.getLong(1));
            }
        }
        return ids;
    }

    /** name, weight and dimensions as five arrays starting at parameter {@code at}. */
    private static void bindDetails(Connection c, PreparedStatement ps, List<Row> rows, int at) throws SQLException {
        ps.setArray(at, c.createArrayOf("text", rows.stream().map(r -> r.product().name().trim()).toArray(String[]::new)));
        ps.setArray(at + 1, c.createArrayOf("int4", rows.stream().map(r -> orZero(r.product().weightG())).toArray(Integer[]::new)));
        ps.setArray(at + 2, c.createArrayOf("int4", rows.stream().map(r -> orZero(r.product().lengthMm())).toArray(Integer[]::new)));
        ps.setArray(at + 3, c.createArrayOf("int4", rows.stream().map(r -> orZero(r.product().widthMm())).toArray(Integer[]::new)));
        ps.setArray(at + 4, c.createArrayOf("int4", rows.stream().map(r -> orZero(r.product().heightMm())).toArray(Integer[]::new)));
    }

    private static void insertBarcodes(Connection c, List<Row> rows, Map<Key, Long> ids, Map<String, Long> shopIds) throws SQLException {
        List<Long> shops = new ArrayList<>(), products = new ArrayList<>();
        List<String> codes = new ArrayList<>(), kinds = new ArrayList<>();
        for (Row r : rows) {
            Key k = keyOf(r, shopIds);
            for (String b : r.product().barcodesOrEmpty()) {
                shops.add(k.shopId());
                products.add(ids.get(k));
                codes.add(b);
                kinds.add(BarcodeKind.of(b).name());
            }
        }
        if (codes.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("insert into product_barcode (shop_id, product_id, barcode, kind)"
                + " select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])")) {
            ps.setArray(1, c.createArrayOf("bigint", shops.toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("bigint", products.toArray(Long[]::new)));
            ps.setArray(3, c.createArrayOf("text", codes.toArray(String[]::new)));
            ps.setArray(4, c.createArrayOf("text", kinds.toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    private static int orZero(Integer n) { return n == null ? 0 : n; }


    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }
}

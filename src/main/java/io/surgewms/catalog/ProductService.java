package io.surgewms.catalog;

import io.quarkus.panache.common.Sort;
import io.surgewms.platform.Page;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Single-product maintenance (bundles included) and lookup by SKU, text or scanned barcode. */
@ApplicationScoped
public class ProductService {

    @Inject
    ShopService shops;
    @Inject
    EntityManager em;

    @Transactional
    public ProductView create(@NotNull @Valid NewProduct req) {
        Shop shop = shops.require(req.shop(), "shop");
        List<String> barcodes = checkedBarcodes(req.barcodesOrEmpty());
        if (Product.findBySku(shop, req.sku()).isPresent())
            throw ProblemException.conflict("sku", "sku '" + req.sku() + "' already exists in shop '" + shop.code + "'");
        refuseTakenBarcodes(shop, barcodes, null);
        Bundles.Definition bundle = checkedBundle(shop, req.sku(), req.components());
        Product p = new Product();
        p.shop = shop;
        p.sku = req.sku();
        apply(p, req.name(), barcodes, req.weightG(), req.lengthMm(), req.widthMm(), req.heightMm());
        try {
            p.persistAndFlush();
        } catch (PersistenceException e) { // a concurrent request took the SKU or a barcode since the checks
            throw ProblemException.conflict("sku", "sku '" + req.sku() + "' or one of its barcodes was just taken in shop '" + shop.code + "'");
        }
        writeBundle(bundle, p);
        return view(p);
    }

    @Transactional
    public ProductView update(long id, @NotNull @Valid ProductChange req) {
        Product p = find(id);
        List<String> barcodes = checkedBarcodes(req.barcodes());
        refuseTakenBarcodes(p.shop, barcodes, p);
        Bundles.Definition bundle = checkedBundle(p.shop, p.sku, req.components());
        apply(p, req.name(), barcodes, req.weightG(), req.lengthMm(), req.widthMm(), req.heightMm());
        try {
            Product.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("barcodes", "a barcode was just taken by another product of shop '" + p.shop.code + "'");
        }
        writeBundle(bundle, p);
        return view(p);
    }

    public ProductView get(long id) {
        return view(find(id));
    }

    /**
     * Products of a shop (or of all shops) whose SKU or name contains {@code q} (any case), or
     * one of whose barcodes is exactly {@code q}. Ordered by id, i.e. by when they were created.
     */
    public Page<ProductView> list(String shop, String q, Integer page, Integer size) {
        int pg = Page.page(page), n = Page.size(size);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (shop != null && !shop.isBlank()) {
            where.append(" and p.shop = :shop");
            params.put("shop", shops.require(shop, "shop"));
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(p.sku) like :pattern escape '\\' or lower(p.name) like :pattern escape '\\'"
                    + " or exists (select 1 from ProductBarcode b where b.product = p and b.barcode = :code))");
            String escaped = q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("pattern", "%" + escaped + "%");
            params.put("code", q.trim());
        }
        var query = Product.find("from Product p where " + where, Sort.by("p.id"), params);
        List<Product> products = query.page(pg, n).list();
        return new Page<>(views(products), pg, n, query.count());
    }

    /**
     * The products a scanned barcode names: one per shop that stocks it, or the one of the given
     * shop. A GTIN-shaped code with a wrong check digit is a misread, reported as such.
     */
    public List<ProductView> byBarcode(String code, String shop) {
        String problem = BarcodeKind.problemWith(code);
        if (problem != null) throw ProblemException.invalid("code", problem);
        List<ProductBarcode> hits;
        if (shop != null && !shop.isBlank()) {
            hits = ProductBarcode.list("shopId = ?1 and barcode = ?2", shops.require(shop, "shop").id, code);
        } else {
            hits = ProductBarcode.list("barcode", code);
        }
        if (hits.isEmpty())
            throw ProblemException.notFound("No product has barcode '" + code + "'" + (shop == null || shop.isBlank() ? "" : " in shop '" + shop + "'"));
        return views(hits.stream().map(b -> b.product).distinct().toList());
    }

    private Product find(long id) {
        Product p = Product.findById(id);
        if (p == null) throw ProblemException.notFound("No product with id " + id);
        return p;
    }

    private ProductView view(Product p) {
        return views(List.of(p)).get(0);
    }

    /** Views of many products with three queries, whatever their number. */
    private List<ProductView> views(List<Product> products) {
        if (products.isEmpty()) return List.of();
        List<Long> ids = products.stream().map(p -> p.id).toList();
        Map<Long, List<ProductBarcode>> byProduct = ProductBarcode.ofProducts(ids)
                .stream().collect(Collectors.groupingBy(b -> b.product.id, LinkedHashMap::new, Collectors.toList()));
        Map<Long, List<ProductView.ComponentView>> components = jdbc(c -> Bundles.componentsOf(c, ids));
        return products.stream().map(p -> ProductView.of(p, byProduct.getOrDefault(p.id, List.of()), components.get(p.id))).toList();
    }

    /** The bundle definition to write once the product is, or null when none is given; 400 naming the field if it cannot be. */
    private Bundles.Definition checkedBundle(Shop shop, String sku, List<NewProduct.Component> components) {
        if (components == null) return null;
        List<FieldError> errors = Bundles.shapeProblems(sku, components);
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        Bundles.Definition d = new Bundles.Definition(1, shop.id, sku, components);
        List<Bundles.Refusal> refused = jdbc(c -> Bundles.check(c, List.of(d), Map.of(shop.id, Set.of(sku))));
        if (!refused.isEmpty()) throw ProblemException.invalid(refused.stream().map(r -> new FieldError(r.field(), r.reason())).toList());
        return d;
    }

    private void writeBundle(Bundles.Definition d, Product p) {
        if (d == null) return;
        jdbc(c -> {
            Bundles.write(c, List.of(d), Map.of(p.shop.id, Map.of(p.sku, p.id)));
            return null;
        });
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }

    private static List<String> checkedBarcodes(List<String> barcodes) {
        List<FieldError> errors = BarcodeKind.check(barcodes);
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        return barcodes;
    }

    /** 409 naming barcodes[i] when another product of the shop already carries that barcode. */
    private static void refuseTakenBarcodes(Shop shop, List<String> barcodes, Product self) {
        if (barcodes.isEmpty()) return;
        for (ProductBarcode taken : ProductBarcode.inShop(shop.id, barcodes)) {
            if (self != null && taken.product.id.equals(self.id)) continue;
            throw ProblemException.conflict("barcodes[" + barcodes.indexOf(taken.barcode) + "]",
                    "barcode '" + taken.barcode + "' already names sku '" + taken.product.sku + "' in shop '" + shop.code + "'");
        }
    }

    /** Replaces the product's state; barcodes kept by the change keep their rows (no delete-then-insert clash). */
    private static void apply(Product p, String name, List<String> barcodes,
                              Integer weightG, Integer lengthMm, Integer widthMm, Integer heightMm) {
        p.name = name.trim();
        p.weightG = weightG == null ? 0 : weightG;
        p.lengthMm = lengthMm == null ? 0 : lengthMm;
        p.widthMm = widthMm == null ? 0 : widthMm;
        p.heightMm = heightMm == null ? 0 : heightMm;
        Set<String> wanted = new HashSet<>(barcodes);
        p.barcodes.removeIf(b -> !wanted.contains(b.barcode));
        Set<String> kept = p.barcodes.stream().map(b -> b.barcode).collect(Collectors.toSet());
        List<ProductBarcode> added = new ArrayList<>();
        for (String code : barcodes) {
            if (kept.contains(code)) continue;
            ProductBarcode b = new ProductBarcode();
            b.shopId = p.shop.id;
            b.product = p;
            b.barcode = code;
            b.kind = BarcodeKind.of(code).name();
            added.add(b);
        }
        p.barcodes.addAll(added);
    }
}

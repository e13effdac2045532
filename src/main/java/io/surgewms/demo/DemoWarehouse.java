package io.surgewms.demo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.surgewms.barcode.Gtin;
import io.surgewms.catalog.NewProduct;
import io.surgewms.catalog.NewShop;
import io.surgewms.catalog.ProductImport;
import io.surgewms.catalog.ShopService;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.OrderRequest;
import io.surgewms.intake.OrderResult;
import io.surgewms.inventory.InventoryRequests;
import io.surgewms.inventory.InventoryService;
import io.surgewms.layout.LayoutService;
import io.surgewms.layout.LocationImport;
import io.surgewms.layout.LocationKind;
import io.surgewms.layout.NewLayout;
import io.surgewms.layout.NewLocation;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loads the demo when the database has no shop yet: shops "glow" (beauty, 300 SKUs, two of them
 * viral) and "kicks" (streetwear, 200 SKUs); zone A of 20 aisles × 25 bays × 4 levels (2,000 bins,
 * two pick-face levels), 200 totes; stock in pick faces and reserve; 400 open orders, 80% of them
 * single units of the viral SKUs, as a TikTok spike looks. Everything goes through the same
 * services as the API, so the ledger is as real as the rest.
 */
@ApplicationScoped
public class DemoWarehouse {

    private static final Logger LOG = Logger.getLogger(DemoWarehouse.class);

    @ConfigProperty(name = "surge.demo.enabled", defaultValue = "false") boolean enabled;
    @Inject AgroalDataSource db;
    @Inject ShopService shops;
    @Inject ProductImport products;
    @Inject LayoutService layouts;
    @Inject LocationImport locations;
    @Inject InventoryService inventory;
    @Inject OrderIntake intake;
    @Inject io.surgewms.security.Users users;

    /** The demo's people, one per role; every password is this (badges sign in with PIN 1234). */
    public static final String DEMO_PASSWORD = "surge-demo-1";

    void onStart(@Observes @Priority(5000) StartupEvent ev) { // after the intake writers started
        if (!enabled) return;
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from shop")) {
            rs.next();
            if (rs.getLong(1) > 0) return;
        } catch (Exception e) {
            LOG.warn("Demo warehouse not loaded: " + e.getMessage());
            return;
        }
        long t0 = System.currentTimeMillis();
        load();
        LOG.infof("Demo warehouse loaded in %d ms: shops glow and kicks, 500 SKUs, 2,000 bins, 200 totes, 2 pack stations, 400 open orders",
                System.currentTimeMillis() - t0);
    }

    private void demoUsers() {
        record U(String name, String display, String role, String shop, String badge) {}
        for (U u : List.of(new U("sam", "Sam (supervisor)", "SUPERVISOR", null, null),
                new U("pia", "Pia (picker)", "PICKER", null, "BADGE-PIA"), new U("pete", "Pete (picker)", "PICKER", null, "BADGE-PETE"),
                new U("pat", "Pat (packer)", "PACKER", null, "BADGE-PAT"),
                new U("glow-owner", "Glow Lab (seller)", "SHOP", "glow", null), new U("kicks-owner", "Kicks (seller)", "SHOP", "kicks", null)))
            users.create(new io.surgewms.security.Users.NewUser(u.name(), u.display(), DEMO_PASSWORD, List.of(u.role()),
                    u.shop() == null ? null : List.of(u.shop()), u.badge(), u.badge() == null ? null : "1234", true), "demo");
    }

    void load() {
        Random rnd = new Random(7);
        shops.create(new NewShop("glow", "Glow Lab Cosmetics"));
        shops.create(new NewShop("kicks", "Kicks Collective"));
        demoUsers();
        List<NewProduct> catalog = new ArrayList<>();
        for (int i = 1; i <= 300; i++)
            catalog.add(product("glow", "GLOW-%04d".formatted(i), glowName(i), "50001%07d".formatted(i), 40 + rnd.nextInt(400)));
        for (int i = 1; i <= 200; i++)
            catalog.add(product("kicks", "KICK-%04d".formatted(i), kicksName(i), "50002%07d".formatted(i), 300 + rnd.nextInt(900)));
        products.rows(catalog);

        layouts.create(new NewLayout("A", 20, 25, 4, 0, 1.2, 3.0, 3.0, 0.0, 0.0, 2));
        List<NewLocation> extra = new ArrayList<>();
        for (int i = 1; i <= 200; i++) extra.add(new NewLocation("TOTE-%04d".formatted(i), LocationKind.TOTE, "TOTES", null, null, null, null, null, null, null));
        extra.add(new NewLocation("STAGE-1", LocationKind.STAGING, "DOCK", null, null, null, null, null, null, null));
        extra.add(new NewLocation("DOCK-1", LocationKind.DOCK, "DOCK", null, null, null, null, null, null, null));
        extra.add(new NewLocation("QUAR-1", LocationKind.QUARANTINE, "DOCK", null, null, null, null, null, null, null));
        locations.rows(extra);

        // Each SKU gets a pick face (level 1 or 2) and most a reserve bin above it; the viral two sit up front.
        List<InventoryRequests.ReceiptLine> glow = new ArrayList<>(), kicks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int aisle = 1 + i / 25, bay = 1 + i % 25;
            boolean isGlow = i < 300;
            String sku = isGlow ? "GLOW-%04d".formatted(i + 1) : "KICK-%04d".formatted(i - 299);
            boolean viral = isGlow && i < 2;
            List<InventoryRequests.ReceiptLine> lines = isGlow ? glow : kicks;
            lines.add(new InventoryRequests.ReceiptLine(sku, "A-%02d-%02d-1".formatted(aisle, bay), viral ? 120 : 10 + rnd.nextInt(60)));
            if (viral || rnd.nextInt(4) > 0)
                lines.add(new InventoryRequests.ReceiptLine(sku, "A-%02d-%02d-3".formatted(aisle, bay), viral ? 600 : 20 + rnd.nextInt(200)));
        }
        inventory.receive(new InventoryRequests.Receipt("glow", "DEMO-PO-1", glow), "demo");
        inventory.receive(new InventoryRequests.Receipt("kicks", "DEMO-PO-2", kicks), "demo");

        List<OrderRequest> orders = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String[] channels = {"tiktok", "tiktok", "tiktok", "shopify", "api"};
        for (int i = 0; i < 400; i++) {
            boolean single = i % 5 != 0;
            List<OrderRequest.Line> lines = new ArrayList<>();
            String shop = single || rnd.nextBoolean() ? "glow" : "kicks";
            if (single) {
                lines.add(new OrderRequest.Line("GLOW-%04d".formatted(1 + rnd.nextInt(2)), 1));
            } else {
                int n = 2 + rnd.nextInt(3);
                for (int l = 0; l < n; l++)
                    lines.add(new OrderRequest.Line(shop.equals("glow") ? "GLOW-%04d".formatted(3 + rnd.nextInt(298))
                            : "KICK-%04d".formatted(1 + rnd.nextInt(200)), 1 + rnd.nextInt(2)));
            }
            orders.add(new OrderRequest(shop, channels[i % channels.length], "DEMO-%05d".formatted(i + 1),
                    now.plusHours(2 + rnd.nextInt(30)), i % 3 == 0 ? "USPS" : "UPS", i % 3 == 0 ? "GROUND_ADVANTAGE" : "GROUND",
                    i % 17 == 0 ? 5 : 0, single ? "video-7301" : null,
                    new OrderRequest.Address(BUYERS[i % BUYERS.length], null, (100 + i) + " Market St", null, CITIES[i % CITIES.length][0],
                            CITIES[i % CITIES.length][1], CITIES[i % CITIES.length][2], "US", null, null),
                    dedupe(lines)));
        }
        stations();
        List<OrderResult> results = intake.submit(orders).join();
        long rejected = results.stream().filter(r -> r.outcome() == OrderResult.Outcome.REJECTED).count();
        if (rejected > 0) LOG.warnf("%d demo orders were rejected: %s", rejected, results.stream()
                .filter(r -> r.problem() != null).findFirst().map(r -> r.problem().detail()).orElse(""));
    }

    /** A packing table and a singles table; their labels are held for download until a printer is configured. */
    private void stations() {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("""
                    insert into pack_station (code, kind, default_carton) values ('PACK-01', 'STANDARD', 'BOX-S'), ('SINGLES-01', 'SINGLES', 'MAILER-S')
                    on conflict do nothing""");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<OrderRequest.Line> dedupe(List<OrderRequest.Line> lines) {
        List<OrderRequest.Line> out = new ArrayList<>();
        for (OrderRequest.Line l : lines) if (out.stream().noneMatch(o -> o.sku().equals(l.sku()))) out.add(l);
        return out;
    }

    private static NewProduct product(String shop, String sku, String name, String gtinBody, int grams) {
        return new NewProduct(shop, sku, name, List.of(Gtin.withCheckDigit(gtinBody)), grams, 120, 60, 40);
    }

    private static final String[] GLOW = {"Dewy Serum", "Lip Oil", "Glow Mist", "Clay Mask", "Night Cream", "Brow Gel", "SPF 50 Fluid", "Toner Pads"};
    private static final String[] KICKS = {"Runner Sock 3-pack", "Court Sneaker", "Trail Cap", "Heavy Hoodie", "Crew Tee", "Cargo Short"};
    private static final String[] BUYERS = {"Ada Lopez", "Ben Okafor", "Chloe Nguyen", "Dev Patel", "Emma Schultz", "Finn Murphy", "Grace Kim"};
    private static final String[][] CITIES = {{"Austin", "TX", "78701"}, {"Denver", "CO", "80202"}, {"Portland", "OR", "97205"},
            {"Chicago", "IL", "60601"}, {"Atlanta", "GA", "30303"}};

    private static String glowName(int i) {
        return (i == 1 ? "VIRAL " : i == 2 ? "VIRAL " : "") + GLOW[i % GLOW.length] + " " + (10 + i % 90) + " ml";
    }

    private static String kicksName(int i) {
        return KICKS[i % KICKS.length] + " size " + (36 + i % 12);
    }
}

package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drill's two channels over one limited stock: the viral SKUs of shop glow listed on Shopify (glow's and kicks'
 * accounts, fake Admin API) and on TikTok Shop (glow's account, fake Open API), each listing selling only what
 * Surge last told its channel ({@link Market}). Sets up the accounts and listings, waits for every listing's first
 * level, drives TikTok's buyers, and reports what the market made of the stock ({@link MarketCheck}).
 */
public final class ChannelMarket implements AutoCloseable {
    /** The shared, limited SKUs (all in shop glow) and the share of viral buyers each gets, as Shopify's singles. */
    public static final List<String> LIMITED = List.of("GLOW-0001", "GLOW-0002", "GLOW-0003");
    public static final int[] SHARE = {50, 30, 20};
    static final long SHOPIFY_VARIANT = 45_000_000_001L, TIKTOK_PRODUCT = 1_729_000_000_000_000_001L, TIKTOK_SKU = 1_729_100_000_000_000_001L;

    public final Market market = new Market();
    public final FakeShopifyAdmin shopify;
    public final FakeTikTokShop tiktok;
    private final Map<String, Market.Listing> onShopify = new LinkedHashMap<>(), onTikTok = new LinkedHashMap<>();
    private final Map<String, Long> accounts = new LinkedHashMap<>();

    public ChannelMarket() throws java.io.IOException {
        shopify = new FakeShopifyAdmin("shpat_spike", market); // tracking numbers go back here through the outbox
        tiktok = new FakeTikTokShop(market);
        for (int i = 0; i < LIMITED.size(); i++) {
            String sku = LIMITED.get(i);
            onShopify.put(sku, market.list("shopify", Long.toString(SHOPIFY_VARIANT + i), Map.of(sku, 1)));
            onTikTok.put(sku, market.list("tiktok", Long.toString(TIKTOK_SKU + i), Map.of(sku, 1)));
        }
    }

    /** Shopify accounts for glow and kicks, TikTok Shop for glow; all with known secrets, sending to the fakes. */
    public void accounts(Api api, String shopifySecret) throws InterruptedException {
        for (String shop : List.of("glow", "kicks")) {
            ObjectNode a = Api.JSON.createObjectNode().put("shop", shop).put("channel", "shopify").put("account", shop + ".myshopify.com")
                    .put("secret", shopifySecret).put("accessToken", "shpat_spike").put("baseUrl", shopify.baseUrl())
                    .put("defaultCarrier", "UPS").put("defaultService", "GROUND").put("shipWithinHours", 24).put("active", true);
            accounts.put("shopify:" + shop, api.must("POST", "/api/channels/accounts", a).path("id").asLong());
        }
        ObjectNode t = Api.JSON.createObjectNode().put("shop", "glow").put("channel", "tiktok").put("account", FakeTikTokShop.SHOP_ID)
                .put("appKey", FakeTikTokShop.APP_KEY).put("secret", FakeTikTokShop.SECRET).put("accessToken", FakeTikTokShop.TOKEN)
                .put("shopCipher", FakeTikTokShop.CIPHER).put("baseUrl", tiktok.baseUrl())
                .put("defaultCarrier", "UPS").put("defaultService", "GROUND").put("shipWithinHours", 24).put("active", true);
        accounts.put("tiktok:glow", api.must("POST", "/api/channels/accounts", t).path("id").asLong());
    }

    /** The listings as SKU mappings, each with the safety buffer given: Surge pushes each one its level from now on. */
    public void listings(Api api, int buffer) throws InterruptedException {
        List<Map<String, Object>> s = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < LIMITED.size(); i++) {
            s.add(Map.of("channelSku", onShopify.get(LIMITED.get(i)).id, "sku", LIMITED.get(i), "safetyBuffer", buffer));
            t.add(Map.of("channelSku", onTikTok.get(LIMITED.get(i)).id, "sku", LIMITED.get(i), "safetyBuffer", buffer,
                    "channelProductId", Long.toString(TIKTOK_PRODUCT + i)));
        }
        api.must("PUT", "/api/channels/accounts/" + accounts.get("shopify:glow") + "/skus", s);
        api.must("PUT", "/api/channels/accounts/" + accounts.get("tiktok:glow") + "/skus", t);
    }

    /** Until every listing has heard its first level: before that, a channel does not sell it. */
    public void awaitLevels(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!market.heardAll()) {
            if (System.currentTimeMillis() > end) throw new IllegalStateException("listings without a first stock level after " + millis + " ms");
            Thread.sleep(200);
        }
    }

    public Map<String, Market.Listing> shopifyListings() {
        return onShopify;
    }

    public TikTokBuyers buyers(URI base, int total, double seconds) {
        List<Market.Listing> l = new ArrayList<>(onTikTok.values());
        return new TikTokBuyers(base, tiktok, market, l, SHARE, total, seconds);
    }

    /** The report's rows: each listing's sales, what each fake was asked, the TikTok webhooks. */
    public List<String[]> rows(TikTokBuyers b, MarketCheck.Result r) {
        List<String[]> out = new ArrayList<>();
        StringBuilder sales = new StringBuilder();
        for (Market.Listing l : market.listings())
            sales.append("%s %s: sold %d, cancelled %d, buyers turned away %d, last level %d; ".formatted(l.channel,
                    l.components.keySet(), market.sold(l), market.cancelledSales(l), market.soldOut(l), market.level(l)));
        out.add(new String[] {"market listings", sales.toString()});
        out.add(new String[] {"limited SKUs: stock at t=0, units sold (not cancelled), oversold", r.perSku().toString()});
        long sp = market.pushes().stream().filter(p -> p.channel().equals("shopify")).count();
        out.add(new String[] {"levels received: Shopify / TikTok (unknown listing)", "%d / %d (%d)".formatted(sp, market.pushes().size() - sp,
                market.unknownPushes.get())});
        out.add(new String[] {"sync ms p50 / p99 / max over changes (unresolved)", "%s / %s / %s over %d (%d)".formatted(MarketCheck.fmt(r.syncP50()),
                MarketCheck.fmt(r.syncP99()), MarketCheck.fmt(r.syncMax()), r.changes(), r.unresolved())});
        out.add(new String[] {"sync ms p99 outside the kill (5 s before it to 20 s after the restart) / changes in that window",
                "%s / %d".formatted(MarketCheck.fmt(r.syncP99OutsideKill()), r.changesNearKill())});
        out.add(new String[] {"TikTok: sold / turned away / held / released / cancelled", "%d / %d / %d / %d / %d".formatted(b.sold.get(),
                b.soldOut.get(), b.held.get(), b.released.get(), b.cancelled.get())});
        out.add(new String[] {"TikTok webhooks: calls / retried / refused / not taken; p50 / p99 ms", "%d / %d / %d / %d; %.1f / %.1f".formatted(
                b.calls.get(), b.retries.get(), b.refused.get(), b.notTaken.get(), b.latency.pct(50), b.latency.pct(99))});
        out.add(new String[] {"fake TikTok: order details / searches / inventory updates / bad sign / shipped (twice)", String.format(Locale.ROOT,
                "%d / %d / %d / %d / %d (%d)", tiktok.details.get(), tiktok.searches.get(), tiktok.inventoryUpdates.get(), tiktok.badSign.get(),
                tiktok.shipped.size(), tiktok.secondShipments.get())});
        return out;
    }

    public long accountId(String key) {
        return accounts.get(key);
    }

    @Override
    public void close() {
        shopify.close();
        tiktok.close();
    }
}

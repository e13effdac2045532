package io.surgewms.intake.tiktok;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.intake.channels.ChannelAccount;
import io.surgewms.intake.channels.ChannelAccounts;
import io.surgewms.intake.channels.ChannelSecrets;
import io.surgewms.intake.channels.ChannelTokens;
import io.surgewms.intake.channels.OutboxSender;
import io.surgewms.inventory.stocksync.StockSync;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access to TikTok Shop that lasts, against {@link FakeTikTokShop} (TikTok's cloud cannot be reached from here):
 * stock levels TikTok can see (its product id in the path, the shop's cipher, a valid sign), tokens refreshed
 * before they expire and after a refusal, calls held while TikTok asks for fewer and while the account's breaker
 * is open, and secrets that are never in the database in clear. Surge's side (API, stock sync, outbox, token job)
 * is the production code.
 */
@QuarkusTest
class TikTokAccessTest {

    @Inject OutboxSender sender;
    @Inject StockSync sync;
    @Inject ChannelTokens tokens;
    @Inject ChannelSecrets secrets;
    @Inject ChannelAccounts accounts;

    Floor f;
    FakeTikTokShop tiktok;
    String shopId, appKey, secret, cipher;

    @BeforeEach
    void start() throws Exception {
        f = new Floor();
        shopId = "7495" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        appKey = "6b" + f.zone.toLowerCase();
        secret = "secret-" + UUID.randomUUID();
        cipher = "ROW_" + shopId;
        tiktok = new FakeTikTokShop(secret, cipher);
        tiktok.appKey = appKey;
    }

    @AfterEach
    void stop() {
        SignedIn.asAdmin();
        tiktok.close();
    }

    long register(Map<String, Object> extra) {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("shop", f.shop, "channel", "tiktok", "account", shopId, "appKey", appKey,
                "secret", secret, "accessToken", "TTP_first_" + f.zone, "baseUrl", tiktok.baseUrl(), "authUrl", tiktok.baseUrl(),
                "shopCipher", cipher));
        a.putAll(extra);
        return given().contentType(ContentType.JSON).body(a).post("/api/channels/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    long stockLevel(long account, String channelProductId, String channelSku, int quantity) {
        return f.count("insert into outbox (topic, key, payload, account_id) values ('stock.level', ?, cast(? as jsonb), ?) returning id",
                account + ":" + UUID.randomUUID(), "{\"productId\":1,\"channelProductId\":\"" + channelProductId + "\",\"sku\":\"A\",\"channelSku\":\""
                        + channelSku + "\",\"quantity\":" + quantity + "}", account);
    }

    @Test
    void shall_push_a_stock_level_under_tiktoks_product_id_with_the_shop_cipher_and_a_valid_sign() {
        long account = register(Map.of());
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        // A TikTok mapping without TikTok's product id cannot reach TikTok: refused when mapped.
        given().contentType(ContentType.JSON).body(List.of(Map.of("channelSku", "1729000000101", "sku", "A")))
                .put("/api/channels/accounts/" + account + "/skus").then().statusCode(400).body(containsString("channelProductId"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("channelSku", "1729000000101", "sku", "A", "safetyBuffer", 1, "channelProductId", "1729001")))
                .put("/api/channels/accounts/" + account + "/skus").then().statusCode(200).body("[0].channelProductId", org.hamcrest.Matchers.equalTo("1729001"));
        tiktok.products.put("1729001", Set.of("1729000000101"));

        long deadline = System.nanoTime() + 10_000_000_000L; // the stock sync queues the mapped level (10 on hand, 1 held back)
        while (f.count("select count(*) from outbox where account_id = ? and topic = 'stock.level' and payload ->> 'quantity' = '9'", account) == 0
                && System.nanoTime() < deadline) sync.runOnce();
        assertEquals("1729001", f.text("select payload ->> 'channelProductId' from outbox where account_id = ? and topic = 'stock.level'", account));
        sender.runOnce();

        List<FakeTikTokShop.Call> stock = tiktok.calls("/product/");
        assertEquals(1, stock.size(), "TikTok took the level (it refuses an unknown product, a missing shop_cipher or a bad sign)");
        FakeTikTokShop.Call call = stock.get(0);
        assertEquals("/product/202309/products/1729001/inventory/update", call.path());
        assertEquals(cipher, call.query().get("shop_cipher"));
        Map<String, String> signed = new HashMap<>(call.query());
        signed.remove("sign");
        assertEquals(TikTokSignature.request(secret, call.path(), signed, call.body().toString()), call.query().get("sign"));
        assertEquals("1729000000101", call.body().path("skus").get(0).path("id").asText());
        assertEquals(9, call.body().path("skus").get(0).path("inventory").get(0).path("quantity").asInt());
        assertEquals(0, f.count("select count(*) from outbox where account_id = ? and sent_at is null", account));
    }

    @Test
    void shall_refresh_a_token_near_expiry_and_call_with_the_new_one() {
        long account = register(Map.of("refreshToken", "R1_" + f.zone, "accessTokenExpiresAt", Instant.now().plus(2, ChronoUnit.HOURS).toString(),
                "refreshTokenExpiresAt", Instant.now().plus(300, ChronoUnit.DAYS).toString()));
        long later = register2(Instant.now().plus(5, ChronoUnit.DAYS)); // far from expiry: left alone
        tiktok.refreshes.put("R1_" + f.zone, new String[] {"TTP_new_" + f.zone, "R2_" + f.zone});
        tiktok.products.put("1729002", Set.of("1729000000102"));

        tokens.runOnce();
        assertEquals(1, tiktok.refreshCalls.size(), "only the token expiring within the margin");
        assertEquals(appKey, tiktok.refreshCalls.get(0).get("app_key"));
        JsonPath view = given().get("/api/channels/accounts?shop=" + f.shop).then().statusCode(200)
                .body(not(containsString("TTP_new_"))).body(not(containsString("R2_"))).extract().jsonPath();
        Map<String, Object> a = view.getList("findAll { it.id == " + account + " }", Map.class).get(0);
        assertNotNull(a.get("tokenRefreshedAt"));
        assertNull(a.get("tokenError"));
        assertTrue(Instant.parse(a.get("accessTokenExpiresAt").toString()).isAfter(Instant.now().plus(6, ChronoUnit.DAYS)), "TikTok's Unix time read as such");
        assertNull(view.getList("findAll { it.id == " + later + " }", Map.class).get(0).get("tokenRefreshedAt"));
        assertEquals("TTP_new_" + f.zone, accounts.byId(account).accessToken());
        String stored = f.text("select access_token from channel_account where id = ?", account);
        assertFalse(stored.contains("TTP_new_"), "the new token is sealed too");

        stockLevel(account, "1729002", "1729000000102", 4);
        sender.runOnce();
        assertEquals("TTP_new_" + f.zone, tiktok.calls("/product/").get(0).token());
        tokens.runOnce();
        assertEquals(1, tiktok.refreshCalls.size(), "fresh for a week: nothing to refresh");
    }

    long register2(Instant expires) {
        String other = shopId + "9";
        Map<String, Object> a = new LinkedHashMap<>(Map.of("shop", f.shop, "channel", "tiktok", "account", other, "appKey", appKey,
                "secret", secret, "accessToken", "TTP_other", "authUrl", tiktok.baseUrl(), "shopCipher", "ROW_" + other,
                "refreshToken", "R_other_" + f.zone, "accessTokenExpiresAt", expires.toString()));
        return given().contentType(ContentType.JSON).body(a).post("/api/channels/accounts").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void shall_refresh_once_when_tiktok_refuses_the_token_and_send_with_the_new_one() {
        long account = register(Map.of("refreshToken", "R1_" + f.zone, "accessTokenExpiresAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()));
        tiktok.tokens.add("TTP_someone_else"); // the account's token is no longer taken
        tiktok.refreshes.put("R1_" + f.zone, new String[] {"TTP_new_" + f.zone, "R2_" + f.zone});
        tiktok.products.put("1729003", Set.of("1729000000103"));
        long row = stockLevel(account, "1729003", "1729000000103", 5);

        sender.runOnce();
        assertEquals(1, tiktok.refreshCalls.size());
        assertEquals(1, tiktok.calls("/product/").size());
        assertEquals("TTP_new_" + f.zone, tiktok.calls("/product/").get(0).token());
        assertEquals(1, f.count("select count(*) from outbox where id = ? and sent_at is not null", row));
    }

    @Test
    void shall_show_a_failed_refresh_on_the_account_and_retry_it_after_a_backoff() {
        long account = register(Map.of("refreshToken", "R_unknown_" + f.zone, "accessTokenExpiresAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
        tokens.runOnce();
        String error = f.text("select token_error from channel_account where id = ?", account);
        assertNotNull(error);
        assertFalse(error.contains(secret), "the app secret travels in the query: never in the error");
        assertEquals(1, f.count("select count(*) from channel_account where id = ? and token_attempts = 1 and token_next_attempt > now() + interval '50 seconds'", account));
        tokens.runOnce();
        assertEquals(1, tiktok.refreshCalls.size(), "backing off: not tried again at once");

        Floor.sql("update channel_account set token_next_attempt = now() where id = ?", account); // the wait is over
        tiktok.refreshes.put("R_unknown_" + f.zone, new String[] {"TTP_new_" + f.zone, "R2_" + f.zone});
        tokens.runOnce();
        assertNull(f.text("select token_error from channel_account where id = ?", account));
        assertEquals("TTP_new_" + f.zone, accounts.byId(account).accessToken());
    }

    @Test
    void shall_hold_the_row_until_retry_after_and_send_nothing_else_to_the_account_meanwhile() throws Exception {
        long account = register(Map.of());
        tiktok.products.put("1729004", Set.of("1729000000104", "1729000000105"));
        tiktok.tooMany.set(1);
        long first = stockLevel(account, "1729004", "1729000000104", 3);
        sender.runOnce();
        assertEquals(1, tiktok.hits.get());
        assertEquals(1, f.count("""
                select count(*) from outbox where id = ? and sent_at is null and attempts = 1
                   and next_attempt between now() + interval '6 seconds' and now() + interval '7.5 seconds'""", first));
        assertTrue(f.text("select last_error from outbox where id = ?", first).contains("429"));

        long second = stockLevel(account, "1729004", "1729000000105", 8);
        sender.runOnce();
        assertEquals(1, tiktok.hits.get(), "the account's other row waits for the same pause, without a call");
        assertEquals(1, f.count("""
                select count(*) from outbox where id = ? and sent_at is null and attempts = 0
                   and next_attempt > now() + interval '5 seconds'""", second));

        long until = f.count("select (extract(epoch from paused_until) * 1000)::bigint from channel_account where id = ?", account);
        Thread.sleep(Math.max(0, until - System.currentTimeMillis() + 100));
        Floor.sql("update outbox set next_attempt = now() where id in (?, ?)", first, second);
        sender.runOnce();
        assertEquals(0, f.count("select count(*) from outbox where id in (?, ?) and sent_at is null", first, second));
        assertEquals(2, tiktok.calls("/product/").size());
    }

    @Test
    void shall_open_the_accounts_breaker_after_repeated_failures_and_close_it_again() throws Exception {
        long account = register(Map.of());
        tiktok.products.put("1729005", Set.of("1729000000106"));
        tiktok.down = true;
        List<Long> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(stockLevel(account, "1729005", "1729000000106", i));
        sender.runOnce();
        assertEquals(4, tiktok.hits.get());

        // Open (test profile: 4 calls, half failed): due again, yet nothing reaches TikTok and no attempt is spent.
        Floor.sql("update outbox set next_attempt = now() where account_id = ?", account);
        OutboxSender.Run held = sender.runOnce();
        assertEquals(4, held.held());
        assertEquals(4, tiktok.hits.get(), "no call while the breaker is open");
        assertEquals(4, f.count("select count(*) from outbox where account_id = ? and attempts = 1 and last_error like '%circuit open%'", account));

        // TikTok is back and the breaker's delay (2 s here) is over: a trial call closes it, the rest follow.
        tiktok.down = false;
        Thread.sleep(2_200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (f.count("select count(*) from outbox where account_id = ? and sent_at is null", account) > 0 && System.nanoTime() < deadline) {
            Floor.sql("update outbox set next_attempt = now() where account_id = ? and sent_at is null", account);
            sender.runOnce();
        }
        assertEquals(0, f.count("select count(*) from outbox where account_id = ? and sent_at is null", account));
        assertEquals(4, tiktok.calls("/product/").size(), "each row sent once");
    }

    @Test
    void shall_never_hold_a_secret_or_token_in_clear_and_seal_rows_left_from_before() {
        long account = register(Map.of("refreshToken", "R_clear_" + f.zone, "accessTokenExpiresAt", Instant.now().plus(3, ChronoUnit.DAYS).toString()));
        Map<String, String> clear = Map.of("secret", secret, "access_token", "TTP_first_" + f.zone, "refresh_token", "R_clear_" + f.zone);
        clear.forEach((column, value) -> {
            String stored = f.text("select " + column + " from channel_account where id = ?", account);
            assertNotEquals(value, stored, column);
            assertFalse(stored.contains(value), column);
            assertTrue(stored.startsWith("sealed:v1:"), column);
        });
        given().get("/api/channels/accounts?shop=" + f.shop).then().statusCode(200)
                .body(not(containsString(secret))).body(not(containsString("TTP_first_"))).body(not(containsString("R_clear_")));
        ChannelAccount opened = accounts.byId(account);
        assertEquals(secret, opened.secret());
        assertEquals(cipher, opened.shopCipher());

        // A row written in clear before sealing existed: sealed as the service starts (here, called as it would be).
        long old = f.count("""
                insert into channel_account (shop_id, channel, account, secret, access_token, shop_cipher)
                select id, 'tiktok', ?, 'old-secret', 'old-token', 'ROW_old' from shop where code = ? returning id""", shopId + "7", f.shop);
        assertTrue(secrets.sealClearRows() >= 1);
        assertFalse(f.text("select secret from channel_account where id = ?", old).contains("old-secret"));
        assertFalse(f.text("select access_token from channel_account where id = ?", old).contains("old-token"));
        assertEquals("old-secret", accounts.byId(old).secret());
        assertEquals("old-token", accounts.byId(old).accessToken());
    }

    @Test
    void shall_refuse_a_tiktok_account_without_its_shop_cipher() {
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "channel", "tiktok", "account", shopId, "secret", secret))
                .post("/api/channels/accounts").then().statusCode(400).body(containsString("shopCipher"));
    }
}

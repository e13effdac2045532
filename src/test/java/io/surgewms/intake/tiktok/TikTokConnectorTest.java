package io.surgewms.intake.tiktok;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.RestAssured;
import io.surgewms.intake.IntakeWaitTest;
import io.surgewms.intake.OrderIntake;
import io.surgewms.intake.channels.OutboxSender;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TikTok Shop connector against {@link FakeTikTokShop}, a local fake of TikTok's Open API: the real
 * TikTok cloud cannot be reached from the test machine, so its documented payload shapes are replayed
 * on a local port. Everything on Surge's side (webhook, signature, intake, packing, outbox) is real.
 */
@QuarkusTest
class TikTokConnectorTest {

    static final String WEBHOOK = "/api/channels/tiktok/webhook";

    @Inject OutboxSender sender;
    @Inject OrderIntake intake;
    @ConfigProperty(name = "quarkus.thread-pool.max-threads") int workers;

    Floor f;
    FakeTikTokShop tiktok;
    String shopId, appKey, secret, carrier;
    long account;

    @BeforeEach
    void account() throws Exception {
        f = new Floor();
        shopId = "7494" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        appKey = "6a" + f.zone.toLowerCase();
        secret = "secret-" + UUID.randomUUID();
        carrier = "TT" + f.zone;
        tiktok = new FakeTikTokShop(secret, "ROW_" + shopId);
        JsonPath a = given().contentType(ContentType.JSON).body(Map.ofEntries(Map.entry("shop", f.shop), Map.entry("channel", "tiktok"),
                        Map.entry("account", shopId), Map.entry("appKey", appKey), Map.entry("secret", secret),
                        Map.entry("accessToken", "TTP_token_" + f.zone), Map.entry("baseUrl", tiktok.baseUrl()), Map.entry("defaultCarrier", carrier),
                        Map.entry("defaultService", "GROUND"), Map.entry("shipWithinHours", 24), Map.entry("shopCipher", "ROW_" + shopId)))
                .post("/api/channels/accounts").then().statusCode(201).extract().jsonPath();
        account = a.getLong("id");
        assertTrue(a.getMap("$").keySet().stream().noneMatch(k -> k.toString().toLowerCase().contains("secret")), "the secret never comes back");
        given().get("/api/channels/accounts?shop=" + f.shop).then().statusCode(200)
                .body("[0].account", equalTo(shopId)).body("[0].accessTokenSet", equalTo(true))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
    }

    @AfterEach
    void close() {
        SignedIn.asAdmin();
        tiktok.close();
    }

    void mapSkus(Object... channelSkuAndSku) {
        List<Map<String, Object>> m = new java.util.ArrayList<>();
        for (int i = 0; i < channelSkuAndSku.length; i += 2) {
            m.add(Map.of("channelSku", channelSkuAndSku[i], "sku", channelSkuAndSku[i + 1], "safetyBuffer", 1, "channelProductId", "17290001"));
            tiktok.products.computeIfAbsent("17290001", k -> new java.util.HashSet<>()).add(channelSkuAndSku[i].toString());
        }
        given().contentType(ContentType.JSON).body(m).put("/api/channels/accounts/" + account + "/skus").then().statusCode(200);
    }

    /** A notification as TikTok Shop sends it (type 1 order status change, 11 cancellation status change). */
    String notification(int type, String orderId, String status, String notificationId) {
        return """
                {"type":%d,"tts_notification_id":"%s","shop_id":"%s","timestamp":%d,
                 "data":{"order_id":"%s","order_status":"%s","update_time":%d}}""".formatted(type, notificationId, shopId,
                Instant.now().getEpochSecond(), orderId, status, Instant.now().getEpochSecond());
    }

    /** Sent as TikTok does: no Surge credentials, the HMAC of app key + body in Authorization. */
    io.restassured.response.Response webhook(String body, String signature) {
        SignedIn.anonymous();
        var spec = given().contentType(ContentType.JSON).body(body);
        if (signature != null) spec = spec.header("Authorization", signature);
        var r = spec.post(WEBHOOK);
        SignedIn.asAdmin();
        return r;
    }

    io.restassured.response.Response signed(String body) {
        return webhook(body, TikTokSignature.webhook(appKey, secret, body));
    }

    long orders(String externalId) {
        return f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.channel = 'tiktok' and o.external_id = ?", f.shop, externalId);
    }

    @Test
    void shall_take_an_order_awaiting_shipment_once_with_mapped_skus_and_the_address() {
        f.sku("A").sku("B");
        f.receive("A", f.bin("PICK_FACE", 1), 10);
        f.receive("B", f.bin("PICK_FACE", 2), 10);
        mapSkus("1729000000001", "A");
        String id = "5770" + f.zone.substring(1);
        long rts = Instant.now().plus(30, ChronoUnit.HOURS).getEpochSecond();
        // Two units of the mapped sku_id, one unmapped whose seller SKU is ours.
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", rts, "1729000000001", "glow-30", "1729000000001", "glow-30", "1729000000999", "B"));

        String body = notification(1, id, "AWAITING_SHIPMENT", "n-1");
        JsonPath r = signed(body).then().statusCode(200).body("outcome", equalTo("CREATED")).extract().jsonPath();
        long order = r.getLong("orderId");
        JsonPath o = given().get("/api/orders/" + order).then().statusCode(200).extract().jsonPath();
        assertEquals("tiktok", o.getString("channel"));
        assertEquals(id, o.getString("externalId"));
        assertEquals(carrier, o.getString("carrier"));
        assertEquals("GROUND", o.getString("service"));
        assertEquals(Instant.ofEpochSecond(rts), Instant.parse(o.getString("shipBy")));
        assertEquals("Ada Buyer", o.getString("shipTo.name"));
        assertEquals("1 Main St", o.getString("shipTo.line1"));
        assertEquals("Apt 4", o.getString("shipTo.line2"));
        assertEquals("Austin", o.getString("shipTo.city"));
        assertEquals("Texas", o.getString("shipTo.region"));
        assertEquals("78701", o.getString("shipTo.postalCode"));
        assertEquals("US", o.getString("shipTo.country"));
        assertEquals(Map.of("A", 2, "B", 1), Map.of(o.getString("lines[0].sku"), o.getInt("lines[0].quantity"), o.getString("lines[1].sku"), o.getInt("lines[1].quantity")));
        assertEquals(2, f.allocated("A"));
        // The detail was fetched with TikTok's signature and the account's token.
        FakeTikTokShop.Call fetch = tiktok.calls("/order/").get(0);
        assertEquals(id, fetch.query().get("ids"));
        assertEquals(appKey, fetch.query().get("app_key"));
        assertEquals("TTP_token_" + f.zone, fetch.token());
        assertEquals("ROW_" + shopId, fetch.query().get("shop_cipher"));

        // The same webhook again, and TikTok's retry of it (a new notification id): still one order.
        signed(body).then().statusCode(200).body("outcome", equalTo("EXISTING")).body("orderId", equalTo((int) order));
        signed(notification(1, id, "AWAITING_SHIPMENT", "n-2")).then().statusCode(200).body("outcome", equalTo("EXISTING"));
        assertEquals(1, orders(id));
        assertEquals(2, f.allocated("A"));
        assertEquals(3, f.count("select count(*) from channel_webhook where remote_id = ? and signature_ok", id));
    }

    @Test
    void shall_take_more_webhooks_than_workers_while_their_commit_is_blocked() throws Exception {
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 100);
        java.net.URI hook = java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + WEBHOOK);
        List<HttpRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < workers * 3; i++) {
            String id = "5779" + f.zone.substring(1) + i;
            tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", 0, "1", "A"));
            String body = notification(1, id, "AWAITING_SHIPMENT", "w-" + i);
            requests.add(HttpRequest.newBuilder(hook).timeout(java.time.Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("Authorization", TikTokSignature.webhook(appKey, secret, body)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
        java.net.URI floor = java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/picking/policy");
        for (HttpResponse<String> a : IntakeWaitTest.sentWhileCommitBlocked(intake, workers, HttpClient.newHttpClient(), floor, requests))
            assertEquals(200, a.statusCode(), a.body());
        assertEquals(requests.size(), f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ? and o.channel = 'tiktok'", f.shop));
        assertEquals(requests.size(), f.count("select count(*) from channel_webhook where account_id = ? and outcome = 'CREATED'", account));
    }

    @Test
    void shall_answer_401_and_do_nothing_but_record_a_webhook_with_a_bad_or_missing_signature() {
        f.sku("A");
        String id = "5771" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", 0, "1", "A"));
        String body = notification(1, id, "AWAITING_SHIPMENT", "n-bad");

        webhook(body, TikTokSignature.webhook(appKey, "not-the-secret", body)).then().statusCode(401).contentType("application/problem+json");
        webhook(body, null).then().statusCode(401).contentType("application/problem+json");
        webhook(body, "Bearer " + SignedIn.ADMIN_KEY).then().statusCode(401);
        // Signed right, but the body was changed on the way.
        webhook(body.replace("n-bad", "n-evil"), TikTokSignature.webhook(appKey, secret, body)).then().statusCode(401);

        assertEquals(0, orders(id));
        assertEquals(0, tiktok.calls.size(), "nothing was fetched for an unverified call");
        assertEquals(4, f.count("select count(*) from channel_webhook where remote_id = ? and not signature_ok and outcome = 'UNAUTHORIZED'", id));
        given().queryParam("remoteId", id).get("/api/channels/webhooks").then().statusCode(200)
                .body("outcome", hasItem("UNAUTHORIZED")).body("[0].detail", org.hamcrest.Matchers.notNullValue());
    }

    /**
     * A signed notification replayed later is refused. TikTok Shop's notification carries {@code timestamp} (seconds) in
     * its body, under the signature (app key + raw body, hex HMAC-SHA256 in Authorization:
     * https://www.skills.sh/hookdeck/webhook-skills/tiktok-shop-webhooks); TikTok's webhook guide advises rejecting a
     * signed payload whose timestamp is too old (https://developers.tiktok.com/doc/webhooks-verification).
     */
    @Test
    void shall_refuse_with_401_a_signed_notification_whose_timestamp_is_outside_the_window() {
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        String id = "5775" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", 0, "1", "A"));
        long now = Instant.now().getEpochSecond();
        String old = notification(1, id, "AWAITING_SHIPMENT", "r-1").replaceFirst("\"timestamp\":\\d+", "\"timestamp\":" + (now - 3600));
        String ahead = notification(1, id, "AWAITING_SHIPMENT", "r-2").replaceFirst("\"timestamp\":\\d+", "\"timestamp\":" + (now + 600));
        String none = notification(1, id, "AWAITING_SHIPMENT", "r-3").replaceFirst("\"timestamp\":\\d+,", "");
        for (String body : List.of(old, ahead, none))
            signed(body).then().statusCode(401).contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("timestamp"));
        assertEquals(0, orders(id));
        assertEquals(0, tiktok.calls.size(), "nothing was fetched for a replay");
        assertEquals(3, f.count("select count(*) from channel_webhook where remote_id = ? and outcome = 'STALE' and signature_ok", id));
        // Recorded like any call not acted on: length and hash, the first KB (here the whole, shorter, body).
        assertEquals(old.length(), f.count("select body_bytes from channel_webhook where remote_id = ? and outcome = 'STALE' order by id limit 1", id));

        // Within the window (4 minutes late, TikTok's retries): taken.
        signed(notification(1, id, "AWAITING_SHIPMENT", "r-4").replaceFirst("\"timestamp\":\\d+", "\"timestamp\":" + (now - 240)))
                .then().statusCode(200).body("outcome", equalTo("CREATED"));
    }

    /** The signature covers the bytes TikTok sent; a body read as text and encoded again is not always those bytes. */
    @Test
    void shall_verify_the_signature_over_the_exact_bytes_received() {
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        String id = "5776" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", 0, "1", "A"));
        // A byte that is not UTF-8 (0xFF) in a field Surge does not read: decoded, it would become U+FFFD (3 other bytes).
        byte[] text = notification(1, id, "AWAITING_SHIPMENT", "b-#").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[text.length];
        for (int i = 0; i < text.length; i++) body[i] = text[i] == '#' ? (byte) 0xFF : text[i];
        SignedIn.anonymous();
        given().contentType(ContentType.JSON).header("Authorization", TikTokSignature.webhook(appKey, secret, body)).body(body).post(WEBHOOK)
                .then().statusCode(200).body("outcome", equalTo("CREATED"));
        // Latin-1 declared (ü is one byte, 0xFC) and CRLF line ends: signed as sent, verified as sent.
        String id2 = id + "9";
        tiktok.orders.put(id2, FakeTikTokShop.order(id2, "AWAITING_SHIPMENT", 0, "1", "A"));
        byte[] latin = notification(1, id2, "AWAITING_SHIPMENT", "b-ü").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        given().contentType("application/json; charset=ISO-8859-1").header("Authorization", TikTokSignature.webhook(appKey, secret, latin)).body(latin)
                .post(WEBHOOK).then().statusCode(200).body("outcome", equalTo("CREATED"));
        SignedIn.asAdmin();
        assertEquals(1, orders(id));
        assertEquals(1, orders(id2));
    }

    @Test
    void shall_ignore_an_order_not_paid_or_already_shipped_elsewhere() {
        f.sku("A");
        String id = "5772" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "UNPAID", 0, "1", "A"));
        signed(notification(1, id, "UNPAID", "n-u")).then().statusCode(200).body("outcome", equalTo("IGNORED"));
        tiktok.orders.put(id, FakeTikTokShop.order(id, "IN_TRANSIT", 0, "1", "A"));
        signed(notification(1, id, "IN_TRANSIT", "n-h")).then().statusCode(200).body("outcome", equalTo("IGNORED"));
        assertEquals(0, orders(id));
        assertEquals(2, f.count("select count(*) from channel_webhook where remote_id = ? and outcome = 'IGNORED' and signature_ok", id));
    }

    @Test
    void shall_cancel_an_order_cancelled_on_tiktok_before_it_ships_and_release_its_units() {
        f.sku("A");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        mapSkus("1729000000001", "A");
        String id = "5773" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", 0, "1729000000001", "x", "1729000000001", "x"));
        long order = signed(notification(1, id, "AWAITING_SHIPMENT", "c-1")).then().statusCode(200).extract().jsonPath().getLong("orderId");
        assertEquals(2, f.allocated("A"));
        // Without a ship-by time from TikTok, the account's 24 hours apply.
        Instant shipBy = Instant.parse(given().get("/api/orders/" + order).then().extract().jsonPath().getString("shipBy"));
        assertTrue(Math.abs(ChronoUnit.MINUTES.between(Instant.now().plus(24, ChronoUnit.HOURS), shipBy)) < 5, shipBy.toString());

        tiktok.orders.put(id, FakeTikTokShop.order(id, "CANCELLED", 0, "1729000000001", "x", "1729000000001", "x"));
        signed(notification(11, id, "CANCELLED", "c-2")).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
        given().get("/api/orders/" + order).then().body("status", equalTo("CANCELLED"));
        assertEquals(0, f.allocated("A"));
        // The cancellation again changes nothing.
        signed(notification(1, id, "CANCELLED", "c-3")).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
        given().get("/api/inventory/reconciliation").then().body("consistent", equalTo(true));
    }

    @Test
    void shall_push_tracking_with_retries_and_refuse_a_cancellation_after_shipping() {
        String gtin = f.skuWithGtin("A", "401900000001");
        f.receive("A", f.bin("PICK_FACE", 1), 3);
        f.tote(1);
        mapSkus("1729000000001", "A");
        String id = "5774" + f.zone.substring(1);
        tiktok.orders.put(id, FakeTikTokShop.order(id, "AWAITING_SHIPMENT", Instant.now().plus(3, ChronoUnit.HOURS).getEpochSecond(), "1729000000001", "x"));
        long order = signed(notification(1, id, "AWAITING_SHIPMENT", "s-1")).then().statusCode(200).extract().jsonPath().getLong("orderId");

        // Picked, packed (singles: one scan, the label) and handed to the carrier.
        plan(f);
        long task = claim(f, "tia").getLong("id");
        pickAll(f, "tia", task, Map.of("A", gtin));
        String station = "TT-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("code", gtin, "packer", "tia")).post("/api/packing/stations/" + station + "/scan").then().statusCode(200);
        String tracking = given().post("/api/shipping/handover/" + carrier).then().statusCode(200).extract().jsonPath().getString("trackingNumbers[0]");
        given().get("/api/orders/" + order).then().body("status", equalTo("SHIPPED"));
        long event = f.count("select id from outbox where topic = 'shipment.shipped' and (payload->>'orderId')::bigint = ?", order);

        // TikTok is down: the event is kept, with the error, for a later try.
        tiktok.down = true;
        sender.runOnce();
        assertEquals(1, f.count("select attempts from outbox where id = ?", event));
        assertTrue(f.text("select last_error from outbox where id = ?", event).contains("503"));
        assertEquals(1, f.count("select count(*) from outbox where id = ? and sent_at is null and next_attempt > now() + interval '5 seconds' and next_attempt <= now() + interval '10 minutes'", event));
        sender.runOnce(); // not due yet: not tried again
        assertEquals(1, f.count("select attempts from outbox where id = ?", event));

        // Back up, and the wait is over (moved instead of slept): delivered once.
        tiktok.down = false;
        Floor.sql("update outbox set next_attempt = now() where id = ?", event);
        sender.runOnce();
        sender.runOnce();
        assertEquals(1, f.count("select count(*) from outbox where id = ? and sent_at is not null and last_error is null", event));
        List<FakeTikTokShop.Call> ships = tiktok.calls("/fulfillment/");
        assertEquals(1, ships.size());
        assertEquals("/fulfillment/202309/orders/" + id + "/packages", ships.get(0).path());
        assertEquals(tracking, ships.get(0).body().path("tracking_number").asText());
        assertEquals(carrier, ships.get(0).body().path("shipping_provider_id").asText());

        // TikTok cancels it now: refused, and visible.
        tiktok.orders.put(id, FakeTikTokShop.order(id, "CANCELLED", 0, "1729000000001", "x"));
        signed(notification(11, id, "CANCELLED", "s-2")).then().statusCode(200).body("outcome", equalTo("REFUSED"));
        given().get("/api/orders/" + order).then().body("status", equalTo("SHIPPED"));
        given().queryParam("outcome", "REFUSED").queryParam("remoteId", id).get("/api/channels/webhooks").then().statusCode(200)
                .body("[0].detail", org.hamcrest.Matchers.containsString("after it shipped"));
        assertTrue(f.text("select exception from orders where id = ?", order).contains("after it shipped"));
    }

    @Test
    void shall_push_stock_levels_and_mark_events_without_an_account_as_nothing_to_send() {
        tiktok.products.put("17290001", java.util.Set.of("1729000000001"));
        Floor.sql("insert into outbox (topic, key, payload, account_id) values ('stock.level', ?, cast(? as jsonb), ?)", "tt-stock-" + f.zone,
                "{\"productId\":41,\"channelProductId\":\"17290001\",\"sku\":\"A\",\"channelSku\":\"1729000000001\",\"quantity\":7}", account);
        Floor.sql("insert into outbox (topic, key, payload) values ('shipment.shipped', ?, cast(? as jsonb))", "api-" + f.zone,
                "{\"orderId\":-1,\"channel\":\"api\",\"trackingNumber\":\"X1\"}");
        sender.runOnce();
        List<FakeTikTokShop.Call> stock = tiktok.calls("/product/");
        assertEquals(1, stock.size());
        assertEquals("/product/202309/products/17290001/inventory/update", stock.get(0).path());
        assertEquals("1729000000001", stock.get(0).body().path("skus").get(0).path("id").asText());
        assertEquals(7, stock.get(0).body().path("skus").get(0).path("inventory").get(0).path("quantity").asInt());
        assertTrue(f.text("select last_error from outbox where key = ?", "api-" + f.zone).startsWith("nothing to send"));
        assertEquals(0, f.count("select count(*) from outbox where key in (?, ?) and sent_at is null", "tt-stock-" + f.zone, "api-" + f.zone));
    }

    @Test
    void shall_send_a_stock_level_again_when_it_changed_while_it_was_being_sent() {
        String key = "tt-race-" + f.zone;
        tiktok.products.put("17290002", java.util.Set.of("1729000000002"));
        Floor.sql("insert into outbox (topic, key, payload, account_id) values ('stock.level', ?, cast(? as jsonb), ?)", key,
                "{\"productId\":42,\"channelProductId\":\"17290002\",\"sku\":\"A\",\"channelSku\":\"1729000000002\",\"quantity\":7}", account);
        // Stock sync rewrites the unsent level (7 → 5) while the channel is being told 7.
        tiktok.duringInventoryUpdate = () -> Floor.sql("update outbox set payload = jsonb_set(payload, '{quantity}', '5') where key = ?", key);
        sender.runOnce();
        tiktok.duringInventoryUpdate = null;
        assertEquals(1, f.count("select count(*) from outbox where key = ? and sent_at is null", key), "the channel has 7, not the latest 5");
        sender.runOnce();
        List<FakeTikTokShop.Call> sent = tiktok.calls("/product/202309/products/17290002/");
        assertEquals(List.of(7, 5), sent.stream().map(c -> c.body().path("skus").get(0).path("inventory").get(0).path("quantity").asInt()).toList());
        assertEquals(0, f.count("select count(*) from outbox where key = ? and sent_at is null", key));
    }
}

package io.surgewms.intake.shopify;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static io.surgewms.intake.shopify.ShopifyWebhookTest.SECRET;
import static io.surgewms.intake.shopify.ShopifyWebhookTest.hmac;
import static io.surgewms.intake.shopify.ShopifyWebhookTest.order;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The Shopify webhook is open to the internet: what a stranger can make Surge store, and what a re-delivery does.
 * Re-deliveries: Shopify documents that a delivery may come more than once and carries its id in
 * X-Shopify-Webhook-Id, the same on every re-delivery ("Verify webhook deliveries",
 * https://shopify.dev/docs/apps/build/webhooks/verify-deliveries; "Ignore duplicate webhooks",
 * https://shopify.dev/apps/build/webhooks/ignore-duplicates).
 */
@QuarkusTest
class ShopifyWebhookAbuseTest {

    static final int LIMIT = 1024 * 1024; // surge.channels.webhook.max-body

    @TestHTTPResource("/api/channels/shopify/webhook") URL webhook;

    /** A signed orders/create that is a valid order, padded with a note to the given size in bytes. */
    static byte[] orderOfSize(long id, int size) {
        String base = order(id, true);
        String padded = base.substring(0, base.length() - 1) + ", \"note\": \"";
        int pad = size - padded.getBytes(StandardCharsets.UTF_8).length - 2;
        return (padded + "n".repeat(Math.max(0, pad)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    HttpRequest.Builder post(ShopifyWebhookTest.Store s) {
        return HttpRequest.newBuilder(java.net.URI.create(webhook.toString())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-Shopify-Shop-Domain", s.domain).header("X-Shopify-Topic", "orders/create");
    }

    /** The log row of the store's latest call that named its shop domain (the account or, unread, the detail). */
    String row(ShopifyWebhookTest.Store s, String columns) {
        return s.f.text("select concat_ws('|', " + columns + ") from channel_webhook w left join channel_account a on a.id = w.account_id"
                + " where a.account = ? or w.detail like ? order by w.id desc limit 1", s.domain, "%" + s.domain + "%");
    }

    @Test
    void shall_refuse_a_2_MB_body_with_413_and_record_only_its_size() throws Exception {
        ShopifyWebhookTest.Store s = new ShopifyWebhookTest.Store();
        byte[] body = orderOfSize(9001, 2 * LIMIT);
        ShopifyWebhookTest.send(s.domain, "orders/create", hmac(SECRET, body), body).statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413)).body("detail", containsString("limit for webhooks is " + LIMIT));
        assertEquals(0, s.orders());
        // outcome | signature checked | bytes | no hash | body: the size it declared, nothing of the body
        assertEquals("TOO_LARGE|f|" + body.length + "|t|0", row(s, "w.outcome, w.signature_ok, w.body_bytes, w.body_sha256 is null, octet_length(w.body)"));
        assertEquals("orders/create", row(s, "w.topic"));

        // The global limit (16M) still governs every other path: the same size is read there, not refused as too large.
        SignedIn.asAdmin();
        given().contentType("application/json").body(new String(body, StandardCharsets.UTF_8)).post("/api/orders/batch").then()
                .statusCode(org.hamcrest.Matchers.not(413));
    }

    @Test
    void shall_cut_off_a_chunked_body_without_length_as_soon_as_it_passes_the_limit() throws Exception {
        ShopifyWebhookTest.Store s = new ShopifyWebhookTest.Store();
        // 1.5 MB: past the limit, and short of the point (twice the limit) where the service stops draining and drops
        // the connection, so the answer is read whatever the timing. HTTP/1.1 as Shopify sends; an HTTP/2 client may
        // see the stream reset before it reads the 413 when the machine is busy.
        byte[] body = orderOfSize(9002, 3 * LIMIT / 2);
        // An InputStream publisher has no known length: the JDK client sends it chunked.
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(post(s).header("X-Shopify-Hmac-Sha256", hmac(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0, s.orders());
        String[] logged = row(s, "w.outcome, w.body_bytes, octet_length(w.body)").split("\\|");
        assertEquals("TOO_LARGE", logged[0]);
        long cutAt = Long.parseLong(logged[1]);
        assertEquals(true, cutAt > LIMIT && cutAt < body.length, "cut off after " + cutAt + " bytes, not read to the end");
        assertEquals("0", logged[2]);
    }

    @Test
    void shall_take_a_signed_body_under_the_limit_with_or_without_a_length() throws Exception {
        ShopifyWebhookTest.Store s = new ShopifyWebhookTest.Store();
        byte[] near = orderOfSize(9003, LIMIT - 100);
        ShopifyWebhookTest.send(s.domain, "orders/create", hmac(SECRET, near), near).statusCode(200).body("outcome", equalTo("CREATED"));
        byte[] chunked = orderOfSize(9004, 64 * 1024);
        HttpResponse<String> r = HttpClient.newHttpClient().send(post(s).header("X-Shopify-Hmac-Sha256", hmac(SECRET, chunked))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, s.orders());
        // A verified call keeps its body whole.
        assertEquals(chunked.length + "|" + chunked.length, row(s, "w.body_bytes, octet_length(w.body)"));
    }

    @Test
    void shall_keep_of_an_unsigned_body_only_its_length_hash_and_first_KB_without_NUL() throws Exception {
        ShopifyWebhookTest.Store s = new ShopifyWebhookTest.Store();
        byte[] body = ("{\"id\": 9005, \"x\": \"a\u0000b\", \"junk\": \"" + "j".repeat(5000) + "\", \"tail\": \"TAIL-MARKER\"}").getBytes(StandardCharsets.UTF_8);
        ShopifyWebhookTest.send(s.domain, "orders/create", hmac("not-the-secret", body), body).statusCode(401);
        String expectedHead = new String(Arrays.copyOf(body, 1024), StandardCharsets.UTF_8).replace("\u0000", "");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals("UNAUTHORIZED|f|" + body.length + "|" + sha, row(s, "w.outcome, w.signature_ok, w.body_bytes, w.body_sha256"));
        String stored = row(s, "w.body");
        assertEquals(expectedHead, stored);
        assertFalse(stored.contains("TAIL-MARKER"));
        assertEquals(0, s.orders());
    }

    @Test
    void shall_act_once_on_a_webhook_id_delivered_twice_and_answer_the_second_200_duplicate() throws Exception {
        ShopifyWebhookTest.Store s = new ShopifyWebhookTest.Store();
        String webhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043-" + s.f.zone;
        byte[] create = order(9006, true).getBytes(StandardCharsets.UTF_8);
        long orderId = send(s, "orders/create", webhookId, create).statusCode(200).body("outcome", equalTo("CREATED")).extract().jsonPath().getLong("orderId");
        send(s, "orders/create", webhookId, create).statusCode(200).body("outcome", equalTo("DUPLICATE"))
                .body("detail", containsString("duplicate, ignored"));
        // Shopify re-sends the cancellation twice with its id: cancelled once, one order event, stock back once.
        byte[] cancel = "{\"id\": 9006}".getBytes(StandardCharsets.UTF_8);
        send(s, "orders/cancelled", webhookId + "-c", cancel).statusCode(200).body("outcome", equalTo("CANCELLED"));
        send(s, "orders/cancelled", webhookId + "-c", cancel).statusCode(200).body("outcome", equalTo("DUPLICATE"));
        assertEquals(1, s.orders());
        assertEquals(1, s.f.count("select count(*) from order_event where order_id = ? and to_status = 'CANCELLED'", orderId));
        assertEquals(0, s.f.allocated("A"));
        assertEquals(1, s.webhooks("CREATED"));
        assertEquals(0, s.webhooks("EXISTING"), "intake was not asked again");
        assertEquals(2, s.webhooks("DUPLICATE"));
        // The duplicate's row keeps the metadata; the body is kept once, on the call that was acted on.
        assertEquals(create.length + "|" + create.length, s.f.text("""
                select concat_ws('|', w.body_bytes, octet_length(w.body)) from channel_webhook w join channel_account a on a.id = w.account_id
                 where a.account = ? and w.outcome = 'CREATED'""", s.domain));
        assertEquals(webhookId, s.f.text("""
                select w.delivery_id from channel_webhook w join channel_account a on a.id = w.account_id
                 where a.account = ? and w.outcome = 'DUPLICATE' order by w.id limit 1""", s.domain));

        // Another shop's delivery with the same id is its own.
        SignedIn.asAdmin(); // a new shop is set up by an admin; the webhook itself goes anonymously
        ShopifyWebhookTest.Store other = new ShopifyWebhookTest.Store();
        assertNotEquals(s.domain, other.domain);
        send(other, "orders/create", webhookId, create).statusCode(200).body("outcome", equalTo("CREATED"));
    }

    static io.restassured.response.ValidatableResponse send(ShopifyWebhookTest.Store s, String topic, String webhookId, byte[] body) throws Exception {
        return given().contentType("application/json").header("X-Shopify-Shop-Domain", s.domain).header("X-Shopify-Topic", topic)
                .header("X-Shopify-Hmac-Sha256", hmac(SECRET, body)).header("X-Shopify-Webhook-Id", webhookId)
                .body(body).post("/api/channels/shopify/webhook").then();
    }
}

package io.surgewms.intake.shopify;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.surgewms.intake.IntakeWaitTest;
import io.surgewms.intake.OrderIntake;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Webhooks come from Shopify without a Surge credential: every call here goes anonymously, signed only by HMAC. */
@QuarkusTest
class ShopifyWebhookTest {

    static final String SECRET = "shpss_test_secret_0123456789";

    /** A shop with SKUs A (mapped from variant 4001) and B, stock of both, and a Shopify account for it. */
    static final class Store {
        final Floor f = new Floor().sku("A").sku("B");
        final String domain = f.shop + ".myshopify.com";

        Store() {
            f.receive("A", f.bin("PICK_FACE", 1), 10);
            f.receive("B", f.bin("PICK_FACE", 2), 10);
            Floor.sql("""
                    insert into channel_account (shop_id, channel, account, secret, access_token, default_carrier, default_service, ship_within_hours)
                    select id, 'shopify', ?, ?, 'shpat_x', 'UPS', 'GROUND', 24 from shop where code = ?""", domain, SECRET, f.shop);
            Floor.sql("""
                    insert into channel_sku (account_id, channel_sku, product_id)
                    select a.id, '4001', p.id from channel_account a join product p on p.shop_id = a.shop_id and p.sku = 'A' where a.account = ?""", domain);
            SignedIn.anonymous();
        }

        long webhooks(String outcome) {
            return f.count("select count(*) from channel_webhook w join channel_account a on a.id = w.account_id where a.account = ? and w.outcome = ?",
                    domain, outcome);
        }

        long orders() {
            return f.count("select count(*) from orders o join shop s on s.id = o.shop_id where s.code = ?", f.shop);
        }
    }

    static String order(long id, boolean shipping) {
        String address = shipping ? """
                "shipping_address": {"first_name": "Zoë", "last_name": "Müller", "name": "Zoë Müller", "company": "Müller Logistik GmbH", "address1": "1 Main St, Apt 2",
                  "address2": "Floor 3", "city": "Austin", "province": "Texas", "province_code": "TX", "zip": "78701",
                  "country": "United States", "country_code": "US", "phone": "+1 512 555 0100"},""" : "\"shipping_address\": null,";
        return """
                {"id": %d, "name": "#1001", "email": "zoe@example.com", "created_at": "2026-11-20T10:00:00-05:00", %s
                 "line_items": [
                   {"id": 1, "variant_id": 4001, "sku": "SHOPIFY-SIDE-SKU", "quantity": 2, "requires_shipping": true},
                   {"id": 2, "variant_id": 4002, "sku": "B", "quantity": 1, "requires_shipping": true},
                   {"id": 3, "variant_id": 4003, "sku": "GIFT", "quantity": 1, "requires_shipping": false}]}""".formatted(id, address);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    static ValidatableResponse send(String domain, String topic, String hmac, byte[] body) {
        var req = given().contentType("application/json").header("X-Shopify-Shop-Domain", domain).header("X-Shopify-Topic", topic);
        if (hmac != null) req = req.header("X-Shopify-Hmac-Sha256", hmac);
        return req.body(body).post("/api/channels/shopify/webhook").then();
    }

    static ValidatableResponse signed(Store s, String topic, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(s.domain, topic, hmac(SECRET, body), body);
    }

    @Inject OrderIntake intake;
    @ConfigProperty(name = "quarkus.thread-pool.max-threads") int workers;
    @TestHTTPResource("/api/channels/shopify/webhook") URL webhook;

    @Test
    void shall_take_more_webhooks_than_workers_while_their_commit_is_blocked() throws Exception {
        Store s = new Store();
        HttpClient http = HttpClient.newHttpClient();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < workers * 3; i++) {
            byte[] body = order(9_100 + i, true).getBytes(StandardCharsets.UTF_8);
            requests.add(HttpRequest.newBuilder(webhook.toURI()).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .header("X-Shopify-Shop-Domain", s.domain).header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Hmac-Sha256", hmac(SECRET, body)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        }
        URI floor = URI.create(webhook.toString().replace("/api/channels/shopify/webhook", "/api/picking/policy"));
        for (HttpResponse<String> a : IntakeWaitTest.sentWhileCommitBlocked(intake, workers, http, floor, requests))
            assertEquals(200, a.statusCode(), a.body());
        assertEquals(requests.size(), s.orders());
        assertEquals(requests.size(), s.webhooks("CREATED"));
    }

    @Test
    void shall_turn_a_signed_order_into_one_order_with_its_lines_and_address_even_when_replayed() throws Exception {
        Store s = new Store();
        long orderId = signed(s, "orders/create", order(820982911946154508L, true)).statusCode(200)
                .body("outcome", equalTo("CREATED")).extract().jsonPath().getLong("orderId");
        signed(s, "orders/create", order(820982911946154508L, true)).statusCode(200)
                .body("outcome", equalTo("EXISTING")).body("orderId", equalTo((int) orderId));
        assertEquals(1, s.orders());
        assertEquals("shopify|820982911946154508|UPS|GROUND|Zoë Müller|Müller Logistik GmbH|1 Main St, Apt 2|Floor 3|Austin|TX|78701|US|+1 512 555 0100|zoe@example.com|2026-11-21T15:00Z",
                s.f.text("""
                        select concat_ws('|', channel, external_id, carrier, service, ship_to_name, ship_to_company, ship_to_line1, ship_to_line2, ship_to_city,
                               ship_to_region, ship_to_postal, ship_to_country, ship_to_phone, ship_to_email,
                               to_char(ship_by at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')) from orders where id = ?""", orderId));
        // variant 4001 through channel_sku (its Shopify SKU is ignored), 4002 by its SKU, the gift card needs no shipping
        assertEquals("A:2,B:1", s.f.text("""
                select string_agg(p.sku || ':' || l.quantity, ',' order by p.sku) from order_line l join product p on p.id = l.product_id
                 where l.order_id = ?""", orderId));
        assertEquals(2, s.f.allocated("A"));
        assertEquals(1, s.webhooks("CREATED"));
        assertEquals(1, s.webhooks("EXISTING"));
    }

    @Test
    void shall_refuse_with_401_and_record_a_tampered_body_a_wrong_secret_a_missing_signature_or_an_unknown_shop() throws Exception {
        Store s = new Store();
        byte[] body = order(5001, true).getBytes(StandardCharsets.UTF_8);
        byte[] tampered = order(5001, true).replace("\"quantity\": 2", "\"quantity\": 9").getBytes(StandardCharsets.UTF_8);
        send(s.domain, "orders/create", hmac(SECRET, body), tampered).statusCode(401).contentType("application/problem+json");
        send(s.domain, "orders/create", hmac("another-secret", body), body).statusCode(401).contentType("application/problem+json");
        send(s.domain, "orders/create", null, body).statusCode(401).contentType("application/problem+json");
        send(s.domain, "orders/create", "not base64 !!", body).statusCode(401);
        send("nobody-" + s.domain, "orders/create", hmac(SECRET, body), body).statusCode(401).contentType("application/problem+json");
        assertEquals(0, s.orders());
        assertEquals(0, s.f.allocated("A"));
        assertEquals(4, s.webhooks("UNAUTHORIZED"));
        assertEquals(1, s.f.count("select count(*) from channel_webhook where account_id is null and outcome = 'UNAUTHORIZED' and body like ?",
                "%\"id\": 5001,%"));
        assertEquals(0, s.f.count("select count(*) from channel_webhook w join channel_account a on a.id = w.account_id where a.account = ? and w.signature_ok",
                s.domain));
    }

    @Test
    void shall_ignore_an_order_with_nothing_to_ship_and_record_it() throws Exception {
        Store s = new Store();
        signed(s, "orders/create", order(6001, false)).statusCode(200).body("outcome", equalTo("IGNORED"));
        signed(s, "orders/create", """
                {"id": 6002, "created_at": "2026-11-20T10:00:00Z", "shipping_address": {"name": "A", "address1": "1 St", "city": "X",
                 "zip": "1", "country_code": "US"}, "line_items": [{"id": 1, "sku": "A", "quantity": 1, "requires_shipping": false}]}""")
                .statusCode(200).body("outcome", equalTo("IGNORED"));
        assertEquals(0, s.orders());
        assertEquals(2, s.webhooks("IGNORED"));
    }

    @Test
    void shall_cancel_an_order_not_yet_shipped_and_release_its_stock() throws Exception {
        Store s = new Store();
        long orderId = signed(s, "orders/create", order(7001, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        assertEquals(2, s.f.allocated("A"));
        signed(s, "orders/cancelled", "{\"id\": 7001, \"cancelled_at\": \"2026-11-20T11:00:00-05:00\", \"cancel_reason\": \"customer\"}")
                .statusCode(200).body("outcome", equalTo("CANCELLED")).body("orderId", equalTo((int) orderId));
        assertEquals("CANCELLED", s.f.text("select status from orders where id = ?", orderId));
        assertEquals(0, s.f.allocated("A"));
        assertEquals(0, s.f.allocated("B"));
        assertEquals(10, s.f.onHand("A"));
        // a replayed cancel changes nothing more
        signed(s, "orders/cancelled", "{\"id\": 7001}").statusCode(200).body("outcome", equalTo("CANCELLED"));
        assertEquals(1, s.f.count("select count(*) from order_event where order_id = ? and to_status = 'CANCELLED'", orderId));
    }

    @Test
    void shall_refuse_visibly_to_cancel_an_order_that_has_shipped() throws Exception {
        Store s = new Store();
        long orderId = signed(s, "orders/create", order(8001, true)).statusCode(200).extract().jsonPath().getLong("orderId");
        Floor.sql("update orders set status = 'SHIPPED' where id = ?", orderId); // as if packed and handed over
        signed(s, "orders/cancelled", "{\"id\": 8001}").statusCode(200).body("outcome", equalTo("REFUSED"));
        assertEquals("SHIPPED", s.f.text("select status from orders where id = ?", orderId));
        assertEquals(1, s.webhooks("REFUSED"));
        assertEquals(1, s.f.count("select count(*) from order_event where order_id = ? and actor = 'shopify' and note like 'cancelled on Shopify after it shipped%'",
                orderId));
        SignedIn.asAdmin();
        given().get("/api/orders/" + orderId + "/events").then().statusCode(200)
                .body("find { it.actor == 'shopify' }.note", org.hamcrest.Matchers.startsWith("cancelled on Shopify after it shipped"));
    }
}

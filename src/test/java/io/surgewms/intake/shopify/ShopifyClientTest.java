package io.surgewms.intake.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.surgewms.intake.channels.ChannelAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ShopifyClient against a FAKE Shopify Admin API: a JDK HttpServer on a loopback port that answers with
 * canned JSON in Shopify's shapes and records every request. Shopify's cloud is unreachable from here (no
 * network, no shop to test against), so this checks the requests we send, not Shopify's answers to them.
 */
class ShopifyClientTest {

    record Seen(String method, String path, String token, String body) {}

    static final ObjectMapper JSON = new ObjectMapper();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Map<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>();
    HttpServer fake;
    ChannelAccount account;

    @BeforeEach
    void start() throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", ex -> {
            String path = ex.getRequestURI().toString();
            seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("X-Shopify-Access-Token"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            String answer = answers.get(ex.getRequestMethod() + " " + path);
            byte[] out = (answer == null ? "{\"errors\":\"Not Found\"}" : answer).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(answer == null ? 404 : path.endsWith("set.json") || path.endsWith("fulfillments.json") ? 201 : 200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        fake.start();
        account = new ChannelAccount(1, 1, "glow", "shopify", "glow.myshopify.com", null, "secret", "shpat_token",
                "http://127.0.0.1:" + fake.getAddress().getPort() + "/", "UPS", "GROUND", 48, true);
    }

    @AfterEach
    void stop() {
        fake.stop(0);
    }

    static final String V = "/admin/api/" + ShopifyClient.API_VERSION + "/";

    @Test
    void shall_fulfil_the_open_fulfillment_orders_with_the_tracking_number_and_company() throws Exception {
        answers.put("GET " + V + "orders/450789469/fulfillment_orders.json", """
                {"fulfillment_orders": [{"id": 1046000818, "status": "open"}, {"id": 1046000819, "status": "closed"}]}""");
        answers.put("POST " + V + "fulfillments.json", "{\"fulfillment\": {\"id\": 255858046}}");
        new ShopifyClient().send(account, "shipment.shipped", JSON.readTree("""
                {"orderId": 7, "shop": "glow", "channel": "shopify", "externalId": "450789469", "carrier": "UPS",
                 "service": "GROUND", "trackingNumber": "1Z999AA10123456784"}"""));
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.stream().allMatch(s -> "shpat_token".equals(s.token())));
        JsonNode sent = JSON.readTree(seen.get(1).body());
        assertEquals(JSON.readTree("""
                {"fulfillment": {"line_items_by_fulfillment_order": [{"fulfillment_order_id": 1046000818}],
                 "tracking_info": {"number": "1Z999AA10123456784", "company": "UPS"}, "notify_customer": true}}"""), sent);
    }

    @Test
    void shall_send_nothing_when_every_fulfillment_order_is_already_fulfilled() throws Exception {
        answers.put("GET " + V + "orders/1/fulfillment_orders.json", "{\"fulfillment_orders\": [{\"id\": 5, \"status\": \"closed\"}]}");
        new ShopifyClient().send(account, "shipment.shipped", JSON.readTree("{\"externalId\": \"1\", \"carrier\": \"UPS\", \"trackingNumber\": \"T\"}"));
        assertEquals(1, seen.size());
    }

    @Test
    void shall_set_the_available_quantity_of_the_variants_inventory_item_where_it_is_stocked() throws Exception {
        answers.put("GET " + V + "variants/4001.json", "{\"variant\": {\"id\": 4001, \"inventory_item_id\": 808950810}}");
        answers.put("GET " + V + "inventory_levels.json?inventory_item_ids=808950810",
                "{\"inventory_levels\": [{\"inventory_item_id\": 808950810, \"location_id\": 655441491, \"available\": 3}]}");
        answers.put("POST " + V + "inventory_levels/set.json", "{\"inventory_level\": {}}");
        new ShopifyClient().send(account, "stock.level", JSON.readTree("{\"productId\": 9, \"sku\": \"A\", \"channelSku\": \"4001\", \"quantity\": 42}"));
        assertEquals(3, seen.size(), seen.toString());
        assertEquals("POST", seen.get(2).method());
        assertEquals(JSON.readTree("{\"location_id\": 655441491, \"inventory_item_id\": 808950810, \"available\": 42}"), JSON.readTree(seen.get(2).body()));
    }

    @Test
    void shall_throw_when_shopify_does_not_accept_so_the_outbox_tries_again() throws Exception {
        // no answers: every call is a 404
        Exception e = assertThrows(IOException.class, () -> new ShopifyClient().send(account, "shipment.shipped",
                JSON.readTree("{\"externalId\": \"1\", \"carrier\": \"UPS\", \"trackingNumber\": \"T\"}")));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        new ShopifyClient().send(account, "stock.level", JSON.readTree("{\"productId\": 9, \"sku\": \"A\", \"quantity\": 1}")); // unmapped: nothing sent
        assertEquals(1, seen.size());
    }
}

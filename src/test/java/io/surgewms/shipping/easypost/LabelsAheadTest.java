package io.surgewms.shipping.easypost;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.shipping.LabelBuyer;
import io.surgewms.shipping.LabelPlanner;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Labels bought ahead through EasyPost, end to end: the shop's account, the planner, the buying worker, the
 * pack station. EasyPost's cloud cannot be reached from here; {@link FakeEasyPost} replays its documented
 * payloads (https://docs.easypost.com/docs/shipments, .../shipping-refund, .../addresses), and the client
 * under test is the production one.
 */
@QuarkusTest
class LabelsAheadTest {

    @Inject LabelPlanner planner;
    @Inject LabelBuyer buyer;

    FakeEasyPost easypost;
    Floor f;
    String gtin;

    @BeforeEach
    void floor() throws Exception {
        easypost = new FakeEasyPost();
        f = new Floor();
        // a GTIN of this test's own: singles stations ship the earliest order of any shop selling the scanned code
        gtin = f.skuWithGtin("SERUM", "42" + String.format("%010d", Math.floorMod(f.shop.hashCode(), 10_000_000_000L)));
        f.receive("SERUM", f.bin("PICK_FACE", 1), 50);
        f.tote(1);
        f.tote(2);
    }

    @AfterEach
    void close() {
        easypost.close();
    }

    void account() {
        String body = given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "provider", "easypost", "name", "us-main",
                        "baseUrl", easypost.baseUrl(), "credentials", Map.of("apiKey", FakeEasyPost.API_KEY)))
                .post("/api/shipping/accounts").then().statusCode(201).extract().asString();
        assertFalse(body.contains(FakeEasyPost.API_KEY), "the API never returns a credential: " + body);
        assertTrue(body.contains("\"credentialsSet\":[\"apiKey\"]"), body);
        assertFalse(f.text("select encode(credentials, 'escape') from carrier_account a join shop s on s.id = a.shop_id where s.code = ?", f.shop)
                .contains(FakeEasyPost.API_KEY), "sealed at rest");
    }

    /** n single-unit orders, waved and picked: their labels are due. */
    List<Long> pickedSingles(int n) {
        for (int i = 0; i < n; i++)
            given().contentType(ContentType.JSON).body(f.order("la-" + i, "SERUM", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        pickAll(f, "lia", claim(f, "lia").getLong("id"), Map.of("SERUM", gtin));
        return given().queryParam("shop", f.shop).queryParam("size", 100).get("/api/orders").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }

    String singlesStation() {
        String code = "SL-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", code, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);
        return code;
    }

    JsonPath scan(String station, String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "packer", "pam"))
                .post("/api/packing/stations/" + station + "/scan").then().statusCode(200).extract().jsonPath();
    }

    JsonPath labels(long order) {
        return given().get("/api/orders/" + order + "/labels").then().statusCode(200).extract().jsonPath();
    }

    String labelStatus(long order) {
        return f.text("select string_agg(status, ',' order by version) from parcel_label where order_id = ?", order);
    }

    /**
     * A worker's run whose purchase EasyPost has made but not yet answered (it stalls 1.5 s): what happens on the
     * floor meanwhile is the test. The run's future, to join.
     */
    java.util.concurrent.CompletableFuture<Void> purchaseInFlight() throws InterruptedException {
        easypost.afterBuy = FakeEasyPost.AfterBuy.STALL;
        easypost.stallMs = 1_500;
        var buying = java.util.concurrent.CompletableFuture.runAsync(buyer::runOnce);
        long until = System.nanoTime() + 10_000_000_000L;
        while (easypost.purchases.get() == 0 && System.nanoTime() < until) Thread.sleep(20);
        assertEquals(1, easypost.purchases.get(), "EasyPost is selling the label");
        return buying;
    }

    int carrierLabelsWaiting() {
        return given().get("/api/board").then().statusCode(200).extract().jsonPath().getInt("exceptions.carrierLabelsWaiting");
    }

    long refunds() {
        return easypost.calls("POST", "/v2/shipments/").stream().filter(c -> c.path().endsWith("/refund")).count();
    }

    /** Makes the order's waiting labels due now (a retry's backoff is seconds to minutes). */
    void due(long order) {
        Floor.sql("update parcel_label set next_attempt = now() where order_id = ?", order);
    }

    @Test
    void shall_print_the_label_bought_ahead_at_the_scan_and_buy_each_label_once() {
        account();
        List<Long> orders = pickedSingles(3);
        assertEquals(3, planner.runOnce());
        assertEquals(0, planner.runOnce(), "planned once");
        assertEquals(3, buyer.runOnce());
        assertEquals(3, easypost.purchases.get());
        JsonPath l = labels(orders.get(0));
        assertEquals("BOUGHT", l.getString("[0].status"));
        assertEquals(2, l.getList("[0].rates").size(), "both services considered");
        assertEquals("GroundAdvantage", l.getString("[0].service"), "no rule: the cheapest");
        assertTrue(l.getString("[0].choice").startsWith("cheapest of 2"), l.getString("[0].choice"));

        String station = singlesStation();
        JsonPath a = scan(station, gtin);
        assertEquals("ACCEPTED", a.getString("result"), a.prettify());
        assertNull(a.getString("reason"));
        long shipment = a.getLong("shipmentId");
        long order = a.getLong("pack.orderId");
        String tracking = f.text("select tracking_number from parcel_label where order_id = ? and status = 'BOUGHT'", order);
        assertEquals(tracking, f.text("select tracking_number from shipment where id = ?", shipment), "the parcel carries the bought label's number");
        assertEquals("USPS", f.text("select carrier from shipment where id = ?", shipment));
        assertEquals(f.text("select encode(label_zpl, 'escape') from parcel_label where order_id = ?", order),
                f.text("select encode(payload, 'escape') from print_job where shipment_id = ?", shipment), "EasyPost's label, as bought, is printed");
        assertEquals(0, buyer.runOnce());
        assertEquals(3, easypost.purchases.get(), "nothing bought again");
    }

    @Test
    void shall_buy_once_when_the_answer_of_a_purchase_is_lost() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        easypost.afterBuy = FakeEasyPost.AfterBuy.DROP_CONNECTION;
        buyer.runOnce();
        assertEquals(1, easypost.purchases.get(), "EasyPost sold the label");
        assertEquals("PLANNED", labelStatus(order), "but Surge never heard: it will ask again");
        assertNotNull(labels(order).getString("[0].lastError"));
        due(order);
        buyer.runOnce();
        assertEquals("BOUGHT", labelStatus(order));
        assertEquals(1, easypost.purchases.get(), "the repeat answered the label already sold");
        assertEquals(easypost.shipments.values().iterator().next().path("tracking_code").asText(),
                f.text("select tracking_number from parcel_label where order_id = ?", order));
    }

    @Test
    void shall_take_a_label_over_from_a_worker_killed_mid_purchase() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        easypost.afterBuy = FakeEasyPost.AfterBuy.DROP_CONNECTION;
        buyer.runOnce(); // bought at EasyPost, answer lost
        // as if the worker had died right there: the row stays BUYING until its lease runs out
        Floor.sql("update parcel_label set status = 'BUYING', next_attempt = now() - interval '1 second' where order_id = ?", order);
        buyer.runOnce();
        assertEquals("BOUGHT", labelStatus(order));
        assertEquals(1, easypost.purchases.get());
    }

    @Test
    void shall_void_the_label_of_a_cancelled_order() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        buyer.runOnce();
        given().post("/api/orders/" + order + "/cancel").then().statusCode(200);
        assertEquals("VOID_PENDING", labelStatus(order));
        buyer.runOnce();
        assertEquals("VOIDED", labelStatus(order));
        assertEquals(1, refunds());
    }

    @Test
    void shall_refund_a_label_sold_while_its_order_was_cancelled_mid_purchase() throws Exception {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        var buying = purchaseInFlight();
        given().post("/api/orders/" + order + "/cancel").then().statusCode(200); // while the answer is on its way
        buyer.runOnce(); // another worker's run meanwhile: it must not give the row up
        buying.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("VOID_PENDING", labelStatus(order), "the label came back for a cancelled order: to be refunded");
        buyer.runOnce();
        assertEquals("VOIDED", labelStatus(order));
        assertEquals(1, refunds());
    }

    @Test
    void shall_print_the_label_of_a_parcel_packed_while_its_purchase_was_in_flight() throws Exception {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        var buying = purchaseInFlight();
        JsonPath a = scan(singlesStation(), gtin); // the packer scans while EasyPost's answer is on its way
        assertEquals("LABEL_PENDING", a.getString("reason"), a.prettify());
        long shipment = a.getLong("shipmentId");
        buying.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("READY", f.text("select label_state from shipment where id = ?", shipment), "the answer found the parcel packed meanwhile");
        assertEquals(f.text("select tracking_number from parcel_label where order_id = ?", order),
                f.text("select tracking_number from shipment where id = ?", shipment));
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ?", shipment));
        assertEquals(1, easypost.purchases.get());
    }

    @Test
    void shall_refund_a_label_whose_purchase_answer_was_lost_when_the_order_is_cancelled() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        easypost.afterBuy = FakeEasyPost.AfterBuy.DROP_CONNECTION;
        buyer.runOnce();
        assertEquals(1, easypost.purchases.get());
        assertEquals("PLANNED", labelStatus(order), "Surge never heard of the sale");
        given().post("/api/orders/" + order + "/cancel").then().statusCode(200);
        due(order);
        buyer.runOnce(); // asks EasyPost whether it sold one before giving the row up
        assertEquals("VOIDED", labelStatus(order));
        assertEquals(1, refunds(), "the paid label refunded");
    }

    @Test
    void shall_buy_again_when_the_packed_weight_differs_and_void_the_first_label() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        buyer.runOnce();
        String first = f.text("select tracking_number from parcel_label where order_id = ?", order);
        String station = "ST-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "STANDARD")).post("/api/packing/stations").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("code", String.valueOf(order), "packer", "pam"))
                .post("/api/packing/stations/" + station + "/open").then().statusCode(200);
        assertEquals("ACCEPTED", scan(station, gtin).getString("result"));
        JsonPath closed = given().contentType(ContentType.JSON).body(Map.of("packer", "pam", "weightG", 900))
                .post("/api/packing/stations/" + station + "/close").then().statusCode(200).extract().jsonPath();
        assertEquals("LABEL_PENDING", closed.getString("reason"), closed.prettify());
        long shipment = closed.getLong("shipmentId");
        assertNull(f.text("select tracking_number from shipment where id = ?", shipment), "no number until the new label is bought");
        assertEquals(0, f.count("select count(*) from print_job where shipment_id = ?", shipment), "nothing printed yet");
        buyer.runOnce();
        assertEquals("VOIDED,BOUGHT", labelStatus(order));
        String second = f.text("select tracking_number from shipment where id = ?", shipment);
        assertNotNull(second);
        assertFalse(second.equals(first));
        assertEquals("READY", f.text("select label_state from shipment where id = ?", shipment));
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ?", shipment), "one label printed");
        assertEquals(2, easypost.purchases.get());
        assertEquals("900", f.text("select bought_weight_g from parcel_label where order_id = ? and status = 'BOUGHT'", order));
        // EasyPost took the parcel at the weight packed: 900 g is 31.7 oz
        List<FakeEasyPost.Call> created = easypost.calls("POST", "/v2/shipments").stream().filter(c -> c.path().equals("/v2/shipments")).toList();
        assertEquals(31.75, created.get(created.size() - 1).body().path("shipment").path("parcel").path("weight").asDouble(), 0.06);
    }

    @Test
    void shall_let_the_packer_go_on_while_the_provider_is_down_and_print_once_when_it_is_back() {
        account();
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        easypost.failAll = 503;
        buyer.runOnce();
        assertEquals("PLANNED", labelStatus(order));
        assertTrue(labels(order).getString("[0].lastError").contains("HTTP 503"), labels(order).prettify());
        String station = singlesStation();
        int waitingBefore = carrierLabelsWaiting();
        JsonPath a = scan(station, gtin);
        assertEquals("ACCEPTED", a.getString("result"));
        assertEquals("LABEL_PENDING", a.getString("reason"), a.prettify());
        assertEquals(waitingBefore + 1, carrierLabelsWaiting(), "the board counts the parcel waiting for its carrier label");
        assertTrue(a.getString("message").contains("label pending"), a.getString("message"));
        long shipment = a.getLong("shipmentId");
        assertEquals(0, f.count("select count(*) from print_job where shipment_id = ?", shipment));
        assertEquals("PENDING", f.text("select label_state from shipment where id = ?", shipment));
        easypost.failAll = 0;
        due(order);
        buyer.runOnce();
        assertEquals("READY", f.text("select label_state from shipment where id = ?", shipment));
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ?", shipment));
        assertEquals(waitingBefore, carrierLabelsWaiting());
        due(order);
        buyer.runOnce();
        assertEquals(1, f.count("select count(*) from print_job where shipment_id = ?", shipment), "nothing prints twice");
        assertEquals(1, easypost.purchases.get());
    }

    @Test
    void shall_hold_an_undeliverable_address_until_a_supervisor_corrects_it() {
        account();
        easypost.unknownStreets.add("1 Main St");
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        buyer.runOnce();
        assertEquals("ADDRESS_HOLD", labelStatus(order));
        assertEquals(0, easypost.purchases.get());
        assertTrue(f.text("select exception from orders where id = ?", order).startsWith("Address hold: "), "on the board's exceptions");
        given().contentType(ContentType.JSON).body(Map.of("line1", "")).put("/api/orders/" + order + "/address").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "Ada Buyer", "line1", "100 Congress Ave", "city", "Austin",
                "region", "TX", "postalCode", "78701", "country", "US")).put("/api/orders/" + order + "/address").then().statusCode(200);
        assertNull(f.text("select exception from orders where id = ?", order));
        buyer.runOnce();
        assertEquals("BOUGHT", labelStatus(order));
        assertEquals("100 Congress Ave", easypost.shipments.values().iterator().next().path("to_address").path("street1").asText());
    }

    @Test
    void shall_choose_the_service_by_the_shop_rule_and_hold_a_refusal_for_a_person() {
        account();
        given().contentType(ContentType.JSON).body(List.of(Map.of("strategy", "FASTEST_UNDER_CEILING", "maxCostCents", 700)))
                .put("/api/shipping/rules/" + f.shop).then().statusCode(200);
        List<Long> orders = pickedSingles(2);
        planner.runOnce();
        buyer.runOnce();
        assertEquals("Priority", labels(orders.get(0)).getString("[0].service"), "2 days at 6.90 beats 3 days at 5.93 under 7.00");
        assertTrue(labels(orders.get(0)).getString("[0].choice").startsWith("fastest under 7.00 USD"));

        given().contentType(ContentType.JSON).body(List.of(Map.of("strategy", "FASTEST_UNDER_CEILING", "maxCostCents", 100)))
                .put("/api/shipping/rules/" + f.shop).then().statusCode(200);
        given().contentType(ContentType.JSON).body(f.order("la-late", "SERUM", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        long late = f.count("select o.id from orders o join shop s on s.id = o.shop_id where s.code = ? and o.external_id = 'la-late'", f.shop);
        pickAll(f, "lia", claim(f, "lia").getLong("id"), Map.of("SERUM", gtin));
        planner.runOnce();
        buyer.runOnce();
        assertEquals("FAILED", labelStatus(late));
        assertTrue(f.text("select exception from orders where id = ?", late).contains("no service at or under 1.00 USD"));
        given().contentType(ContentType.JSON).body(List.of(Map.of("strategy", "CHEAPEST_ON_TIME"))).put("/api/shipping/rules/" + f.shop).then().statusCode(200);
        long label = labels(late).getLong("[0].id");
        given().post("/api/shipping/labels/" + label + "/retry").then().statusCode(200);
        buyer.runOnce();
        assertEquals("BOUGHT", labelStatus(late));
        assertNull(f.text("select exception from orders where id = ?", late));
    }

    @Test
    void shall_weigh_the_own_range_among_the_providers_and_draw_its_label_at_the_scan() {
        account();
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "provider", "own", "name", "local-courier",
                        "options", Map.of("carrier", "LOCALX", "service", "SAMEDAY", "costCents", "300", "transitDays", "4")))
                .post("/api/shipping/accounts").then().statusCode(201);
        long order = pickedSingles(1).get(0);
        planner.runOnce();
        buyer.runOnce();
        JsonPath l = labels(order);
        assertEquals("own", l.getString("[0].provider"));
        assertEquals("LOCALX", l.getString("[0].carrier"), "3.00 beats EasyPost's 5.93: " + l.getString("[0].choice"));
        assertEquals(3, l.getList("[0].rates").size(), "both providers quoted");
        assertEquals(0, easypost.purchases.get());
        JsonPath a = scan(singlesStation(), gtin);
        assertEquals("ACCEPTED", a.getString("result"), a.prettify());
        long shipment = a.getLong("shipmentId");
        String tracking = f.text("select tracking_number from shipment where id = ?", shipment);
        assertEquals(l.getString("[0].trackingNumber"), tracking);
        assertTrue(tracking.startsWith("SW"), tracking);
        assertTrue(f.text("select encode(payload, 'escape') from print_job where shipment_id = ?", shipment).contains(tracking),
                "Surge draws the own range's label, with the number bought");
        assertEquals("LOCALX", f.text("select carrier from shipment where id = ?", shipment));
    }

    @Test
    void shall_refuse_a_bad_account_or_rule_by_field_and_change_nothing() {
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "provider", "ups", "name", "x"))
                .post("/api/shipping/accounts").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("provider"));
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "provider", "easypost", "name", "us"))
                .post("/api/shipping/accounts").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("credentials.apiKey"));
        given().contentType(ContentType.JSON).body(Map.of("shop", "no-such-shop", "provider", "easypost", "name", "us",
                "credentials", Map.of("apiKey", "k"))).post("/api/shipping/accounts").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("shop"));
        assertEquals(0, f.count("select count(*) from carrier_account a join shop s on s.id = a.shop_id where s.code = ?", f.shop));

        given().contentType(ContentType.JSON).body(List.of(Map.of("strategy", "CHEAPEST_ON_TIME", "maxTransitDays", 2)))
                .put("/api/shipping/rules/" + f.shop).then().statusCode(200);
        given().contentType(ContentType.JSON).body(List.of(Map.of("strategy", "FASTEST_UNDER_CEILING"), Map.of("strategy", "CHEAPEST_ON_TIME", "country", "USA")))
                .put("/api/shipping/rules/" + f.shop).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("[0].maxCostCents", "[1].country"));
        given().get("/api/shipping/rules/" + f.shop).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1)).body("[0].maxTransitDays", org.hamcrest.Matchers.equalTo(2));
    }
}

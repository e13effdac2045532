package io.surgewms.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.shipping.LabelBuyer;
import io.surgewms.shipping.LabelPlanner;
import io.surgewms.shipping.easypost.FakeEasyPost;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.Pick;
import io.surgewms.testsupport.SignInPage;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A singles station at 1280×800 while the carrier (EasyPost's fake: its cloud cannot be reached from here)
 * is down: the scan ships the order with "Label pending" in amber and no label to stick on, and the label
 * appears by itself once the worker has bought it.
 */
@QuarkusTest
class LabelPendingPageTest {

    @TestHTTPResource("/floor/pack")
    URL page;

    @Inject LabelPlanner planner;
    @Inject LabelBuyer buyer;

    Handheld hh;
    FakeEasyPost easypost;

    @BeforeEach
    void browser() throws Exception {
        assumeTrue(Files.isExecutable(Handheld.CHROMEDRIVER), "Skipped: /usr/bin/chromedriver is missing (.ci/run installs it)");
        hh = new Handheld(1280, 800);
        easypost = new FakeEasyPost();
    }

    @AfterEach
    void close() {
        if (hh != null) hh.close();
        if (easypost != null) easypost.close();
    }

    @Test
    void shall_show_label_pending_while_the_carrier_is_down_then_the_label_once_bought() {
        PickFloor f = new PickFloor();
        String mug = f.product("MUG-VIRAL", "The mug from the video");
        f.tote(1);
        f.receive("MUG-VIRAL", f.bin(1), 10);
        long order = f.order("lp-page-1", "MUG-VIRAL", 1);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "provider", "easypost", "name", "us",
                "baseUrl", easypost.baseUrl(), "credentials", Map.of("apiKey", FakeEasyPost.API_KEY)))
                .post("/api/shipping/accounts").then().statusCode(201);
        f.wave();
        String picker = "lp-picker-" + f.zone;
        long task = given().contentType(ContentType.JSON).body(Map.of("picker", picker)).post("/api/picking/claim")
                .then().statusCode(200).extract().jsonPath().getLong("id");
        Pick.pickAll(null, picker, task, Map.of("MUG-VIRAL", mug));
        easypost.failAll = 503;
        planner.runOnce();
        buyer.runOnce();
        String station = "LP-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S"))
                .post("/api/packing/stations").then().statusCode(201);

        hh.signIn(page + "?station=" + station, SignInPage.staff("pending-packer", "PACKER"));
        hh.waitForScreen("ready");
        hh.scanAnswered(mug);
        hh.waitFor("label pending shown", () -> hh.visible("pending"));
        assertFalse(hh.visible("parcel"), "no label to stick on while none is bought");
        assertTrue(hh.text("pending-for").startsWith("Order " + order + " (lp-page-1)"), hh.text("pending-for"));
        assertTrue(hh.text("banner").contains("label pending"), hh.text("banner"));
        hh.screenshot("pack-label-pending.png");

        easypost.failAll = 0;
        Floor.sql("update parcel_label set next_attempt = now() where order_id = ?", order);
        buyer.runOnce();
        long shown = hh.labelShown(); // the page looks again every 2 s
        assertFalse(hh.visible("pending"));
        assertEquals(order, HandheldPickPageTest.count("select order_id from shipment where id = ?", shown));
        assertEquals("Label for order " + order + " printed", hh.text("parcel-title"));
        hh.screenshot("pack-label-pending-printed.png");
    }
}

package io.surgewms.shipping.tiktok;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.surgewms.devices.PrintQueue;
import io.surgewms.devices.printer.FakeZebra;
import io.surgewms.labels.LabelScanner;
import io.surgewms.labels.ZplGraphicReader;
import io.surgewms.shipping.LabelBuyer;
import io.surgewms.shipping.LabelPlanner;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An order TikTok ships, from the webhook's carrier TIKTOK to TikTok's own label on a Zebra: the label is bought
 * ahead through TikTok's package flow on the shop's channel account, its PDF rasterized into a ZPL graphic, and
 * the printer (a loopback Zebra) receives a label whose tracking barcode still decodes. TikTok's cloud cannot be
 * reached from here: {@link FakeTikTokFulfillment} replays its documented payloads (pages cited there).
 */
@QuarkusTest
class TikTokLabelsTest {

    static final String SECRET = "app-secret-e2e", TOKEN = "TTP_e2e_token";

    @Inject LabelPlanner planner;
    @Inject LabelBuyer buyer;
    @Inject PrintQueue queue;

    FakeTikTokFulfillment tiktok;
    FakeZebra zebra;

    @BeforeEach
    void start() throws Exception {
        zebra = FakeZebra.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (tiktok != null) tiktok.close();
        zebra.close();
    }

    @Test
    void shall_print_tiktoks_own_label_on_the_zebra_and_not_mark_it_shipped_again() throws Exception {
        Floor f = new Floor();
        String cipher = "ROW_" + f.zone;
        tiktok = new FakeTikTokFulfillment(SECRET, TOKEN, cipher);
        String gtin = f.skuWithGtin("GLOW", "43" + String.format("%010d", Math.floorMod(f.shop.hashCode(), 10_000_000_000L)));
        f.receive("GLOW", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        given().contentType(ContentType.JSON).body(Map.of("shop", f.shop, "channel", "tiktok", "account", cipher, "appKey", "6a1b2c",
                "secret", SECRET, "accessToken", TOKEN, "baseUrl", tiktok.baseUrl(), "shopCipher", cipher)).post("/api/channels/accounts").then().statusCode(201);
        String tiktokOrder = "5771" + Math.floorMod(f.zone.hashCode(), 1_000_000);
        tiktok.order(tiktokOrder, tiktokOrder + "01");
        Map<String, Object> order = new HashMap<>(f.order(tiktokOrder, "GLOW", 1));
        order.putAll(Map.of("channel", "tiktok", "carrier", "TIKTOK", "service", "TIKTOK_SHIPPING"));
        long id = given().contentType(ContentType.JSON).body(order).post("/api/orders").then().statusCode(201).extract().jsonPath().getLong("id");
        plan(f);
        pickAll(f, "tia", claim(f, "tia").getLong("id"), Map.of("GLOW", gtin));

        assertEquals(1, planner.runOnce());
        buyer.runOnce();
        JsonPath label = given().get("/api/orders/" + id + "/labels").then().statusCode(200).extract().jsonPath();
        assertEquals("BOUGHT", label.getString("[0].status"), label.prettify());
        assertEquals("tiktok", label.getString("[0].provider"));
        String tracking = label.getString("[0].trackingNumber");

        String station = "TT-" + f.zone;
        given().contentType(ContentType.JSON).body(Map.of("code", station, "kind", "SINGLES", "defaultCarton", "MAILER-S",
                "printerHost", zebra.host(), "printerPort", zebra.port())).post("/api/packing/stations").then().statusCode(201);
        JsonPath a = given().contentType(ContentType.JSON).body(Map.of("code", gtin, "packer", "tom"))
                .post("/api/packing/stations/" + station + "/scan").then().statusCode(200).extract().jsonPath();
        assertEquals("ACCEPTED", a.getString("result"), a.prettify());
        queue.drain(10);
        assertTrue(zebra.awaitLabels(1, Duration.ofSeconds(20)), "the Zebra got the label");
        String zpl = new String(zebra.labels().get(0), StandardCharsets.US_ASCII);
        assertTrue(zpl.startsWith("^XA") && zpl.contains("^GFA,") && zpl.contains(":Z64:"), "TikTok's PDF as a graphic field");
        var printed = ZplGraphicReader.render(zpl, 812, 1218);
        Files.createDirectories(Path.of("target/labels"));
        ImageIO.write(printed, "png", Path.of("target/labels/tiktok-label-on-zebra.png").toFile());
        assertTrue(LabelScanner.read(printed).contains("CODE_128 " + tracking), "the tracking barcode decodes from what the printer got: " + LabelScanner.read(printed));
        assertEquals(tracking, f.text("select tracking_number from shipment where id = ?", a.getLong("shipmentId")));

        // Handed over: the event tells the TikTok client that TikTok sold this label (no Mark As Shipped goes back).
        given().post("/api/shipping/handover/" + f.text("select carrier from shipment where id = ?", a.getLong("shipmentId"))).then().statusCode(200);
        assertEquals("tiktok", f.text("select payload->>'labelProvider' from outbox where topic = 'shipment.shipped' and payload->>'orderId' = ?",
                String.valueOf(id)));
    }
}

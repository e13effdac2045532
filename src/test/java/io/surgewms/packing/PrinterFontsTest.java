package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.surgewms.labels.PrinterFonts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A printer's Unicode font comes from its device options and changes the label it gets. */
@QuarkusTest
class PrinterFontsTest {

    @Inject ShipmentLabels labels;
    @Inject AgroalDataSource db;

    @Test
    void shall_read_the_printers_unicode_font_from_its_device_options() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("code", "PF-ST", "kind", "STANDARD")).post("/api/packing/stations");
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRINTER", "connection", "TCP", "host", "127.0.0.1", "tcpPort", 9,
                "station", "PF-ST", "options", Map.of("dpi", "203", "unicodeFont", "E:ANMDJ.TTF"))).put("/api/devices/PF-UNICODE")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().contentType(ContentType.JSON).body(Map.of("kind", "PRINTER", "connection", "TCP", "host", "127.0.0.1", "tcpPort", 9,
                "station", "PF-ST", "enabled", false)).put("/api/devices/PF-PLAIN").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        try (Connection c = db.getConnection()) {
            assertEquals(PrinterFonts.of("E:ANMDJ.TTF"), labels.printerFonts(c, "PF-UNICODE"));
            assertEquals(PrinterFonts.NONE, labels.printerFonts(c, "PF-PLAIN"));
            assertEquals(PrinterFonts.NONE, labels.printerFonts(c, "NO-SUCH-PRINTER"));
            assertEquals(PrinterFonts.NONE, labels.printerFonts(c, null), "a station's bare address: no device, no font");
            ShippingLabelSample l = new ShippingLabelSample(labels);
            String unicode = labels.zpl(l.label, 203, labels.printerFonts(c, "PF-UNICODE"));
            assertTrue(unicode.contains("^CW1,E:ANMDJ.TTF") && unicode.contains("^A1N,48,44^FB752,1,0,L,0^FH^FD_D0_98"), unicode);
            String pictures = labels.zpl(l.label, 203, labels.printerFonts(c, "PF-PLAIN"));
            assertFalse(pictures.contains("^CW"));
            assertTrue(pictures.contains("^FO30,224^GFA,"), "the Cyrillic name as a picture");
        }
    }

    /** A Cyrillic parcel label made the way the singles path makes one. */
    record ShippingLabelSample(io.surgewms.labels.ShippingLabel label) {
        ShippingLabelSample(ShipmentLabels labels) {
            this(labels.label("OWN", "STD", "SW00000000017", "106141411234567897", 300, 1, 1, "PF-1", "Shop",
                    new io.surgewms.labels.ShippingLabel.Address("Иван Смирнов", java.util.List.of("ул. Тверская, 7"), "Москва", null,
                            "125009", "RU")));
        }
    }
}

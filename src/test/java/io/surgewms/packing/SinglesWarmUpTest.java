package io.surgewms.packing;

import io.quarkus.test.junit.QuarkusTest;
import io.surgewms.testsupport.Floor;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.surgewms.testsupport.Pick.claim;
import static io.surgewms.testsupport.Pick.pickAll;
import static io.surgewms.testsupport.Pick.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The warm-up before the scanners open runs the singles claim on each session it opens, and leaves no trace. */
@QuarkusTest
class SinglesWarmUpTest {

    @Inject SinglesWarmUp warmUp;

    /** Everything a singles scan writes or draws, in one line: the warm-up must change none of it. */
    private static String traces(Floor f, String station) {
        return f.text("""
                with mine as (select o.id from orders o join shop s on s.id = o.shop_id where s.code = ?)
                select (select count(*) from shipment where order_id in (select id from mine)) || ' ' || (select count(*) from scan where location = ?)
                       || ' ' || (select count(*) from print_job where station = ?) || ' ' || (select count(*) from order_event where order_id in (select id from mine))
                       || ' ' || (select count(*) from singles_waiting where order_id in (select id from mine))
                       || ' ' || (select last_value from sscc_serial) || ' ' || (select last_value from tracking_serial)""", f.shop, station, station);
    }

    @Test
    void shall_warm_the_singles_lane_without_claiming_writing_or_drawing_anything() {
        Floor f = new Floor();
        String gtin = f.skuWithGtin("A", "401700000001");
        f.receive("A", f.bin("PICK_FACE", 1), 5);
        f.tote(1);
        for (int i = 0; i < 2; i++) given().contentType("application/json").body(f.order("warm-" + i, "A", 1)).post("/api/orders").then().statusCode(201);
        plan(f);
        pickAll(f, "wes", claim(f, "wes").getLong("id"), Map.of("A", gtin));
        String station = "SW-" + f.zone;
        PackingFlowTest.station(station, "SINGLES");
        String before = traces(f, station);

        assertEquals(warmUp.connections(), warmUp.warm(), "every session warmed");

        assertEquals(before, traces(f, station), "shipments, scans, print jobs, order events, the singles queue and both serials as they were");
        assertEquals(2, f.orders("PICKED"), "no order claimed");
        // and the lane still ships: the two waiting orders go to the next two scans
        assertEquals(2, PackingFlowTest.shipSingles(station, gtin, 2).size());
        assertEquals(2, f.orders("PACKED"));
    }
}

package io.surgewms.shipping.sendcloud;

import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SendcloudProvider against {@link FakeSendcloud}, which replays Sendcloud's Shipments API v3 reference:
 * https://sendcloud.dev/api/v3/shipping-options/return-a-list-of-available-shipping-options,
 * https://sendcloud.dev/api/v3/shipments/create-and-announce-a-shipment-synchronously,
 * https://sendcloud.dev/api/v3/shipments/retrieve-shipments, https://sendcloud.dev/api/v3/shipments/cancel-a-shipment
 * and https://sendcloud.dev/api/v3/parcel-documents/retrieve-a-parcel-document.
 */
class SendcloudProviderTest {

    private static final Address WAREHOUSE = new Address("Glow Fulfilment", "Glow BV", List.of("Stadhuisplein 10", "2e verdieping"),
            "Eindhoven", null, "5611 EM", "NL", "+31612345678", "ops@glow.example");
    private static final Address BUYER = new Address("John Doe", null, List.of("Insulindelaan 115"),
            "Eindhoven", null, "5642CV", "NL", "+31612345679", "john@example.com");

    private FakeSendcloud fake;
    private final SendcloudProvider provider = new SendcloudProvider();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSendcloud();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CarrierCredentials account(String... options) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) o.put(options[i], options[i + 1]);
        return new CarrierCredentials(9, "sendcloud", fake.baseUrl(),
                Map.of("publicKey", FakeSendcloud.PUBLIC_KEY, "secretKey", FakeSendcloud.SECRET_KEY), o);
    }

    private static ParcelSpec parcel(String key, LabelFormat format, Address to) {
        return new ParcelSpec(key, "1234567890", "tiktok", null, WAREHOUSE, to, 1320, 200, 150, 50, null,
                Instant.parse("2026-12-08T17:00:00Z"), format, List.of(new ParcelSpec.Item("TS1234", "T-Shirt XL", 1, 300)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private BoughtLabel buyCheapest(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        return provider.buy(account, parcel, provider.rates(account, parcel).get(0));
    }

    @Test
    void shall_quote_home_delivery_options_with_the_contract_they_were_priced_on() throws Exception {
        List<Rate> rates = provider.rates(account(), parcel("surge-2001-1-1", LabelFormat.ZPL, BUYER));

        assertEquals(2, rates.size(), "the service-point option is left out");
        Rate postnl = rates.get(0);
        assertEquals("postnl", postnl.carrier());
        assertEquals("postnl:standard", postnl.service());
        assertEquals(520, postnl.costCents());
        assertEquals("EUR", postnl.currency());
        assertEquals(1, postnl.transitDays());
        assertEquals("postnl:standard@60", postnl.rateRef());
        assertEquals(2, rates.get(1).transitDays());
        var request = fake.calls("POST", "/api/v3/shipping-options").get(0).body();
        assertEquals("NL", request.path("to_country_code").asText());
        assertEquals("5642CV", request.path("to_postal_code").asText());
        assertEquals("1.320", request.path("parcels").get(0).path("weight").path("value").asText());
        assertEquals("kg", request.path("parcels").get(0).path("weight").path("unit").asText());
        assertEquals("20.0", request.path("parcels").get(0).path("dimensions").path("length").asText());
        assertTrue(request.path("calculate_quotes").asBoolean());
    }

    @Test
    void shall_announce_and_take_the_zpl_label_from_the_answer() throws Exception {
        BoughtLabel label = buyCheapest(account(), parcel("surge-2002-1-1", LabelFormat.ZPL, BUYER));

        assertTrue(text(label.label()).startsWith("^XA"), text(label.label()));
        assertTrue(text(label.label()).contains(label.trackingNumber()));
        assertTrue(label.trackingNumber().startsWith("3SYZXG"));
        assertEquals(520, label.costCents());
        assertEquals("postnl:standard", label.service());
        assertTrue(fake.shipments.containsKey(label.providerRef()));
        var request = fake.calls("POST", "/api/v3/shipments/announce").get(0).body();
        assertEquals("surge-2002-1-1", request.path("external_reference_id").asText());
        assertEquals("application/zpl", request.path("label_details").path("mime_type").asText());
        assertEquals("postnl:standard", request.path("ship_with").path("properties").path("shipping_option_code").asText());
        assertEquals(60, request.path("ship_with").path("properties").path("contract_id").asInt());
        assertEquals("Insulindelaan 115", request.path("to_address").path("address_line_1").asText());
        assertEquals("2e verdieping", request.path("from_address").path("address_line_2").asText());
        assertTrue(fake.calls("GET", "/api/v3/parcels/").isEmpty(), "the label came in the answer");
    }

    @Test
    void shall_announce_a_pdf_label_for_a_station_that_prints_pdf() throws Exception {
        BoughtLabel label = buyCheapest(account(), parcel("surge-2003-1-1", LabelFormat.PDF, BUYER));

        assertEquals(LabelFormat.PDF, label.format());
        assertTrue(text(label.label()).startsWith("%PDF"));
        var details = fake.calls("POST", "/api/v3/shipments/announce").get(0).body().path("label_details");
        assertEquals("application/pdf", details.path("mime_type").asText());
        assertEquals(300, details.path("dpi").asInt());
    }

    @Test
    void shall_time_out_a_slow_announcement_and_answer_the_same_shipment_on_the_retry() throws Exception {
        CarrierCredentials account = account("timeoutMs", "300");
        ParcelSpec parcel = parcel("surge-2004-1-1", LabelFormat.ZPL, BUYER);
        Rate rate = provider.rates(account, parcel).get(0);
        fake.afterAnnounce = FakeSendcloud.AfterAnnounce.STALL;
        fake.stallMs = 1_500;

        CarrierException slow = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));
        assertEquals(CarrierException.Kind.TIMEOUT, slow.kind(), slow.getMessage());
        assertEquals(1, fake.announced.get(), "Sendcloud announced before the answer was lost");

        BoughtLabel again = provider.buy(account, parcel, rate);

        assertEquals(1, fake.announced.get(), "one label, not two");
        String shipmentId = fake.byReference.get("surge-2004-1-1");
        assertEquals(shipmentId, again.providerRef());
        assertEquals(fake.shipments.get(shipmentId).path("parcels").get(0).path("tracking_number").asText(), again.trackingNumber());
        assertTrue(text(again.label()).startsWith("^XA"));
        var download = fake.calls("GET", "/api/v3/parcels/");
        assertEquals(1, download.size(), "the label of the existing shipment is fetched from its parcel documents");
        assertEquals("application/zpl", download.get(0).accept());
    }

    @Test
    void shall_look_the_shipment_up_by_reference_when_the_conflict_does_not_carry_it() throws Exception {
        CarrierCredentials account = account();
        ParcelSpec parcel = parcel("surge-2005-1-1", LabelFormat.PDF, BUYER);
        Rate rate = provider.rates(account, parcel).get(1);
        fake.afterAnnounce = FakeSendcloud.AfterAnnounce.DROP_CONNECTION;
        fake.conflictCarriesShipment = false;

        CarrierException lost = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));
        assertTrue(lost.retryable(), lost.kind() + " " + lost.getMessage());

        BoughtLabel again = provider.buy(account, parcel, rate);

        assertEquals(1, fake.announced.get());
        assertEquals(fake.byReference.get("surge-2005-1-1"), again.providerRef());
        assertEquals("external_reference_id=surge-2005-1-1", fake.calls("GET", "/api/v3/shipments").get(0).query());
        assertEquals("dhl:parcel/signature", again.service());
        assertTrue(text(again.label()).startsWith("%PDF"));
    }

    @Test
    void shall_announce_under_the_next_reference_after_the_carrier_refused_the_first() throws Exception {
        CarrierCredentials account = account();
        ParcelSpec parcel = parcel("surge-2006-1-1", LabelFormat.ZPL, BUYER);
        Rate rate = provider.rates(account, parcel).get(0);
        fake.carrierFailures = 1;

        CarrierException down = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));
        assertEquals(CarrierException.Kind.UNAVAILABLE, down.kind());
        assertTrue(down.getMessage().contains("parcel_announcement_error"), down.getMessage());

        BoughtLabel label = provider.buy(account, parcel, rate);

        assertEquals(1, fake.announced.get());
        assertEquals(fake.byReference.get("surge-2006-1-1~2"), label.providerRef());
        List<String> references = fake.calls("POST", "/api/v3/shipments/announce").stream()
                .map(c -> c.body().path("external_reference_id").asText()).toList();
        assertEquals(List.of("surge-2006-1-1", "surge-2006-1-1", "surge-2006-1-1~2"), references);
    }

    @Test
    void shall_cancel_the_shipment_to_void_and_accept_a_second_cancel() throws Exception {
        CarrierCredentials account = account();
        BoughtLabel label = buyCheapest(account, parcel("surge-2007-1-1", LabelFormat.ZPL, BUYER));

        provider.voidLabel(account, label);
        provider.voidLabel(account, label); // 409 "already being cancelled"

        assertEquals("CANCELLED", fake.shipments.get(label.providerRef()).path("parcels").get(0).path("status").path("code").asText());
        assertEquals(2, fake.calls("POST", "/api/v3/shipments/" + label.providerRef() + "/cancel").size());
    }

    @Test
    void shall_refuse_to_answer_a_cancelled_shipment_as_a_bought_label() throws Exception {
        CarrierCredentials account = account();
        ParcelSpec parcel = parcel("surge-2008-1-1", LabelFormat.ZPL, BUYER);
        Rate rate = provider.rates(account, parcel).get(0);
        provider.voidLabel(account, provider.buy(account, parcel, rate));

        CarrierException e = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));

        assertEquals(CarrierException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(1, fake.announced.get());
    }

    @Test
    void shall_issue_no_day_close_document_as_v3_has_no_manifest() throws Exception {
        BoughtLabel label = buyCheapest(account(), parcel("surge-2009-1-1", LabelFormat.ZPL, BUYER));

        assertFalse(provider.closeDay(account(), List.of(label)).issued());
    }

    @Test
    void shall_report_an_address_sendcloud_refuses_as_an_address_problem() throws Exception {
        Address wrong = new Address("John Doe", null, List.of("Insulindelaan 115"), "Eindhoven", null, "0000XX", "NL", null, null);
        fake.badPostalCodes.add("0000XX");
        CarrierCredentials account = account();
        ParcelSpec parcel = parcel("surge-2010-1-1", LabelFormat.ZPL, wrong);

        CarrierException e = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, provider.rates(account, parcel).get(0)));

        assertEquals(CarrierException.Kind.ADDRESS, e.kind());
        assertTrue(e.getMessage().contains("invalid: Postal code is not valid for the destination country. at /to_address/postal_code"), e.getMessage());
        assertEquals(0, fake.announced.get());
    }

    @Test
    void shall_tell_the_worker_to_retry_a_server_error() {
        fake.failNext = 502;

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(account(), parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
    }

    @Test
    void shall_wait_as_long_as_sendcloud_asks_when_rate_limited() {
        fake.failNext = 429;

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(account(), parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void shall_report_refused_keys_without_quoting_the_secret() {
        CarrierCredentials wrong = new CarrierCredentials(9, "sendcloud", fake.baseUrl(),
                Map.of("publicKey", FakeSendcloud.PUBLIC_KEY, "secretKey", "sc-secret-revoked"), Map.of());

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(wrong, parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("sc-secret-revoked"));
        assertTrue(e.getMessage().contains("authentication_failed"), e.getMessage());
    }
}

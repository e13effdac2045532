package io.surgewms.shipping.easypost;

import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.AddressVerdict;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.DayClose;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EasyPostProvider against {@link FakeEasyPost}, which replays the shapes of EasyPost's API reference:
 * https://docs.easypost.com/docs/shipments (create, rates, buy, label), .../shipments/shipping-refund,
 * https://docs.easypost.com/guides/batches-guide, https://docs.easypost.com/docs/scan-form,
 * https://docs.easypost.com/guides/address-verification-guide and https://docs.easypost.com/docs/errors.
 */
class EasyPostProviderTest {

    private static final Address WAREHOUSE = new Address("Glow Fulfilment", "Glow Inc", List.of("388 Townsend St", "Apt 20"),
            "San Francisco", "CA", "94107", "US", "4155550100", "ops@glow.example");
    private static final Address BUYER = new Address("Elizabeth Swan", null, List.of("179 N Harbor Dr"),
            "Redondo Beach", "CA", "90277", "US", "3105550101", "liz@example.com");

    private FakeEasyPost fake;
    private final EasyPostProvider provider = new EasyPostProvider();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeEasyPost();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private CarrierCredentials account(String... options) {
        Map<String, String> o = new HashMap<>(Map.of("pollIntervalMs", "5"));
        for (int i = 0; i < options.length; i += 2) o.put(options[i], options[i + 1]);
        return new CarrierCredentials(7, "easypost", fake.baseUrl(), Map.of("apiKey", FakeEasyPost.API_KEY), o);
    }

    private static ParcelSpec parcel(String key, LabelFormat format, Address to) {
        return new ParcelSpec(key, "#1001", "shopify", null, WAREHOUSE, to, 437, 254, 203, 102, null,
                Instant.parse("2026-12-08T17:00:00Z"), format, List.of(new ParcelSpec.Item("SERUM-30", "Glow serum", 2, 200)));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private BoughtLabel buyCheapest(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        List<Rate> rates = provider.rates(account, parcel);
        return provider.buy(account, parcel, rates.get(0));
    }

    @Test
    void shall_quote_a_shipment_in_ounces_and_inches_with_the_parcel_key_as_reference() throws Exception {
        List<Rate> rates = provider.rates(account(), parcel("surge-1001-1-1", LabelFormat.ZPL, BUYER));

        assertEquals(2, rates.size());
        Rate ground = rates.get(0);
        assertEquals("USPS", ground.carrier());
        assertEquals("GroundAdvantage", ground.service());
        assertEquals(593, ground.costCents());
        assertEquals("USD", ground.currency());
        assertEquals(3, ground.transitDays());
        assertTrue(ground.rateRef().startsWith("rate_"));
        var shipment = fake.shipments.get(ground.quoteRef());
        assertNotNull(shipment, "quoteRef is the EasyPost shipment id");
        assertEquals("surge-1001-1-1", shipment.path("reference").asText());
        assertEquals(15.5, shipment.path("parcel").path("weight").asDouble(), 0.001); // 437 g = 15.41 oz, rounded up
        assertEquals(10.0, shipment.path("parcel").path("length").asDouble(), 0.001);
        assertEquals("ZPL", shipment.path("options").path("label_format").asText());
        assertEquals("388 Townsend St", shipment.path("from_address").path("street1").asText());
        assertEquals("Apt 20", shipment.path("from_address").path("street2").asText());
    }

    @Test
    void shall_buy_a_zpl_label_and_fetch_it_without_sending_the_api_key_to_the_file_host() throws Exception {
        BoughtLabel label = buyCheapest(account(), parcel("surge-1001-1-1", LabelFormat.ZPL, BUYER));

        assertEquals(LabelFormat.ZPL, label.format());
        assertTrue(text(label.label()).startsWith("^XA"), text(label.label()));
        assertTrue(text(label.label()).contains(label.trackingNumber()));
        assertEquals(593, label.costCents());
        assertEquals("GroundAdvantage", label.service());
        assertTrue(label.providerRef().startsWith("shp_"));
        assertTrue(label.trackingUrl().contains(label.trackingNumber()));
        assertEquals(1, fake.purchases.get());
        List<FakeEasyPost.Call> downloads = fake.calls("GET", "/files/");
        assertEquals(1, downloads.size());
        assertNull(downloads.get(0).authorization());
    }

    @Test
    void shall_buy_a_pdf_label_for_a_station_that_prints_pdf() throws Exception {
        BoughtLabel label = buyCheapest(account(), parcel("surge-1002-1-1", LabelFormat.PDF, BUYER));

        assertEquals(LabelFormat.PDF, label.format());
        assertTrue(text(label.label()).startsWith("%PDF"), text(label.label()));
        assertEquals("PDF", fake.shipments.get(label.providerRef()).path("options").path("label_format").asText());
    }

    @Test
    void shall_have_easypost_convert_a_label_bought_in_another_format() throws Exception {
        fake.boughtFormat = "PNG";

        BoughtLabel label = buyCheapest(account(), parcel("surge-1003-1-1", LabelFormat.ZPL, BUYER));

        assertTrue(text(label.label()).startsWith("^XA"), text(label.label()));
        assertEquals(1, fake.calls("GET", "/v2/shipments/" + label.providerRef() + "/label").size());
    }

    @Test
    void shall_answer_the_label_already_bought_when_the_answer_of_a_buy_was_lost() throws Exception {
        CarrierCredentials account = account();
        ParcelSpec parcel = parcel("surge-1004-1-1", LabelFormat.ZPL, BUYER);
        Rate rate = provider.rates(account, parcel).get(0);
        fake.afterBuy = FakeEasyPost.AfterBuy.DROP_CONNECTION;

        CarrierException lost = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));
        assertTrue(lost.retryable(), lost.kind() + " " + lost.getMessage());
        assertEquals(1, fake.purchases.get(), "the fake bought before the connection dropped");

        BoughtLabel again = provider.buy(account, parcel, rate);

        assertEquals(1, fake.purchases.get(), "one purchase, not two");
        assertEquals(fake.shipments.get(rate.quoteRef()).path("tracking_code").asText(), again.trackingNumber());
        assertTrue(text(again.label()).contains(again.trackingNumber()));
    }

    @Test
    void shall_time_out_a_slow_buy_and_answer_the_same_label_on_the_retry() throws Exception {
        CarrierCredentials account = account("timeoutMs", "300");
        ParcelSpec parcel = parcel("surge-1005-1-1", LabelFormat.PDF, BUYER);
        Rate rate = provider.rates(account, parcel).get(1);
        fake.afterBuy = FakeEasyPost.AfterBuy.STALL;
        fake.stallMs = 1_500;

        CarrierException slow = assertThrows(CarrierException.class, () -> provider.buy(account, parcel, rate));
        assertEquals(CarrierException.Kind.TIMEOUT, slow.kind(), slow.getMessage());

        BoughtLabel again = provider.buy(account, parcel, rate);

        assertEquals(1, fake.purchases.get());
        assertEquals("Priority", again.service());
        assertEquals(690, again.costCents());
        assertEquals(fake.shipments.get(rate.quoteRef()).path("tracking_code").asText(), again.trackingNumber());
    }

    @Test
    void shall_refuse_a_quote_of_another_parcel() throws Exception {
        CarrierCredentials account = account();
        Rate rate = provider.rates(account, parcel("surge-1006-1-1", LabelFormat.ZPL, BUYER)).get(0);
        provider.buy(account, parcel("surge-1006-1-1", LabelFormat.ZPL, BUYER), rate);

        CarrierException e = assertThrows(CarrierException.class,
                () -> provider.buy(account, parcel("surge-9999-1-1", LabelFormat.ZPL, BUYER), rate));

        assertEquals(CarrierException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("surge-1006-1-1"), e.getMessage());
        assertEquals(1, fake.purchases.get());
    }

    @Test
    void shall_void_a_label_by_refund_and_accept_a_second_void() throws Exception {
        CarrierCredentials account = account();
        BoughtLabel label = buyCheapest(account, parcel("surge-1007-1-1", LabelFormat.ZPL, BUYER));

        provider.voidLabel(account, label);
        provider.voidLabel(account, label); // the first answer lost: EasyPost refuses a second refund

        assertEquals("submitted", fake.shipments.get(label.providerRef()).path("refund_status").asText());
        assertEquals(2, fake.calls("POST", "/v2/shipments/" + label.providerRef() + "/refund").size());
    }

    @Test
    void shall_close_the_day_with_a_batch_and_its_scan_form() throws Exception {
        CarrierCredentials account = account();
        BoughtLabel a = buyCheapest(account, parcel("surge-1008-1-1", LabelFormat.ZPL, BUYER));
        BoughtLabel b = buyCheapest(account, parcel("surge-1009-1-1", LabelFormat.ZPL, BUYER));

        DayClose close = provider.closeDay(account, List.of(a, b));

        assertTrue(close.issued());
        assertTrue(close.reference().startsWith("sf_"));
        assertEquals("PDF", close.format());
        assertTrue(text(close.document()).startsWith("%PDF"));
        assertTrue(close.leftOut().isEmpty(), close.leftOut().toString());
        var batch = fake.batches.values().iterator().next();
        assertEquals(List.of(a.trackingNumber(), b.trackingNumber()),
                List.of(batch.path("scan_form").path("tracking_codes").get(0).asText(), batch.path("scan_form").path("tracking_codes").get(1).asText()));
        assertTrue(fake.calls("GET", "/v2/batches/").size() >= 2, "creation and scan form were polled");
    }

    @Test
    void shall_close_the_day_without_the_labels_the_batch_refuses_and_say_which() throws Exception {
        CarrierCredentials account = account();
        BoughtLabel good = buyCheapest(account, parcel("surge-1010-1-1", LabelFormat.ZPL, BUYER));
        BoughtLabel refunded = buyCheapest(account, parcel("surge-1011-1-1", LabelFormat.ZPL, BUYER));
        BoughtLabel formed = buyCheapest(account, parcel("surge-1012-1-1", LabelFormat.ZPL, BUYER));
        provider.voidLabel(account, refunded);
        fake.batchRefusals.put(formed.providerRef(), "Shipment is already on a scan form.");

        DayClose close = provider.closeDay(account, List.of(good, refunded, formed));

        assertTrue(close.issued(), "the good label still gets its form");
        assertEquals(2, close.leftOut().size(), close.leftOut().toString());
        assertTrue(close.leftOut().get(refunded.providerRef()).contains("Refunded"));
        assertTrue(close.leftOut().get(formed.providerRef()).contains("already on a scan form"));
        var form = fake.batches.values().iterator().next().path("scan_form");
        assertEquals(1, form.path("tracking_codes").size());
        assertEquals(good.trackingNumber(), form.path("tracking_codes").get(0).asText());
    }

    @Test
    void shall_refuse_to_close_a_day_whose_labels_all_fail() throws Exception {
        CarrierCredentials account = account();
        BoughtLabel refunded = buyCheapest(account, parcel("surge-1013-1-1", LabelFormat.ZPL, BUYER));
        provider.voidLabel(account, refunded);

        CarrierException e = assertThrows(CarrierException.class, () -> provider.closeDay(account, List.of(refunded)));

        assertEquals(CarrierException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Refunded"), e.getMessage());
    }

    @Test
    void shall_say_an_address_easypost_cannot_find_is_not_deliverable() throws Exception {
        Address nowhere = new Address("Nobody", null, List.of("000 Unknown Street"), "Not A City", "ZZ", "00001", "US", null, null);
        fake.unknownStreets.add("000 Unknown Street");

        AddressVerdict bad = provider.verify(account(), nowhere);
        AddressVerdict good = provider.verify(account(), BUYER);

        assertTrue(bad.checked());
        assertFalse(bad.deliverable());
        assertEquals(List.of("Address not found"), bad.messages());
        assertTrue(good.deliverable());
        assertEquals("90277-1670", good.suggested().postalCode());
    }

    @Test
    void shall_refuse_to_quote_an_undeliverable_address_as_an_address_problem_when_verification_is_strict() {
        Address nowhere = new Address("Nobody", null, List.of("000 Unknown Street"), "Not A City", "ZZ", "00001", "US", null, null);
        fake.unknownStreets.add("000 Unknown Street");

        CarrierException e = assertThrows(CarrierException.class,
                () -> provider.rates(account("verifyStrict", "true"), parcel("surge-1014-1-1", LabelFormat.ZPL, nowhere)));

        assertEquals(CarrierException.Kind.ADDRESS, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("ADDRESS.VERIFY.FAILURE: Address not found (address: Address not found)"), e.getMessage());
        assertTrue(fake.shipments.isEmpty(), "nothing quoted");
    }

    @Test
    void shall_tell_the_worker_to_retry_a_server_error() {
        fake.failNext = 503;

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(account(), parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.retryable());
    }

    @Test
    void shall_wait_as_long_as_easypost_asks_when_rate_limited() {
        fake.failNext = 429;

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(account(), parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
    }

    @Test
    void shall_report_a_refused_api_key_without_quoting_it() {
        CarrierCredentials wrong = new CarrierCredentials(7, "easypost", fake.baseUrl(), Map.of("apiKey", "EZTK-revoked-secret"), Map.of());

        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(wrong, parcel("k", LabelFormat.ZPL, BUYER)));

        assertEquals(CarrierException.Kind.AUTH, e.kind());
        assertFalse(e.retryable());
        assertFalse(e.getMessage().contains("EZTK-revoked-secret"));
        assertTrue(e.getMessage().contains("APIKEY.INACTIVE"), e.getMessage());
    }
}

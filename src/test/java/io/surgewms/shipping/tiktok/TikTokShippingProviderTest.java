package io.surgewms.shipping.tiktok;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierException.Kind;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TikTok Shipping against {@link FakeTikTokFulfillment}, a local fake of TikTok Shop's fulfillment endpoints
 * (the TikTok cloud cannot be reached from here). Pages followed, in TikTok Shop Partner Center's API reference:
 * Get Eligible Shipping Service (https://partner.tiktokshop.com/docv2/page/650aa6b2bace3e02b75dda4e),
 * Create Packages (…/650aa132bace3e02b75d40d8), Ship Package (…/650aa4f1defece02be6e7cb1), Get Package Detail
 * (…/650aa39fbace3e02b75d8617), Get Package Shipping Document (…/650aa5fac16ffe02b8f112ca), Search Package
 * (…/650aa592bace3e02b75db748) and Common errors (…/678e3a45786253031531b942).
 */
class TikTokShippingProviderTest {

    static final String SECRET = "app-secret-7c1e", TOKEN = "TTP_live_token_4f2a", CIPHER = "ROW_fakeCipher01";
    static final String USPS_GROUND = "7208502187360519979", UPS_GROUND = "7208502187360520004";

    FakeTikTokFulfillment tiktok;
    TikTokShippingProvider provider = new TikTokShippingProvider(Duration.ofSeconds(5));
    CarrierCredentials account;

    @BeforeEach
    void start() throws Exception {
        tiktok = new FakeTikTokFulfillment(SECRET, TOKEN, CIPHER);
        account = new CarrierCredentials(7, "tiktok", tiktok.baseUrl(), Map.of("appKey", "6a1b2c", "appSecret", SECRET, "accessToken", TOKEN),
                Map.of("shopCipher", CIPHER));
    }

    @AfterEach
    void stop() {
        tiktok.close();
    }

    static ParcelSpec parcel(String orderId) {
        Address from = new Address("Surge demo", null, List.of("100 Dock Rd"), "Austin", "TX", "78744", "US", null, null);
        Address to = new Address("A*** B****", null, List.of("1*** M*** St"), "Austin", "TX", "78701", "US", null, null);
        return new ParcelSpec("surge-41-1-1", orderId, "tiktok", orderId, from, to, 454, 250, 185, 60, null,
                Instant.parse("2024-06-01T18:00:00Z"), LabelFormat.ZPL, List.of(new ParcelSpec.Item("glow-30", "Glow serum", 2, 200)));
    }

    @Test
    void shall_offer_the_shipping_services_tiktok_has_for_the_order() throws Exception {
        tiktok.order("5770101", "577001", "577002");
        List<Rate> rates = provider.rates(account, parcel("5770101"));

        assertEquals(2, rates.size());
        Rate usps = rates.get(0);
        assertEquals(new Rate("USPS", "USPS Ground Advantage", 523, "USD", 5, null, USPS_GROUND, null), usps);
        assertEquals(UPS_GROUND, rates.get(1).rateRef());
        assertEquals(891, rates.get(1).costCents());
        // Signed (or the fake answers 401), with the shop's token and cipher, for the order's lines at the parcel's size.
        var query = tiktok.calls("POST", "/orders/5770101/shipping_services/query").get(0);
        assertEquals(TOKEN, query.token());
        assertEquals(CIPHER, query.query().get("shop_cipher"));
        assertEquals("[\"577001\",\"577002\"]", query.body().path("order_line_item_ids").toString());
        assertEquals("{\"value\":\"454\",\"unit\":\"GRAM\"}", query.body().path("weight").toString());
        assertEquals("{\"length\":\"25\",\"width\":\"18.5\",\"height\":\"6\",\"unit\":\"CM\"}", query.body().path("dimension").toString());

        // Once TikTok has the order's package, the rates name it.
        tiktok.packageOf(tiktok.order("5770102", "577003"));
        assertEquals(tiktok.orders.get("5770102").packageId, provider.rates(account, parcel("5770102")).get(0).quoteRef());
    }

    @Test
    void shall_create_ship_and_download_the_label_of_an_order_without_a_package() throws Exception {
        tiktok.order("5770201", "577011", "577012");
        Rate ups = provider.rates(account, parcel("5770201")).get(1);
        BoughtLabel label = provider.buy(account, parcel("5770201"), ups);

        var create = tiktok.calls("POST", "/fulfillment/202309/packages").get(0);
        assertEquals("5770201", create.body().path("order_id").asText());
        assertEquals(UPS_GROUND, create.body().path("shipping_service_id").asText());
        assertEquals("[\"577011\",\"577012\"]", create.body().path("order_line_item_ids").toString());
        String packageId = tiktok.orders.get("5770201").packageId;
        assertEquals(1, tiktok.calls("POST", "/packages/" + packageId + "/ship").size());
        var doc = tiktok.calls("GET", "/packages/" + packageId + "/shipping_documents").get(0);
        assertEquals("SHIPPING_LABEL", doc.query().get("document_type"));
        assertEquals("A6", doc.query().get("document_size"));

        String tracking = tiktok.packages.get(packageId).tracking;
        assertEquals(packageId, label.providerRef());
        assertEquals(tracking, label.trackingNumber());
        assertEquals("UPS", label.carrier());
        assertEquals("UPS Ground", label.service());
        assertEquals(891, label.costCents());
        assertEquals("USD", label.currency());
        assertEquals(LabelFormat.PDF, label.format());
        // The PDF TikTok links to, as served: a 4x6 page whose barcode scans as the tracking number.
        try (PDDocument pdf = Loader.loadPDF(label.label())) {
            PDRectangle page = pdf.getPage(0).getMediaBox();
            assertEquals(288, page.getWidth(), 0.5);
            assertEquals(432, page.getHeight(), 0.5);
            assertTrue(new PDFTextStripper().getText(pdf).contains("UPS Ground"));
            assertEquals(tracking, code128(new PDFRenderer(pdf).renderImageWithDPI(0, 203, ImageType.GRAY)));
        }
        // The document link is TikTok's CDN: the shop's token never goes there.
        assertEquals(1, tiktok.downloads.size());
        assertNull(tiktok.downloads.get(0).token());
    }

    @Test
    void shall_answer_the_same_label_without_a_second_ship_after_a_lost_answer() throws Exception {
        tiktok.order("5770301", "577021");
        Rate usps = provider.rates(account, parcel("5770301")).get(0);
        tiktok.loseAnswerTo = "/ship";
        CarrierException lost = assertThrows(CarrierException.class, () -> provider.buy(account, parcel("5770301"), usps));
        assertTrue(lost.retryable(), lost.kind() + ": " + lost.getMessage());
        String packageId = tiktok.orders.get("5770301").packageId;
        assertTrue(tiktok.packages.get(packageId).shipped, "TikTok did ship it");

        // The worker retries with the same parcel: TikTok's package is found, not bought or shipped again.
        BoughtLabel label = provider.buy(account, parcel("5770301"), usps);
        assertEquals(1, tiktok.calls("POST", "/fulfillment/202309/packages").size());
        assertEquals(1, tiktok.calls("POST", "/ship").size());
        assertEquals(packageId, label.providerRef());
        assertEquals(tiktok.packages.get(packageId).tracking, label.trackingNumber());
        assertEquals(label.trackingNumber(), provider.buy(account, parcel("5770301"), usps).trackingNumber());
        assertEquals(1, tiktok.calls("POST", "/ship").size());
    }

    @Test
    void shall_find_by_search_the_package_a_lost_create_made() throws Exception {
        tiktok.order("5770401", "577031");
        tiktok.packageOf(tiktok.order("5770499", "577099")); // another order's package, newer in the search
        tiktok.hidePackagesOnOrders = true; // TikTok does not list the new package on the order yet
        tiktok.loseAnswerTo = "/fulfillment/202309/packages";
        Rate usps = new Rate("USPS", "USPS Ground Advantage", 523, "USD", 5, null, USPS_GROUND, null);
        assertTrue(assertThrows(CarrierException.class, () -> provider.buy(account, parcel("5770401"), usps)).retryable());

        BoughtLabel label = provider.buy(account, parcel("5770401"), usps);
        String packageId = tiktok.orders.get("5770401").packageId;
        assertEquals(packageId, label.providerRef());
        assertEquals(2, tiktok.calls("POST", "/fulfillment/202309/packages").size(), "the second was refused: label bought already");
        assertEquals(1, tiktok.calls("POST", "/packages/search").size());
        assertEquals(1, tiktok.calls("POST", "/ship").size());
        assertEquals(1, tiktok.packages.values().stream().filter(p -> p.orderId.equals("5770401")).count());
    }

    @Test
    void shall_ship_the_package_tiktok_made_with_the_order_without_creating_one() throws Exception {
        var p = tiktok.packageOf(tiktok.order("5770501", "577041"));
        BoughtLabel label = provider.buy(account, parcel("5770501"), new Rate("USPS", "USPS Ground Advantage", 523, "USD", 5, null, USPS_GROUND, p.id));
        assertEquals(0, tiktok.calls("POST", "/fulfillment/202309/packages").size());
        assertEquals(1, tiktok.calls("POST", "/packages/" + p.id + "/ship").size());
        assertEquals(p.tracking, label.trackingNumber());
        assertEquals("USPS", label.carrier());
    }

    @Test
    void shall_ask_for_new_credentials_when_tiktok_says_the_token_expired() throws Exception {
        tiktok.order("5770601", "577051");
        tiktok.tokenExpired = true;
        CarrierException e = assertThrows(CarrierException.class, () -> provider.rates(account, parcel("5770601")));
        assertEquals(Kind.AUTH, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("105002") && e.getMessage().contains("has expired"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN) || e.getMessage().contains(SECRET), "no secret in what operators read");
    }

    @Test
    void shall_wait_as_told_when_tiktok_answers_429() throws Exception {
        tiktok.order("5770701", "577061");
        tiktok.tooManyRequests = true;
        CarrierException e = assertThrows(CarrierException.class,
                () -> provider.buy(account, parcel("5770701"), new Rate("USPS", "x", 0, "USD", null, null, USPS_GROUND, null)));
        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertEquals(0, tiktok.packages.size());
    }

    @Test
    void shall_say_which_label_could_not_be_downloaded_when_the_document_link_is_gone() throws Exception {
        tiktok.order("5770801", "577071");
        tiktok.labelGone = true;
        CarrierException e = assertThrows(CarrierException.class,
                () -> provider.buy(account, parcel("5770801"), new Rate("USPS", "x", 0, "USD", null, null, USPS_GROUND, null)));
        String packageId = tiktok.orders.get("5770801").packageId;
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("label of package " + packageId) && e.getMessage().contains("could not be downloaded")
                && e.getMessage().contains("HTTP 404"), e.getMessage());
        assertFalse(e.getMessage().contains("x-signature"), "the link's query stays out of the message");

        // The link works again: buying again answers the label, still shipped once.
        tiktok.labelGone = false;
        byte[] pdf = provider.buy(account, parcel("5770801"), null).label();
        assertArrayEquals("%PDF-".getBytes(), java.util.Arrays.copyOf(pdf, 5));
        assertEquals(1, tiktok.calls("POST", "/ship").size());
    }

    @Test
    void shall_refuse_an_order_the_seller_ships_itself_without_calling_fulfillment() throws Exception {
        tiktok.order("5770901", "577081").shippingType = "SELLER";
        CarrierException e = assertThrows(CarrierException.class, () -> provider.buy(account, parcel("5770901"), null));
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("shipped by the seller"), e.getMessage());
        assertEquals(0, tiktok.calls.stream().filter(c -> c.path().startsWith("/fulfillment/")).count());
    }

    @Test
    void shall_refuse_to_void_and_say_what_to_do_in_seller_center() {
        BoughtLabel label = new BoughtLabel("1153000000000000001", "9400111899560000000001", "USPS", "USPS Ground Advantage", 523, "USD",
                LabelFormat.PDF, new byte[0], null);
        CarrierException e = assertThrows(CarrierException.class, () -> provider.voidLabel(account, label));
        assertEquals(Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("Seller Center") && e.getMessage().contains("1153000000000000001"), e.getMessage());
        assertEquals(0, tiktok.calls.size());
    }

    static String code128(BufferedImage img) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))), hints).getText();
    }
}

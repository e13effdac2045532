package io.surgewms.shipping.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierException.Kind;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.surgewms.shipping.tiktok.TikTokShippingClient.enc;

/**
 * TikTok Shipping: the label of a TikTok order whose buyer TikTok hides ("shipped by TikTok", US), bought from
 * TikTok through its Fulfillment API (202309) with the shop's own TikTok account. Surge never prints its own
 * label for such an order: TikTok's PDF is the label.
 *
 * <p>buy: Get Order Detail → the order's package, or Create Packages for all its line items with the chosen
 * service → Ship Package (skipped once the order shows the shipment arranged: TikTok refuses a second ship, and
 * that is the path of a retry after a lost answer) → Get Package Detail (tracking number, carrier) → Get
 * Package Shipping Document (SHIPPING_LABEL, A6, PDF) → the PDF, downloaded from TikTok's link. Nothing here
 * touches the database: the parcel's key and the order id are all it needs to find its package again.
 */
@ApplicationScoped
public class TikTokShippingProvider implements CarrierProvider {

    private static final Logger LOG = Logger.getLogger(TikTokShippingProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String V = "/202309";

    /** Create Packages' answers for an order whose label was bought already (e.g. by our own lost call). */
    private static final Set<Integer> LABEL_EXISTS = Set.of(21022025, 21008042, 21011006, 21011020, 21030006);
    /** Ship Package's answers for a package shipped already. */
    private static final Set<Integer> SHIPPED_ALREADY = Set.of(11006021, 21008099, 21011020, 21011040);
    /** Pages of Search Package read to find a package TikTok made but does not list on the order yet. */
    private static final int SEARCH_PAGES = 4;

    private final Duration timeout;

    public TikTokShippingProvider() {
        this(Duration.ofSeconds(20));
    }

    TikTokShippingProvider(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String code() {
        return "tiktok";
    }

    /** Get Eligible Shipping Service for the order's line items at the parcel's weight and size. */
    @Override
    public List<Rate> rates(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        TikTokShippingClient tiktok = client(account);
        TikTokOrder order = order(tiktok, parcel).shippable();
        String packageId = order.onlyPackage();
        ObjectNode body = measures(parcel);
        lineItems(body, order);
        JsonNode data = tiktok.post("/fulfillment" + V + "/orders/" + enc(order.id()) + "/shipping_services/query", Map.of(), body);
        List<Rate> rates = new ArrayList<>();
        for (JsonNode s : data.path("shipping_services")) {
            Integer days = s.hasNonNull("latest_delivery_days") ? s.path("latest_delivery_days").asInt() : null;
            rates.add(new Rate(s.path("shipping_provider_name").asText(null), s.path("name").asText(null), cents(s.path("price").asText(null)),
                    s.path("currency").asText(null), days, null, s.path("id").asText(), packageId));
        }
        if (rates.isEmpty())
            throw new CarrierException(Kind.REJECTED, "TikTok offers no shipping service for order " + order.id()
                    + " at " + parcel.weightG() + " g: check the weight and carton, or the buyer's address in Seller Center");
        return rates;
    }

    @Override
    public BoughtLabel buy(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        TikTokShippingClient tiktok = client(account);
        TikTokOrder order = order(tiktok, parcel).shippable();
        String packageId = order.onlyPackage();
        JsonNode created = null;
        boolean arranged = order.arranged();
        if (packageId == null) {
            try {
                created = createPackage(tiktok, order, parcel, rate);
                packageId = created.path("package_id").asText("");
                if (packageId.isBlank())
                    throw new CarrierException(Kind.UNAVAILABLE, "TikTok Create Packages for order " + order.id() + " answered no package_id");
            } catch (TikTokShippingClient.Refused r) {
                if (!LABEL_EXISTS.contains(r.code())) throw r;
                // Our earlier call bought it and its answer was lost: find that package rather than buy a second.
                TikTokOrder again = order(tiktok, parcel);
                packageId = again.onlyPackage();
                arranged = again.arranged();
                if (packageId == null) packageId = searchPackage(tiktok, order, r);
            }
        }
        if (arranged) {
            LOG.infof("TikTok package %s of order %s is shipped already: no second Ship Package (parcel %s)", packageId, order.id(), parcel.key());
        } else {
            ship(tiktok, account, packageId);
        }
        JsonNode detail = tiktok.get("/fulfillment" + V + "/packages/" + enc(packageId), Map.of());
        if ("CANCELLED".equals(detail.path("package_status").asText()))
            throw new CarrierException(Kind.REJECTED, "TikTok package " + packageId + " of order " + order.id() + " is cancelled: do not ship it");
        JsonNode doc = tiktok.get("/fulfillment" + V + "/packages/" + enc(packageId) + "/shipping_documents",
                Map.of("document_type", "SHIPPING_LABEL", "document_size", account.option("documentSize", "A6"), "document_format", "PDF"));
        String tracking = firstOf(detail.path("tracking_number").asText(""), doc.path("tracking_number").asText(""));
        if (tracking.isBlank())
            throw new CarrierException(Kind.UNAVAILABLE, "TikTok has no tracking number for package " + packageId + " of order " + order.id() + " yet");
        byte[] pdf = labelPdf(tiktok, doc.path("doc_url").asText(""), packageId, order.id());

        JsonNode service = created == null ? JSON.createObjectNode() : created.path("shipping_service_info");
        String carrier = firstOf(detail.path("shipping_provider_name").asText(""), service.path("shipping_provider_name").asText(""),
                rate == null || rate.carrier() == null ? "" : rate.carrier());
        String serviceName = firstOf(service.path("name").asText(""), rate == null || rate.service() == null ? "" : rate.service(),
                detail.path("delivery_option_name").asText(""));
        long cost = service.hasNonNull("price") ? cents(service.path("price").asText()) : rate == null ? 0 : rate.costCents();
        String currency = service.hasNonNull("currency") ? service.path("currency").asText() : rate == null ? null : rate.currency();
        return new BoughtLabel(packageId, tracking, carrier, serviceName, cost, currency, LabelFormat.PDF, pdf, null);
    }

    /**
     * TikTok Shop's API has no call that voids a TikTok Shipping label or cancels a package's shipment (Update
     * Package Shipping Info is for packages on the seller's own carrier): a person does it in Seller Center.
     */
    @Override
    public void voidLabel(CarrierCredentials account, BoughtLabel label) throws CarrierException {
        throw new CarrierException(Kind.REJECTED, "TikTok Shop's API cannot void a TikTok Shipping label (package " + label.providerRef()
                + ", tracking " + label.trackingNumber() + "): in TikTok Seller Center, open the order under Orders > Manage orders and "
                + "cancel or change its shipment there; until then do not hand the parcel over or reuse the label");
    }

    // closeDay: TikTok documents no handover manifest for US TikTok Shipping (First Mile Bundle is cross-border
    // only), so the SPI's DayClose.none() stands.

    private TikTokShippingClient client(CarrierCredentials account) throws CarrierException {
        return new TikTokShippingClient(account, timeout);
    }

    private static TikTokOrder order(TikTokShippingClient tiktok, ParcelSpec parcel) throws CarrierException {
        String id = parcel.channelOrderId();
        if (id == null || id.isBlank())
            throw new CarrierException(Kind.REJECTED, "parcel " + parcel.key() + " has no TikTok order id: TikTok Shipping labels are for TikTok orders only");
        JsonNode orders = tiktok.get("/order" + V + "/orders", Map.of("ids", id)).path("orders");
        if (!orders.isArray() || orders.isEmpty())
            throw new CarrierException(Kind.REJECTED, "TikTok does not know order " + id + " in this shop (check the carrier account's shop)");
        return TikTokOrder.of(orders.get(0));
    }

    /** Create Packages: buys the label of all the order's line items with the chosen service (or TikTok's default). */
    private static JsonNode createPackage(TikTokShippingClient tiktok, TikTokOrder order, ParcelSpec parcel, Rate rate) throws CarrierException {
        ObjectNode body = measures(parcel);
        body.put("order_id", order.id());
        lineItems(body, order);
        if (rate != null && rate.rateRef() != null && !rate.rateRef().isBlank()) body.put("shipping_service_id", rate.rateRef());
        return tiktok.post("/fulfillment" + V + "/packages", Map.of(), body);
    }

    /** Ship Package; TikTok answering "shipped already" is the state we asked for. */
    private static void ship(TikTokShippingClient tiktok, CarrierCredentials account, String packageId) throws CarrierException {
        ObjectNode body = JSON.createObjectNode();
        String handover = account.option("handoverMethod", null); // PICKUP or DROP_OFF; TikTok's shop setting otherwise
        if (handover != null && !handover.isBlank()) body.put("handover_method", handover);
        try {
            tiktok.post("/fulfillment" + V + "/packages/" + enc(packageId) + "/ship", Map.of(), body);
        } catch (TikTokShippingClient.Refused r) {
            if (!SHIPPED_ALREADY.contains(r.code())) throw r;
            LOG.infof("TikTok package %s was shipped already (code %d)", packageId, r.code());
        }
    }

    /** Search Package from the order's creation on, newest first, for a package of this order. */
    private static String searchPackage(TikTokShippingClient tiktok, TikTokOrder order, TikTokShippingClient.Refused why) throws CarrierException {
        ObjectNode body = JSON.createObjectNode();
        if (order.createTime() > 0) body.put("create_time_ge", order.createTime());
        String token = null;
        for (int page = 0; page < SEARCH_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>(Map.of("page_size", "50", "sort_field", "create_time", "sort_order", "DESC"));
            if (token != null) query.put("page_token", token);
            JsonNode data = tiktok.post("/fulfillment" + V + "/packages/search", query, body);
            for (JsonNode p : data.path("packages"))
                for (JsonNode o : p.path("orders"))
                    if (order.id().equals(o.path("id").asText())) return p.path("id").asText();
            token = data.path("next_page_token").asText("");
            if (token.isBlank()) break;
        }
        throw new CarrierException(Kind.REJECTED, "TikTok says order " + order.id() + " has its label already (" + why.getMessage()
                + ") but shows no package for it: print the label from TikTok Seller Center");
    }

    private static byte[] labelPdf(TikTokShippingClient tiktok, String url, String packageId, String orderId) throws CarrierException {
        if (url.isBlank())
            throw new CarrierException(Kind.UNAVAILABLE, "TikTok gave no shipping document link for package " + packageId + " of order " + orderId + " yet");
        byte[] pdf;
        try {
            pdf = tiktok.download(url);
        } catch (CarrierException e) {
            throw new CarrierException(e.kind(), "the TikTok shipping label of package " + packageId + " (order " + orderId
                    + ") could not be downloaded from TikTok's document link: " + e.getMessage()
                    + "; buy again for a fresh link (TikTok's last 24 hours) or print it from Seller Center", e.retryAfter(), e);
        }
        if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"))
            throw new CarrierException(Kind.REJECTED, "TikTok's shipping document link for package " + packageId + " gave no PDF ("
                    + pdf.length + " bytes): print the label from Seller Center");
        return pdf;
    }

    /** weight (grams) and, when the carton is known, dimension (centimetres), as TikTok's package bodies take them. */
    private static ObjectNode measures(ParcelSpec parcel) {
        ObjectNode body = JSON.createObjectNode();
        if (parcel.weightG() > 0) body.putObject("weight").put("value", Integer.toString(parcel.weightG())).put("unit", "GRAM");
        if (parcel.lengthMm() != null && parcel.widthMm() != null && parcel.heightMm() != null)
            body.putObject("dimension").put("length", cm(parcel.lengthMm())).put("width", cm(parcel.widthMm()))
                    .put("height", cm(parcel.heightMm())).put("unit", "CM");
        return body;
    }

    private static void lineItems(ObjectNode body, TikTokOrder order) {
        var ids = body.putArray("order_line_item_ids");
        order.lineItemIds().forEach(ids::add);
    }

    private static String cm(int mm) {
        return BigDecimal.valueOf(mm, 1).stripTrailingZeros().toPlainString();
    }

    /** TikTok's decimal price string in minor units; 0 when TikTok gives none. */
    static long cents(String price) {
        if (price == null || price.isBlank()) return 0;
        try {
            return new BigDecimal(price.trim()).movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    private static String firstOf(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return "";
    }
}

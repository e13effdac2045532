package io.surgewms.shipping.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.surgewms.intake.tiktok.TikTokSignature;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for TikTok Shop's order and fulfillment endpoints (API 202309) as TikTok Shipping uses
 * them: the TikTok cloud cannot be reached from here, and tests must not call it. It checks each call's
 * {@code sign} as TikTok documents it ({@link TikTokSignature#request}), the shop_cipher and the access token,
 * and replays the payload shapes of TikTok Shop Partner Center's API reference:
 * <ul>
 * <li>Get Order Detail 202309 (https://partner.tiktokshop.com/docv2/page/650aa8ccc16ffe02b8f167a0): packages[].id,
 *     and a line's package_id and package_status only once shipped (US);</li>
 * <li>Get Eligible Shipping Service (…/650aa6b2bace3e02b75dda4e), Create Packages (…/650aa132bace3e02b75d40d8),
 *     Search Package (…/650aa592bace3e02b75db748), Ship Package (…/650aa4f1defece02be6e7cb1), Get Package Detail
 *     (…/650aa39fbace3e02b75d8617) and Get Package Shipping Document (…/650aa5fac16ffe02b8f112ca), with the
 *     error codes those pages list (11006021 shipped already, 21022025 label bought already, 21023035 not
 *     arranged yet);</li>
 * <li>Common errors (…/678e3a45786253031531b942): 105002 expired token, 106001 bad sign, 36009002 too many.</li>
 * </ul>
 * The shipping document link points back here and serves a 4x6 PDF ({@link FakeTikTokLabelPdf}), unsigned
 * like TikTok's CDN links. Knobs make it expire the token, answer 429, lose an answer, hide an order's
 * package, or lose the label.
 */
final class FakeTikTokFulfillment implements AutoCloseable {

    record Call(String method, String path, Map<String, String> query, String token, JsonNode body) {}

    /** An order as TikTok holds it; package is its one package, once there is one. */
    static final class Order {
        final String id;
        String shippingType = "TIKTOK";
        String status = "AWAITING_SHIPMENT";
        final List<String> lines = new ArrayList<>();
        String packageId;
        long createTime = 1_717_000_000L;

        Order(String id) { this.id = id; }
    }

    static final class Package {
        final String id, orderId, tracking;
        final List<String> lines;
        String serviceName = "USPS Ground Advantage";
        String providerName = "USPS";
        boolean shipped;

        Package(String id, String orderId, List<String> lines, String tracking) {
            this.id = id; this.orderId = orderId; this.lines = lines; this.tracking = tracking;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "/wsos_v2/oec_fulfillment_doc_tts/object/";
    private static final Pattern PACKAGE = Pattern.compile("/fulfillment/202309/packages/(\\d+)(/ship|/shipping_documents)?");
    private static final Pattern SERVICES = Pattern.compile("/fulfillment/202309/orders/(\\d+)/shipping_services/query");

    private final HttpServer server;
    private final String secret, token, shopCipher;
    private final AtomicLong ids = new AtomicLong(1_153_000_000_000_000_000L);
    private final AtomicLong trackings = new AtomicLong();
    final Map<String, Order> orders = new ConcurrentHashMap<>();
    final Map<String, Package> packages = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Call> downloads = new CopyOnWriteArrayList<>();
    volatile boolean tokenExpired, tooManyRequests, labelGone, hidePackagesOnOrders;
    /** The next call whose path ends so is done, and its answer lost (the connection closes unanswered). */
    volatile String loseAnswerTo;

    FakeTikTokFulfillment(String secret, String token, String shopCipher) throws IOException {
        this.secret = secret;
        this.token = token;
        this.shopCipher = shopCipher;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Order order(String id, String... lineItemIds) {
        Order o = new Order(id);
        o.lines.addAll(List.of(lineItemIds));
        orders.put(id, o);
        return o;
    }

    /** The package TikTok makes with the order (the UK/EU 4PL flow, and some US orders). */
    Package packageOf(Order o) {
        Package p = new Package(Long.toString(ids.incrementAndGet()), o.id, List.copyOf(o.lines),
                "9400111899560%09d".formatted(trackings.incrementAndGet()));
        packages.put(p.id, p);
        o.packageId = p.id;
        return p;
    }

    List<Call> calls(String method, String pathSuffix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().endsWith(pathSuffix)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        Map<String, String> query = query(x.getRequestURI().getRawQuery());
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call(x.getRequestMethod(), path, query, x.getRequestHeaders().getFirst("x-tts-access-token"),
                body.isEmpty() ? null : JSON.readTree(body));
        if (path.startsWith(DOCS)) {
            downloads.add(call);
            document(x, path.substring(DOCS.length()));
            return;
        }
        if (tooManyRequests) {
            x.getResponseHeaders().add("Retry-After", "7");
            reply(x, 429, error(36009002, "Too many requests. You've made too many requests in a short period of time."));
            return;
        }
        if (!TikTokSignature.request(secret, path, query, body.isEmpty() ? null : body).equals(query.get("sign"))) {
            reply(x, 401, error(106001, "Invalid credentials. The sign query parameter is invalid."));
            return;
        }
        calls.add(call);
        if (tokenExpired || !token.equals(call.token())) {
            reply(x, 200, error(105002, "Expired credentials. The access_token or x-tts-access-token header has expired."));
            return;
        }
        if (!shopCipher.equals(query.get("shop_cipher"))) {
            reply(x, 200, error(106013, "Missing identifier. The shop_cipher query parameter is required to identify the target shop."));
            return;
        }
        String answer = route(call);
        String lose = loseAnswerTo;
        if (lose != null && path.endsWith(lose)) {
            loseAnswerTo = null;
            x.close(); // done, but the caller never hears it
            return;
        }
        reply(x, answer == null ? 404 : 200, answer == null ? error(36009009, "Invalid path.") : answer);
    }

    private String route(Call c) {
        String path = c.path();
        if (c.method().equals("GET") && path.equals("/order/202309/orders")) {
            Order o = orders.get(c.query().get("ids"));
            return ok(data -> { ArrayNode list = data.putArray("orders"); if (o != null) list.add(orderJson(o)); });
        }
        Matcher m = SERVICES.matcher(path);
        if (c.method().equals("POST") && m.matches()) return services(orders.get(m.group(1)), c.body());
        if (c.method().equals("POST") && path.equals("/fulfillment/202309/packages")) return create(c.body());
        if (c.method().equals("POST") && path.equals("/fulfillment/202309/packages/search")) return search();
        m = PACKAGE.matcher(path);
        if (!m.matches() || !packages.containsKey(m.group(1))) return null;
        Package p = packages.get(m.group(1));
        if (m.group(2) == null && c.method().equals("GET")) return ok(data -> packageJson(p, data));
        if ("/ship".equals(m.group(2)) && c.method().equals("POST")) {
            if (p.shipped) return error(11006021, "Package has been shipped. Please not ship the package again.");
            p.shipped = true;
            orders.get(p.orderId).status = "AWAITING_COLLECTION";
            return ok(data -> { });
        }
        if ("/shipping_documents".equals(m.group(2)) && c.method().equals("GET")) {
            if (!p.shipped) return error(21023035, "Please arrange shipment before retrieving the shipping document.");
            String size = c.query().get("document_size");
            return ok(data -> data.put("doc_url", baseUrl() + DOCS + p.id + "-" + size + ".pdf?x-expires=1717086400&x-signature=cdn")
                    .put("tracking_number", p.tracking));
        }
        return null;
    }

    private String services(Order o, JsonNode body) {
        if (o == null) return error(21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s).");
        if (o.status.equals("AWAITING_COLLECTION")) return error(21011006, "These orders are already shipped.");
        return ok(data -> {
            data.put("order_id", o.id);
            data.set("order_line_id", body.path("order_line_item_ids"));
            data.set("weight", body.path("weight"));
            ArrayNode s = data.putArray("shipping_services");
            s.addObject().put("id", "7208502187360519979").put("name", "USPS Ground Advantage").put("price", "5.23").put("currency", "USD")
                    .put("earliest_delivery_days", 2).put("latest_delivery_days", 5).put("is_default", true)
                    .put("shipping_provider_name", "USPS").put("shipping_provider_id", "6617675021119438849");
            s.addObject().put("id", "7208502187360520004").put("name", "UPS Ground").put("price", "8.91").put("currency", "USD")
                    .put("earliest_delivery_days", 3).put("latest_delivery_days", 5).put("is_default", false)
                    .put("shipping_provider_name", "UPS").put("shipping_provider_id", "6617675021119438850");
        });
    }

    private String create(JsonNode body) {
        Order o = orders.get(body.path("order_id").asText());
        if (o == null) return error(21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s).");
        if (o.packageId != null) return error(21022025, "A shipping label has already been purchased.");
        Package p = packageOf(o);
        boolean ups = "7208502187360520004".equals(body.path("shipping_service_id").asText());
        p.serviceName = ups ? "UPS Ground" : "USPS Ground Advantage";
        p.providerName = ups ? "UPS" : "USPS";
        return ok(data -> {
            data.put("order_id", o.id).put("package_id", p.id).put("create_time", 1_717_000_500L);
            data.set("order_line_item_ids", body.path("order_line_item_ids"));
            if (body.has("dimension")) data.set("dimension", body.path("dimension"));
            data.set("weight", body.path("weight"));
            data.putObject("shipping_service_info").put("id", ups ? "7208502187360520004" : "7208502187360519979").put("name", p.serviceName)
                    .put("price", ups ? "8.91" : "5.23").put("currency", "USD").put("earliest_delivery_days", 2).put("latest_delivery_days", 5)
                    .put("shipping_provider_id", "6617675021119438849").put("shipping_provider_name", p.providerName);
        });
    }

    /** Newest first, one page: enough for a handful of orders. */
    private String search() {
        return ok(data -> {
            data.put("total_count", packages.size()).put("next_page_token", "");
            ArrayNode list = data.putArray("packages");
            packages.values().stream().sorted((a, b) -> b.id.compareTo(a.id)).forEach(p -> {
                ObjectNode n = list.addObject().put("id", p.id).put("create_time", 1_717_000_500L).put("update_time", 1_717_000_600L)
                        .put("tracking_number", p.tracking).put("shipping_provider_name", p.providerName)
                        .put("shipping_provider_id", "6617675021119438849");
                if (p.shipped) n.put("status", "PROCESSING");
                n.putArray("orders").addObject().put("id", p.orderId);
                p.lines.forEach(n.withArray("order_line_item_ids")::add);
            });
        });
    }

    private ObjectNode orderJson(Order o) {
        ObjectNode n = JSON.createObjectNode().put("id", o.id).put("status", o.status).put("shipping_type", o.shippingType)
                .put("create_time", o.createTime).put("rts_sla_time", o.createTime + 172_800).put("delivery_option_name", "Standard shipping");
        n.putObject("recipient_address").put("name", "A*** B****").put("phone_number", "(+1)512*****01").put("postal_code", "78701")
                .put("region_code", "US").put("address_line1", "1*** M*** St").put("full_address", "1*** M*** St, Austin, TX 78701");
        ArrayNode packs = n.putArray("packages");
        if (o.packageId != null && !hidePackagesOnOrders) packs.addObject().put("id", o.packageId);
        Package p = o.packageId == null ? null : packages.get(o.packageId);
        ArrayNode lines = n.putArray("line_items");
        for (String line : o.lines) {
            ObjectNode l = lines.addObject().put("id", line).put("sku_id", "1729000000001").put("seller_sku", "glow-30")
                    .put("product_name", "Glow serum").put("display_status", o.status).put("sale_price", "19.99").put("currency", "USD");
            if (p != null && p.shipped) // US: a line shows its package once shipped
                l.put("package_id", p.id).put("package_status", "PROCESSING").put("tracking_number", p.tracking)
                        .put("shipping_provider_name", p.providerName);
        }
        return n;
    }

    private static void packageJson(Package p, ObjectNode data) {
        data.put("package_id", p.id).put("shipping_type", "TIKTOK").put("shipping_provider_name", p.providerName)
                .put("shipping_provider_id", "6617675021119438849").put("delivery_option_name", "Standard shipping")
                .put("tracking_number", p.tracking).put("create_time", 1_717_000_500L).put("handover_method", "DROP_OFF");
        if (p.shipped) data.put("package_status", "PROCESSING"); // the page lists statuses from "arranged" on
        data.putArray("orders").addObject().put("id", p.orderId);
        p.lines.forEach(data.withArray("order_line_item_ids")::add);
        data.putObject("weight").put("value", "454").put("unit", "GRAM");
    }

    private void document(HttpExchange x, String name) throws IOException {
        Package p = packages.get(name.substring(0, name.indexOf('-')));
        if (labelGone || p == null) {
            reply(x, 404, "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code></Error>");
            return;
        }
        byte[] pdf = FakeTikTokLabelPdf.label(p.providerName, p.serviceName, p.tracking, p.orderId);
        x.getResponseHeaders().add("Content-Type", "application/pdf");
        x.sendResponseHeaders(200, pdf.length);
        x.getResponseBody().write(pdf);
        x.close();
    }

    private static String ok(java.util.function.Consumer<ObjectNode> data) {
        ObjectNode n = JSON.createObjectNode().put("code", 0).put("message", "Success").put("request_id", "202406010000fake");
        data.accept(n.putObject("data"));
        return n.toString();
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message).put("request_id", "202406010000fake").toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null)
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        return q;
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

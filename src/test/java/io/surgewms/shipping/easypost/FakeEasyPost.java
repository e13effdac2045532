package io.surgewms.shipping.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for EasyPost's API v2: the real EasyPost cloud cannot be reached from here (and tests
 * must not buy postage). It replays the payload shapes of EasyPost's pages, read for this fake:
 * <ul>
 *   <li>Shipment, rates, buy, label conversion: https://docs.easypost.com/docs/shipments</li>
 *   <li>Refund: https://docs.easypost.com/docs/shipments/shipping-refund</li>
 *   <li>Batches: https://docs.easypost.com/guides/batches-guide; scan forms: https://docs.easypost.com/docs/scan-form</li>
 *   <li>Addresses and verification: https://docs.easypost.com/docs/addresses,
 *       https://docs.easypost.com/guides/address-verification-guide</li>
 *   <li>Errors ({@code {"error": {code, message, errors[]}}}): https://docs.easypost.com/docs/errors</li>
 * </ul>
 * and the recorded answers in EasyPost's own Java client tests (EasyPost/easypost-java, src/test/cassettes:
 * shipment/buy_with_rate, batch/create_scanform, scan_form/create, address/create_verify*).
 * Where those pages give no code (a second buy or refund of one shipment, a refused API key), the fake
 * answers the documented error object with a code of its own; the provider must not depend on those codes.
 *
 * <p>It keeps shipments, counts purchases, checks the API key, and can fail the next call, stall or drop
 * the answer of a buy after making it, and refuse shipments from a batch. Public for the bench
 * (bench/ship.sh), which slows and fails calls through {@link #gate}.
 */
public final class FakeEasyPost implements AutoCloseable {

    /** How a buy answers once it has bought. */
    enum AfterBuy { ANSWER, DROP_CONNECTION, STALL }

    record Call(String method, String path, String authorization, JsonNode body) {}

    public static final String API_KEY = "EZTK-fake-key-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("^/v2/(shipments|batches)/([a-z]+_[0-9a-f]+)(/[a-z_]+)?$");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String instance = String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
    final List<Call> calls = new CopyOnWriteArrayList<>();
    public final Map<String, ObjectNode> shipments = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    public final AtomicInteger purchases = new AtomicInteger();
    /** Purchases per shipment reference (Surge's parcel key): above 1, a parcel was paid for twice. */
    public final Map<String, AtomicInteger> purchasesByReference = new ConcurrentHashMap<>();
    /** Asked before any call (files too): a status to fail it with, else 0. A bench's latency and outages. */
    public interface Gate { int before(String method, String path); }
    public volatile Gate gate;
    /** false: calls are not kept (a bench's tens of thousands would be copied on every add). */
    public volatile boolean keepCalls = true;
    /** street1 values EasyPost cannot find. */
    final Set<String> unknownStreets = ConcurrentHashMap.newKeySet();
    /** Shipments a batch will not take, with EasyPost's batch_message. */
    final Map<String, String> batchRefusals = new ConcurrentHashMap<>();
    volatile AfterBuy afterBuy = AfterBuy.ANSWER;
    volatile long stallMs = 2_000;
    /** Label format of the postage, when not the one asked for (EasyPost's PNG default). */
    volatile String boughtFormat;
    /** The next API call answers this status (then the fake behaves again); 0 for none. */
    volatile int failNext;
    /** Every API call answers this status until it is set back to 0 (EasyPost down). */
    public volatile int failAll;
    /** Reads of a batch (and then of its scan form) that still say "creating". */
    volatile int creatingReads = 1;

    public FakeEasyPost() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads); // a stalled answer must not hold up the next call
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    String fileUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + path;
    }

    List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String raw = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = raw.isBlank() ? null : JSON.readTree(raw);
            if (keepCalls) calls.add(new Call(x.getRequestMethod(), path, x.getRequestHeaders().getFirst("Authorization"), body));
            Gate g = gate;
            int gated = g == null ? 0 : g.before(x.getRequestMethod(), path);
            if (gated != 0) {
                error(x, gated, "INTERNAL_SERVER_ERROR", "fake failure " + gated);
                return;
            }
            if (path.startsWith("/files/")) {
                file(x, path.substring("/files/".length()));
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                error(x, 401, "APIKEY.INACTIVE", "The API key provided is not valid.");
                return;
            }
            int fail = failAll != 0 ? failAll : failNext;
            if (fail != 0) {
                failNext = 0;
                if (fail == 429) x.getResponseHeaders().add("Retry-After", "7");
                error(x, fail, fail == 429 ? "RATE_LIMITED" : fail == 401 ? "APIKEY.INACTIVE" : "INTERNAL_SERVER_ERROR", "fake failure " + fail);
                return;
            }
            route(x, path, body);
        } catch (RuntimeException e) {
            error(x, 500, "INTERNAL_SERVER_ERROR", "fake: " + e);
        }
    }

    private void route(HttpExchange x, String path, JsonNode body) throws IOException {
        String method = x.getRequestMethod();
        if (method.equals("POST") && path.equals("/v2/shipments")) reply(x, 201, createShipment(body.path("shipment")));
        else if (method.equals("POST") && path.equals("/v2/addresses")) address(x, body);
        else if (method.equals("POST") && path.equals("/v2/batches")) reply(x, 200, createBatch(body.path("batch")));
        else {
            Matcher m = ID.matcher(path);
            if (!m.matches()) {
                error(x, 404, "NOT_FOUND", "The requested resource could not be found.");
                return;
            }
            String action = m.group(3) == null ? "" : m.group(3);
            if (m.group(1).equals("shipments")) shipment(x, m.group(2), method + " " + action, body);
            else batch(x, m.group(2), method + " " + action, body);
        }
    }

    private ObjectNode createShipment(JsonNode request) {
        ObjectNode s = JSON.createObjectNode();
        String id = id("shp");
        s.put("id", id).put("object", "Shipment").put("mode", "test").put("status", "unknown");
        s.put("reference", request.path("reference").asText(null));
        s.set("to_address", request.path("to_address").deepCopy());
        s.set("from_address", request.path("from_address").deepCopy());
        s.set("parcel", request.path("parcel").deepCopy());
        s.set("options", request.path("options").deepCopy());
        ArrayNode rates = s.putArray("rates");
        rates.add(rate(id, "GroundAdvantage", "5.93", 3));
        rates.add(rate(id, "Priority", "6.90", 2));
        s.putArray("messages");
        for (String f : List.of("selected_rate", "postage_label", "tracking_code", "tracker", "refund_status", "batch_id", "scan_form"))
            s.putNull(f);
        shipments.put(id, s);
        return s;
    }

    private ObjectNode rate(String shipmentId, String service, String price, int days) {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id("rate")).put("object", "Rate").put("mode", "test").put("shipment_id", shipmentId)
                .put("carrier", "USPS").put("service", service).put("rate", price).put("currency", "USD")
                .put("retail_rate", "8.45").put("list_rate", price).put("delivery_days", days).putNull("delivery_date");
        r.put("delivery_date_guaranteed", false).put("est_delivery_days", days).put("carrier_account_id", "ca_f09befdb2e9c410e95c7622ea912c18c");
        return r;
    }

    private void shipment(HttpExchange x, String id, String action, JsonNode body) throws IOException {
        ObjectNode s = shipments.get(id);
        if (s == null) {
            error(x, 404, "NOT_FOUND", "The requested resource could not be found.");
            return;
        }
        switch (action) {
            case "GET " -> reply(x, 200, s);
            case "POST /buy" -> buy(x, s, body.path("rate").path("id").asText());
            case "GET /label" -> {
                String format = x.getRequestURI().getQuery().replace("file_format=", "").toLowerCase();
                ((ObjectNode) s.path("postage_label")).put("label_" + format + "_url", fileUrl("postage_label/"
                        + s.path("postage_label").path("id").asText() + "." + format));
                reply(x, 200, s);
            }
            case "POST /refund" -> {
                if (s.path("postage_label").isNull() || !s.path("refund_status").isNull()) {
                    error(x, 422, "SHIPMENT.REFUND.UNAVAILABLE", "Refund not available for this shipment.");
                    return;
                }
                s.put("refund_status", "submitted");
                reply(x, 200, s);
            }
            default -> error(x, 404, "NOT_FOUND", "The requested resource could not be found.");
        }
    }

    private void buy(HttpExchange x, ObjectNode s, String rateId) throws IOException {
        if (!s.path("postage_label").isNull()) {
            error(x, 422, "SHIPMENT.POSTAGE.EXISTS", "Postage already exists for this shipment.");
            return;
        }
        JsonNode rate = null;
        for (JsonNode r : s.path("rates")) if (r.path("id").asText().equals(rateId)) rate = r;
        if (rate == null) {
            error(x, 422, "SHIPMENT.RATE.INVALID", "The rate provided is not valid for this shipment.");
            return;
        }
        purchases.incrementAndGet();
        purchasesByReference.computeIfAbsent(s.path("reference").asText(""), k -> new AtomicInteger()).incrementAndGet();
        // unique across fakes too: tests share one database, and a tracking number is unique there
        String tracking = "9400100105" + instance + String.format("%05d", sequence.incrementAndGet());
        String format = boughtFormat != null ? boughtFormat : s.path("options").path("label_format").asText("PNG");
        String ext = format.toLowerCase();
        ObjectNode label = JSON.createObjectNode();
        String labelId = id("pl");
        label.put("id", labelId).put("object", "PostageLabel").put("label_size", "4x6").put("label_resolution", 300)
                .put("label_file_type", ext.equals("png") ? "image/png" : "application/" + ext)
                .put("label_url", fileUrl("postage_label/" + labelId + "." + ext));
        for (String f : List.of("pdf", "zpl", "epl2")) {
            if (f.equals(ext)) label.put("label_" + f + "_url", fileUrl("postage_label/" + labelId + "." + f));
            else label.putNull("label_" + f + "_url");
        }
        s.set("postage_label", label);
        s.set("selected_rate", rate.deepCopy());
        s.put("tracking_code", tracking);
        s.putObject("tracker").put("id", id("trk")).put("object", "Tracker").put("tracking_code", tracking)
                .put("public_url", "https://track.easypost.com/fake-" + tracking);
        switch (afterBuy) {
            case DROP_CONNECTION -> {
                afterBuy = AfterBuy.ANSWER;
                x.close(); // bought, but the caller never hears it: the connection closes before any answer
            }
            case STALL -> {
                afterBuy = AfterBuy.ANSWER;
                sleep(stallMs);
                reply(x, 200, s);
            }
            default -> reply(x, 200, s);
        }
    }

    private ObjectNode createBatch(JsonNode request) {
        ObjectNode b = JSON.createObjectNode();
        String id = id("batch");
        b.put("id", id).put("object", "Batch").put("mode", "test").put("state", "creating").putNull("scan_form");
        b.put("num_shipments", request.path("shipments").size()).putNull("label_url");
        ArrayNode members = JSON.createArrayNode();
        for (JsonNode ref : request.path("shipments")) {
            ObjectNode s = shipments.get(ref.path("id").asText());
            ObjectNode m = members.addObject().put("id", ref.path("id").asText());
            String refusal = s == null ? "Shipment not found."
                    : s.path("postage_label").isNull() ? "Shipment has no postage."
                    : !s.path("refund_status").isNull() ? "Refunded shipments cannot be added."
                    : batchRefusals.get(ref.path("id").asText());
            m.put("reference", s == null ? null : s.path("reference").asText(null));
            m.put("tracking_code", s == null ? null : s.path("tracking_code").asText(null));
            m.put("batch_status", refusal == null ? "postage_purchased" : "creation_failed");
            m.put("batch_message", refusal);
        }
        b.putArray("shipments");
        b.set("members", members); // the fake's own: shown as shipments once created
        b.put("reads_left", creatingReads);
        batches.put(id, b);
        return without(b, "members", "reads_left");
    }

    private void batch(HttpExchange x, String id, String action, JsonNode body) throws IOException {
        ObjectNode b = batches.get(id);
        if (b == null) {
            error(x, 404, "NOT_FOUND", "The requested resource could not be found.");
            return;
        }
        switch (action) {
            case "GET " -> {
                int left = b.path("reads_left").asInt();
                b.put("reads_left", Math.max(0, left - 1));
                if (left == 0) advance(b);
                reply(x, 200, without(b, "members", "reads_left"));
            }
            case "POST /remove_shipments" -> {
                ArrayNode members = (ArrayNode) b.path("members");
                for (JsonNode ref : body.path("shipments"))
                    for (int i = members.size() - 1; i >= 0; i--)
                        if (members.get(i).path("id").asText().equals(ref.path("id").asText())) members.remove(i);
                b.set("shipments", members.deepCopy());
                reply(x, 200, without(b, "members", "reads_left"));
            }
            case "POST /scan_form" -> {
                ObjectNode form = b.putObject("scan_form");
                form.put("id", id("sf")).put("object", "ScanForm").put("batch_id", id).put("status", "creating").putNull("form_url");
                form.putNull("form_file_type").putNull("message").putArray("tracking_codes");
                for (JsonNode m : b.path("members")) {
                    if (m.path("batch_status").asText().endsWith("_failed")) { // EasyPost refuses a form over a failed shipment
                        form.put("status", "failed").put("message", "Batch holds shipments that failed: " + m.path("id").asText());
                    }
                }
                b.put("reads_left", creatingReads);
                reply(x, 200, without(b, "members", "reads_left"));
            }
            default -> error(x, 404, "NOT_FOUND", "The requested resource could not be found.");
        }
    }

    /** A read after the "creating" ones: the batch is created, then its scan form is. */
    private void advance(ObjectNode b) {
        if (b.path("state").asText().equals("creating")) {
            b.put("state", "created");
            b.set("shipments", b.path("members").deepCopy());
        }
        JsonNode form = b.path("scan_form");
        if (form.isObject() && form.path("status").asText().equals("creating")) {
            ObjectNode f = (ObjectNode) form;
            f.put("status", "created").put("form_url", fileUrl("scan_form/" + f.path("id").asText() + ".pdf"));
            for (JsonNode m : b.path("members")) f.withArray("tracking_codes").add(m.path("tracking_code").asText());
        }
    }

    private void address(HttpExchange x, JsonNode body) throws IOException {
        ObjectNode a = (ObjectNode) body.path("address").deepCopy();
        a.put("id", id("adr")).put("object", "Address").put("mode", "test");
        boolean found = !unknownStreets.contains(a.path("street1").asText());
        boolean verify = body.has("verify") || body.has("verify_strict");
        if (!found && body.has("verify_strict")) {
            // the docs' error example, with the AddressVerificationFieldError of the recorded verify answer
            String error = """
                    {"error":{"code":"ADDRESS.VERIFY.FAILURE","message":"Address not found","errors":[
                     {"code":"E.ADDRESS.NOT_FOUND","field":"address","message":"Address not found","suggestion":null}]}}""";
            reply(x, 422, JSON.readTree(error));
            return;
        }
        ObjectNode verifications = a.putObject("verifications");
        if (verify) {
            ObjectNode delivery = verifications.putObject("delivery");
            delivery.put("success", found);
            ArrayNode errors = delivery.putArray("errors");
            if (found) {
                a.put("street1", a.path("street1").asText().toUpperCase()).put("city", a.path("city").asText().toUpperCase());
                a.put("zip", a.path("zip").asText() + "-1670");
            } else {
                errors.addObject().put("code", "E.ADDRESS.NOT_FOUND").put("field", "address").put("message", "Address not found").putNull("suggestion");
            }
        }
        reply(x, 201, a);
    }

    private void file(HttpExchange x, String name) throws IOException {
        String content;
        if (name.startsWith("scan_form/")) content = "%PDF-1.4\n% fake scan form " + name + "\n%%EOF\n";
        else {
            String labelId = name.substring("postage_label/".length(), name.lastIndexOf('.'));
            String tracking = shipments.values().stream()
                    .filter(s -> s.path("postage_label").path("id").asText().equals(labelId))
                    .map(s -> s.path("tracking_code").asText()).findFirst().orElse("?");
            content = name.endsWith(".zpl") ? "^XA^FO40,40^A0N,40,40^FDUSPS " + tracking + "^FS^XZ\n"
                    : name.endsWith(".pdf") ? "%PDF-1.4\n% fake label " + tracking + "\n%%EOF\n" : "PNG " + tracking;
        }
        byte[] b = content.getBytes(StandardCharsets.US_ASCII);
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static ObjectNode without(ObjectNode n, String... fields) {
        ObjectNode copy = n.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }

    private String id(String prefix) {
        return prefix + "_" + String.format("%032x", sequence.incrementAndGet() * 7919L + 0xa99b3696L);
    }

    private static void error(HttpExchange x, int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).putArray("errors");
        reply(x, status, body);
    }

    private static void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

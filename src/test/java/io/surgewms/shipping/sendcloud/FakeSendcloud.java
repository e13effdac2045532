package io.surgewms.shipping.sendcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
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

/**
 * A local stand-in for Sendcloud's public API v3: the real Sendcloud cloud cannot be reached from here (and
 * tests must not announce shipments). It replays the payload shapes of Sendcloud's v3 reference, as the
 * OpenAPI files behind these pages give them:
 * <ul>
 *   <li>https://sendcloud.dev/api/v3/shipping-options/return-a-list-of-available-shipping-options</li>
 *   <li>https://sendcloud.dev/api/v3/shipments/create-and-announce-a-shipment-synchronously (label_file,
 *       ANNOUNCEMENT_FAILED with errors[], external_reference_id unique per user: 409 with the shipment)</li>
 *   <li>https://sendcloud.dev/api/v3/shipments/retrieve-shipments (filter external_reference_id) and
 *       .../retrieve-a-shipment</li>
 *   <li>https://sendcloud.dev/api/v3/shipments/cancel-a-shipment (200, 202, 409 "already being cancelled")</li>
 *   <li>https://sendcloud.dev/api/v3/parcel-documents/retrieve-a-parcel-document (format by Accept)</li>
 * </ul>
 * The pages do not show the body of the 409 for a reused reference; {@link #conflictCarriesShipment}
 * chooses between the shipment in {@code data} (as the field's description reads) and errors only.
 *
 * <p>It counts announcements that reached a carrier, checks the keys, and can fail the next call, make the
 * carrier refuse, stall or drop the answer of an announcement after making it.
 */
final class FakeSendcloud implements AutoCloseable {

    enum AfterAnnounce { ANSWER, DROP_CONNECTION, STALL }

    record Call(String method, String path, String query, String accept, JsonNode body) {}

    static final String PUBLIC_KEY = "sc-public-0001";
    static final String SECRET_KEY = "sc-secret-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger sequence = new AtomicInteger(383707300);
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, ObjectNode> shipments = new ConcurrentHashMap<>();
    final Map<String, String> byReference = new ConcurrentHashMap<>();
    /** Announcements a carrier accepted: each one is a label Sendcloud invoices. */
    final AtomicInteger announced = new AtomicInteger();
    /** Postal codes the address check refuses. */
    final Set<String> badPostalCodes = ConcurrentHashMap.newKeySet();
    volatile AfterAnnounce afterAnnounce = AfterAnnounce.ANSWER;
    volatile long stallMs = 2_000;
    volatile boolean conflictCarriesShipment = true;
    /** Announcements the carrier will refuse (cannot be reached) before it accepts again. */
    volatile int carrierFailures;
    /** The next API call answers this status; 0 for none. */
    volatile int failNext;

    FakeSendcloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads); // a stalled answer must not hold up the next call
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
    }

    List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            String raw = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = raw.isBlank() ? null : JSON.readTree(raw);
            calls.add(new Call(x.getRequestMethod(), path, x.getRequestURI().getRawQuery(), x.getRequestHeaders().getFirst("Accept"), body));
            String expected = "Basic " + Base64.getEncoder().encodeToString((PUBLIC_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                errors(x, 401, "authentication_failed", "Invalid username/password.", null);
                return;
            }
            int fail = failNext;
            if (fail != 0) {
                failNext = 0;
                if (fail == 429) x.getResponseHeaders().add("Retry-After", "7");
                errors(x, fail, fail == 429 ? "throttled" : "server_error", "fake failure " + fail, null);
                return;
            }
            route(x, x.getRequestMethod() + " " + path.substring("/api/v3".length()), body);
        } catch (RuntimeException e) {
            errors(x, 500, "server_error", "fake: " + e, null);
        }
    }

    private void route(HttpExchange x, String call, JsonNode body) throws IOException {
        if (call.equals("POST /shipping-options")) reply(x, 200, options());
        else if (call.equals("POST /shipments/announce")) announce(x, body);
        else if (call.equals("GET /shipments")) {
            String ref = query(x, "external_reference_id");
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode data = answer.putArray("data");
            if (ref != null && byReference.containsKey(ref)) data.add(shipments.get(byReference.get(ref)));
            reply(x, 200, answer);
        } else if (call.startsWith("GET /shipments/") && shipments.containsKey(call.substring("GET /shipments/".length()))) {
            ObjectNode answer = JSON.createObjectNode();
            answer.set("data", shipments.get(call.substring("GET /shipments/".length())));
            reply(x, 200, answer);
        } else if (call.startsWith("POST /shipments/") && call.endsWith("/cancel")) {
            cancel(x, shipments.get(call.substring("POST /shipments/".length(), call.length() - "/cancel".length())));
        } else if (call.startsWith("GET /parcels/") && call.endsWith("/documents/label")) {
            document(x, Long.parseLong(call.substring("GET /parcels/".length(), call.length() - "/documents/label".length())));
        } else errors(x, 404, "not_found", "Not found", null);
    }

    /** Two home-delivery options with quotes, and one that needs a service point. */
    private ObjectNode options() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"data":[
                 {"code":"postnl:standard","name":"PostNL Standard","carrier":{"code":"postnl","name":"PostNL"},
                  "product":{"code":"postnl:standard","name":"PostNL Standard"},
                  "contract":{"id":60,"client_id":"","carrier_code":"postnl","name":"PostNL Test"},
                  "requirements":{"fields":[],"export_documents":false,"is_service_point_required":false},
                  "charging_type":"label_creation",
                  "quotes":[{"weight":{"min":{"value":"0.001","unit":"kg"},"max":{"value":"23.001","unit":"kg"}},
                    "price":{"breakdown":[{"type":"price_without_insurance","label":"Label","price":{"value":"5.20","currency":"EUR"}}],
                             "total":{"value":"5.20","currency":"EUR"}},"lead_time":24}]},
                 {"code":"dhl:parcel/signature","name":"DHL Parcel + Signature","carrier":{"code":"dhl","name":"DHL"},
                  "product":{"code":"dhl:parcel","name":"DHL Parcel"},
                  "contract":{"id":61,"client_id":"","carrier_code":"dhl","name":"DHL Test"},
                  "requirements":{"fields":[],"export_documents":false,"is_service_point_required":false},
                  "charging_type":"label_creation",
                  "quotes":[{"price":{"breakdown":[],"total":{"value":"6.35","currency":"EUR"}},"lead_time":48}]},
                 {"code":"postnl:servicepoint","name":"PostNL Service Point","carrier":{"code":"postnl","name":"PostNL"},
                  "contract":{"id":60},"requirements":{"fields":[],"export_documents":false,"is_service_point_required":true},
                  "quotes":[{"price":{"total":{"value":"4.10","currency":"EUR"}},"lead_time":24}]}
                ]}""");
    }

    private void announce(HttpExchange x, JsonNode req) throws IOException {
        if (req.path("to_address").path("name").asText("").isBlank()) {
            errors(x, 400, "required", "This field is required.", "/to_address/name");
            return;
        }
        if (badPostalCodes.contains(req.path("to_address").path("postal_code").asText())) {
            errors(x, 400, "invalid", "Postal code is not valid for the destination country.", "/to_address/postal_code");
            return;
        }
        String ref = req.path("external_reference_id").asText(null);
        if (ref != null && byReference.containsKey(ref)) {
            ObjectNode conflict = JSON.createObjectNode();
            if (conflictCarriesShipment) conflict.set("data", shipments.get(byReference.get(ref)));
            else conflict.putArray("errors").addObject().put("status", "409").put("code", "conflict")
                    .put("detail", "A shipment with this external_reference_id already exists.");
            reply(x, 409, conflict);
            return;
        }
        String id = "0b0e6a4e-" + sequence.incrementAndGet();
        long parcelId = sequence.incrementAndGet();
        boolean refused = carrierFailures > 0;
        if (refused) carrierFailures--;
        ObjectNode s = JSON.createObjectNode();
        s.put("id", id);
        for (String f : List.of("label_details", "to_address", "from_address", "ship_with", "order_number", "reference", "external_reference_id"))
            if (req.has(f)) s.set(f, req.get(f).deepCopy());
        ObjectNode p = s.putArray("parcels").addObject();
        p.put("id", parcelId);
        p.set("weight", req.path("parcels").path(0).path("weight").deepCopy());
        ArrayNode errs = s.putArray("errors");
        if (refused) {
            p.putObject("status").put("code", "ANNOUNCEMENT_FAILED").put("message", "Announcement Failed");
            p.putArray("documents");
            p.put("tracking_number", "");
            errs.addObject().put("status", "500").put("code", "parcel_announcement_error")
                    .put("detail", "Service error: An error occurred while connecting to the carrier.");
        } else {
            announced.incrementAndGet();
            String tracking = "3SYZXG" + String.format("%07d", parcelId % 10_000_000);
            p.putObject("status").put("code", "READY_TO_SEND").put("message", "Ready to send");
            p.putArray("documents").addObject().put("type", "label").put("size", "a6")
                    .put("link", baseUrl() + "/parcels/" + parcelId + "/documents/label");
            p.put("tracking_number", tracking).put("tracking_url", "https://tracking.eu-central-1-0.sendcloud.sc/forward?code=" + tracking);
        }
        if (ref != null) byReference.put(ref, id);
        shipments.put(id, s);
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode data = s.deepCopy();
        if (!refused) // the synchronous answer of a single-parcel shipment carries the label itself
            ((ObjectNode) data.path("parcels").get(0)).put("label_file", Base64.getEncoder().encodeToString(
                    label(p.path("tracking_number").asText(), req.path("label_details").path("mime_type").asText("application/pdf"))));
        answer.set("data", data);
        switch (afterAnnounce) {
            case DROP_CONNECTION -> {
                afterAnnounce = AfterAnnounce.ANSWER;
                x.close(); // announced, but the caller never hears it
            }
            case STALL -> {
                afterAnnounce = AfterAnnounce.ANSWER;
                try {
                    Thread.sleep(stallMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(x, 201, answer);
            }
            default -> reply(x, 201, answer);
        }
    }

    private void cancel(HttpExchange x, ObjectNode s) throws IOException {
        if (s == null) {
            errors(x, 404, "not_found", "Not found", null);
            return;
        }
        ObjectNode status = (ObjectNode) s.path("parcels").get(0).path("status");
        if (status.path("code").asText().startsWith("CANCEL")) {
            errors(x, 409, "invalid", "This shipment is already being cancelled.", null);
            return;
        }
        status.put("code", "CANCELLED").put("message", "Cancelled");
        reply(x, 200, JSON.readTree("{\"data\":{\"status\":\"cancelled\",\"message\":\"Shipment has been cancelled\"}}"));
    }

    private void document(HttpExchange x, long parcelId) throws IOException {
        String tracking = shipments.values().stream().map(s -> s.path("parcels").get(0))
                .filter(p -> p.path("id").asLong() == parcelId).map(p -> p.path("tracking_number").asText()).findFirst().orElse(null);
        if (tracking == null) {
            errors(x, 404, "not_found", "No Parcel matches the given query.", null);
            return;
        }
        String accept = x.getRequestHeaders().getFirst("Accept");
        byte[] b = label(tracking, accept);
        x.getResponseHeaders().add("Content-Type", accept);
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static byte[] label(String tracking, String mimeType) {
        String s = mimeType.equals("application/zpl") ? "^XA^FO40,40^A0N,40,40^FDPostNL " + tracking + "^FS^XZ\n"
                : "%PDF-1.4\n% fake label " + tracking + "\n%%EOF\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String query(HttpExchange x, String name) {
        String raw = x.getRequestURI().getRawQuery();
        if (raw == null) return null;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private static void errors(HttpExchange x, int status, String code, String detail, String pointer) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putArray("errors").addObject().put("status", Integer.toString(status)).put("code", code).put("detail", detail);
        if (pointer != null) e.putObject("source").put("pointer", pointer);
        reply(x, status, body);
    }

    private static void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

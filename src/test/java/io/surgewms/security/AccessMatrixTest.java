package io.surgewms.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.surgewms.testsupport.Floor;
import io.surgewms.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, over the whole API as the OpenAPI document lists it: every operation must have a
 * row below (a new endpoint without one fails this test), and each row is tried anonymously, as each
 * role, and as a shop's key holding every scope. Not allowed: 401 anonymous, 403 signed in. Allowed:
 * anything but 401/403 (a made-up id answers 404, an empty body 400) and never a 5xx.
 */
@QuarkusTest
class AccessMatrixTest {

    /**
     * A ADMIN, S SUPERVISOR, K PICKER, P PACKER, H SHOP; a shop key's scopes: w orders:write, r orders:read,
     * s stock:read, p products:read; * public; @ anyone signed in; ~ a channel's webhook: public, but 401 for
     * anyone without the channel's signature (none of the callers here has it).
     */
    static final String RULES = """
            POST   /api/auth/login                        *
            POST   /api/auth/badge                        *
            POST   /api/auth/logout                       *
            GET    /api/auth/me                           @
            GET    /api/users                             A
            POST   /api/users                             A
            GET    /api/users/{username}                  A
            PUT    /api/users/{username}                  A
            GET    /api/api-keys                          A
            POST   /api/api-keys                          A
            DELETE /api/api-keys/{id}                     A
            GET    /api/audit                             A
            GET    /api/shops                             AS
            POST   /api/shops                             AS
            GET    /api/shops/{code}                      AS
            GET    /api/barcodes/{code}                   ASKP
            GET    /api/products                          ASKPHp
            POST   /api/products                          AS
            GET    /api/products/{id}                     ASKPHp
            PUT    /api/products/{id}                     AS
            POST   /api/products/import                   AS
            GET    /api/products/labels                   AS
            GET    /api/layouts                           ASKP
            POST   /api/layouts                           AS
            GET    /api/layouts/{zone}                    ASKP
            GET    /api/locations                         ASKP
            POST   /api/locations                         AS
            GET    /api/locations/{code}                  ASKP
            POST   /api/locations/import                  AS
            GET    /api/locations/labels                  AS
            POST   /api/inventory/receipts                AS
            POST   /api/inventory/adjustments             AS
            POST   /api/inventory/moves                   AS
            GET    /api/inventory/ledger                  AS
            GET    /api/inventory/reconciliation          AS
            POST   /api/counts                            AS
            GET    /api/counts                            AS
            POST   /api/counts/schedule                   AS
            POST   /api/counts/claim                      ASK
            GET    /api/counts/{id}                       ASK
            GET    /api/counts/{id}/review                AS
            POST   /api/counts/{id}/scan                  ASK
            POST   /api/counts/{id}/finish                ASK
            POST   /api/counts/{id}/release               ASK
            POST   /api/counts/{id}/approve               AS
            POST   /api/counts/{id}/recount               AS
            GET    /api/stock                             ASHs
            GET    /api/stock/atp/{shop}/{sku}            ASHs
            POST   /api/stock/import                      AS
            PUT    /api/pick-faces/{location}             AS
            GET    /api/pick-faces/{location}             AS
            GET    /api/replenishment/tasks               AS
            GET    /api/replenishment/tasks/{id}          AS
            POST   /api/replenishment/claim               ASK
            POST   /api/replenishment/tasks/{id}/scan     ASK
            POST   /api/replenishment/tasks/{id}/release  ASK
            POST   /api/replenishment/tasks/{id}/cancel   AS
            POST   /api/replenishment/sweep               AS
            GET    /api/channels/stock                    AS
            PUT    /api/channels/stock/buffer             AS
            POST   /api/orders                            ASw
            GET    /api/orders                            ASPHr
            POST   /api/orders/batch                      ASw
            GET    /api/orders/{id}                       ASPHr
            GET    /api/orders/{id}/events                ASPHr
            POST   /api/orders/{id}/cancel                ASw
            POST   /api/orders/import                     ASw
            GET    /api/orders/import/template            ASw
            POST   /api/channels/shopify/webhook          ~
            GET    /api/orders/{id}/returns               ASPHr
            POST   /api/channels/accounts                 A
            GET    /api/channels/accounts                 A
            PUT    /api/channels/accounts/{id}/skus       A
            PUT    /api/channels/accounts/{id}/access     A
            GET    /api/channels/webhooks                 AS
            GET    /api/channels/reconciliation           AS
            POST   /api/channels/reconciliation/{account} A
            POST   /api/channels/tiktok/webhook           ~
            POST   /api/returns                           ASw
            GET    /api/returns                           ASPHr
            GET    /api/returns/lookup                    ASP
            GET    /api/returns/{id}                      ASPHr
            POST   /api/returns/{id}/units                ASP
            POST   /api/returns/{id}/close                ASP
            GET    /api/returns/{id}/label                ASPHr
            POST   /api/waves                             AS
            GET    /api/waves                             AS
            GET    /api/waves/{id}                        AS
            POST   /api/waves/{id}/release                AS
            POST   /api/waves/{id}/priority               AS
            GET    /api/picking/policy                    AS
            PUT    /api/picking/policy                    AS
            GET    /api/picking/cutoffs                   AS
            PUT    /api/picking/cutoffs/{carrier}         AS
            DELETE /api/picking/cutoffs/{carrier}         AS
            POST   /api/picking/claim                     ASK
            GET    /api/picking/tasks/{id}                ASK
            POST   /api/picking/tasks/{id}/pause          ASK
            POST   /api/picking/tasks/{id}/resume         ASK
            POST   /api/picking/tasks/{id}/release        ASK
            POST   /api/picking/tasks/{id}/reassign       AS
            POST   /api/picking/tasks/{id}/short          ASK
            POST   /api/scans                             ASK
            POST   /api/packing/stations                  AS
            GET    /api/packing/stations/{station}        ASP
            GET    /api/packing/stations/{station}/events ASP
            POST   /api/packing/stations/{station}/open   ASP
            POST   /api/packing/stations/{station}/scan   ASP
            POST   /api/packing/stations/{station}/close  ASP
            GET    /api/packing/slips/{orderId}           ASP
            POST   /api/shipping/handover/{carrier}       AS
            GET    /api/shipping/manifests/{id}           AS
            POST   /api/shipping/accounts                 A
            GET    /api/shipping/accounts                 AS
            PUT    /api/shipping/accounts/{id}/credentials A
            PUT    /api/shipping/accounts/{id}/active     A
            GET    /api/shipping/rules/{shop}             AS
            PUT    /api/shipping/rules/{shop}             AS
            GET    /api/shipping/labels                   AS
            POST   /api/shipping/labels/{id}/retry        AS
            GET    /api/shipping/manifests/{id}/day-close AS
            GET    /api/shipping/day-close/{id}/document  AS
            GET    /api/orders/{id}/labels                ASPHr
            PUT    /api/orders/{id}/address               AS
            GET    /api/shipments/{id}/label              ASPHr
            POST   /api/shipments/{id}/reprint            ASP
            POST   /api/labels/batch                      AS
            GET    /api/print-jobs                        ASP
            GET    /api/print-jobs/{id}                   ASP
            POST   /api/print-jobs/{id}/retry             ASP
            POST   /api/print-jobs/{id}/reprint           ASP
            GET    /api/devices                           AS
            GET    /api/devices/{name}                    AS
            PUT    /api/devices/{name}                    AS
            DELETE /api/devices/{name}                    AS
            GET    /api/board                             AS
            GET    /api/board/events                      AS
            GET    /api/board/parcel                      AS
            GET    /api/analytics/hourly                  ASH
            GET    /api/analytics/hourly.csv              ASH
            GET    /api/analytics/breakdown               ASH
            GET    /api/analytics/breakdown.csv           ASH
            """;

    record Who(String token, Supplier<RequestSpecification> spec) {}

    @AfterEach
    void admin() {
        SignedIn.asAdmin();
    }

    static Map<String, String> rules() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : RULES.strip().split("\n")) {
            String[] p = line.trim().split("\\s+");
            m.put(p[0] + " " + p[1], p[2]);
        }
        return m;
    }

    @Test
    void shall_hold_every_operation_to_its_rule_for_every_role() {
        Floor f = new Floor();
        Map<String, String> rules = rules();
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        Set<String> listed = new TreeSet<>();
        List<String> unruled = new ArrayList<>(), unsecured = new ArrayList<>();
        for (var p : paths.entrySet())
            for (var op : p.getValue().entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) continue;
                String key = op.getKey().toUpperCase() + " " + p.getKey();
                listed.add(key);
                if (!rules.containsKey(key)) unruled.add(key);
                @SuppressWarnings("unchecked") Object security = ((Map<String, Object>) op.getValue()).get("security");
                if (!"*".equals(rules.get(key)) && !"~".equals(rules.get(key)) && (security == null || ((List<?>) security).isEmpty())) unsecured.add(key);
            }
        assertEquals(List.of(), unruled, "endpoints without a rule in this test: add one (and a @RolesAllowed)");
        assertEquals(List.of(), unsecured, "operations whose OpenAPI entry states no security");
        assertEquals(new TreeSet<>(rules.keySet()), listed, "rules for endpoints that no longer exist");

        Map<String, Who> who = new LinkedHashMap<>();
        who.put("anonymous", new Who("", () -> given()));
        for (String[] r : new String[][] {{"A", "ADMIN"}, {"S", "SUPERVISOR"}, {"K", "PICKER"}, {"P", "PACKER"}, {"H", "SHOP"}}) {
            Accounts.Session s = r[1].equals("SHOP") ? Accounts.as("SHOP", f.shop) : Accounts.as(r[1]);
            who.put(r[1], new Who(r[0], s::as));
        }
        String key = Accounts.shopKey(f.shop, "orders:write", "orders:read", "stock:read", "products:read");
        who.put("shop key", new Who("wrsp", () -> given().header("Authorization", "Bearer " + key)));

        SignedIn.anonymous();
        List<String> wrong = new ArrayList<>();
        for (var rule : rules.entrySet()) {
            String method = rule.getKey().split(" ")[0], template = rule.getKey().split(" ")[1], allowed = rule.getValue();
            if (template.equals("/api/auth/logout")) continue; // would end the sessions under test; public anyway
            String path = concrete(template, f.shop);
            for (var w : who.entrySet()) {
                boolean anonymous = w.getValue().token().isEmpty();
                boolean ok = allowed.equals("*") || (allowed.equals("@") && !anonymous)
                        || w.getValue().token().chars().anyMatch(c -> allowed.indexOf(c) >= 0);
                RequestSpecification req = w.getValue().spec().get().redirects().follow(false);
                // CSV-only imports are sent CSV: a wrong content type is refused (415) before anyone is asked who they are.
                if (template.equals("/api/locations/import") || template.equals("/api/orders/import")) req = req.contentType("text/csv").body("");
                else if (method.equals("POST") || method.equals("PUT")) req = req.contentType(ContentType.JSON).body(body(template));
                int status = req.request(method, path).statusCode();
                String expected = allowed.equals("~") ? "401" : ok ? "not 401/403, not 5xx" : anonymous ? "401" : "403";
                boolean right = allowed.equals("~") ? status == 401 : ok ? status != 401 && status != 403 && status < 500 : status == (anonymous ? 401 : 403);
                if (!right) wrong.add(rule.getKey() + " as " + w.getKey() + ": " + status + ", expected " + expected);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shall_send_a_browser_to_sign_in_and_keep_each_role_on_its_pages() {
        Floor f = new Floor();
        Accounts.Session picker = Accounts.as("PICKER"), supervisor = Accounts.as("SUPERVISOR"), seller = Accounts.as("SHOP", f.shop);
        SignedIn.anonymous();
        for (String page : List.of("/floor/pick", "/floor/pack", "/floor/count", "/floor/replenish", "/floor/returns", "/board", "/board/analytics")) {
            String location = given().redirects().follow(false).accept("text/html").get(page).then().statusCode(302).extract().header("Location");
            assertTrue(location.startsWith("/login?next="), page + " → " + location);
        }
        given().accept("*/*").get("/api/orders").then().statusCode(401).contentType("application/problem+json");
        picker.as().accept("text/html").get("/floor/pick").then().statusCode(200);
        picker.as().accept("text/html").get("/floor/count").then().statusCode(200);
        seller.as().accept("text/html").get("/floor/count").then().statusCode(403);
        picker.as().accept("text/html").get("/floor/replenish").then().statusCode(200);
        seller.as().accept("text/html").get("/floor/replenish").then().statusCode(403);
        picker.as().accept("text/html").get("/board").then().statusCode(403);
        supervisor.as().accept("text/html").get("/board").then().statusCode(200);
        supervisor.as().accept("text/html").get("/floor/pack").then().statusCode(200);
        seller.as().accept("text/html").get("/board/analytics").then().statusCode(200);
        seller.as().accept("text/html").get("/floor/pick").then().statusCode(403);
        supervisor.as().accept("text/html").get("/floor/returns").then().statusCode(200);
        picker.as().accept("text/html").get("/floor/returns").then().statusCode(403);
    }

    /** Path parameters that name nothing (or, for the seller's stock, the seller's own shop). */
    static String concrete(String template, String shop) {
        String p = template.replace("{shop}", shop).replace("{sku}", "NO-SUCH-SKU").replace("{username}", "nobody-404")
                .replace("{name}", "NO-SUCH-DEVICE").replace("{station}", "NO-SUCH-STATION").replace("{carrier}", "ZZ-NONE")
                .replace("{zone}", "ZZNONE").replace("{code}", "ZZ-NONE-404").replaceAll("\\{[a-zA-Z]+}", "999999999");
        // Streams answer 404 for unknown shops instead of staying open; the board's parcel search wants a ref.
        if (template.equals("/api/board/events")) return p + "?shop=no-such-shop";
        if (template.equals("/api/board/parcel")) return p + "?ref=NO-SUCH-PARCEL";
        return p;
    }

    /** Bodies that cannot change anything: empty objects, or a wave asked for a shop that does not exist. */
    static Object body(String template) {
        if (template.equals("/api/waves") || template.equals("/api/counts/schedule")) return Map.of("shop", "no-such-shop");
        if (template.endsWith("/import") || template.equals("/api/labels/batch")) return List.of();
        return Map.of();
    }
}

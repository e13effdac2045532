package io.surgewms.shipping.sendcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Labels bought through Sendcloud's Shipments API v3 (never v2's parcels, closed to accounts created since
 * April 2026). Rates are v3 shipping options with quotes; buying announces a single-parcel shipment
 * synchronously, the label (ZPL or PDF) coming back in the answer's {@code label_file}; voiding cancels the
 * shipment. Sendcloud v3 has no manifest, so the day closes with {@link io.surgewms.shipping.spi.DayClose#none()}
 * (the default), and no address check is made here.
 *
 * <p>Idempotency: every announcement carries the parcel key as {@code external_reference_id}, which v3 keeps
 * unique per user and answers with 409 and the existing shipment when used again. A repeat buy therefore
 * answers the shipment already announced (its label fetched from the parcel documents). A shipment whose
 * announcement failed keeps its reference, so a later attempt announces under {@code <key>~2},
 * {@code <key>~3}... after walking the earlier ones.
 *
 * <p>Account options: {@code contractId} (only this contract's options), {@code carrierCode}, {@code timeoutMs},
 * {@code labelDpi} (PDF labels, 300 by default).
 */
@ApplicationScoped
public class SendcloudProvider implements CarrierProvider {

    private static final Logger LOG = Logger.getLogger(SendcloudProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** References tried for one parcel: a parcel whose announcement fails this often needs a person. */
    static final int MAX_ANNOUNCEMENTS = 10;
    /** Countries whose carriers need state_province_code, per v3's address object. */
    private static final Set<String> STATE_COUNTRIES = Set.of("US", "CA", "IT", "AU");

    @Override
    public String code() {
        return "sendcloud";
    }

    @Override
    public List<Rate> rates(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        SendcloudClient client = new SendcloudClient(account);
        ObjectNode body = JSON.createObjectNode();
        body.put("from_country_code", parcel.from().country());
        body.put("to_country_code", parcel.to().country());
        putIf(body, "from_postal_code", parcel.from().postalCode());
        putIf(body, "to_postal_code", parcel.to().postalCode());
        body.set("parcels", JSON.createArrayNode().add(measures(parcel)));
        String contract = account.option("contractId", "");
        if (!contract.isBlank()) {
            if (!contract.trim().matches("\\d{1,18}"))
                throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: account " + account.accountId()
                        + " option contractId is not a number: " + contract);
            body.put("contract_id", Long.parseLong(contract.trim()));
        }
        putIf(body, "carrier_code", account.option("carrierCode", ""));
        body.put("calculate_quotes", true);
        JsonNode answer = client.post("/shipping-options", body);

        List<Rate> rates = new ArrayList<>();
        for (JsonNode option : answer.path("data")) {
            // A service point is chosen by the buyer at checkout; Surge ships to the door, so those options are out.
            if (option.path("requirements").path("is_service_point_required").asBoolean(false)) continue;
            JsonNode quote = firstPriced(option.path("quotes"));
            if (quote == null) continue;
            JsonNode total = quote.path("price").path("total");
            String currency = total.path("currency").asText("EUR");
            JsonNode lead = quote.path("lead_time");
            Integer days = lead.isNumber() ? (int) Math.ceil(lead.asDouble() / 24.0) : null;
            String code = option.path("code").asText();
            JsonNode contractId = option.path("contract").path("id");
            rates.add(new Rate(option.path("carrier").path("code").asText(), code, cents(total.path("value").asText(), currency),
                    currency, days, null, RateRef.format(code, contractId.isNumber() ? contractId.asLong() : null), null));
        }
        if (rates.isEmpty())
            throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: no priced shipping option for parcel "
                    + parcel.key() + " (" + parcel.from().country() + " → " + parcel.to().country() + ", " + parcel.weightG() + " g)");
        return rates;
    }

    @Override
    public BoughtLabel buy(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        SendcloudClient client = new SendcloudClient(account);
        String option = rate.rateRef() != null ? rate.rateRef() : rate.service();
        if (option == null || option.isBlank())
            throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: rate of parcel " + parcel.key()
                    + " names no shipping option: quote it again");
        RateRef ref = RateRef.parse(option);
        for (int attempt = 1; attempt <= MAX_ANNOUNCEMENTS; attempt++) {
            String reference = attempt == 1 ? parcel.key() : parcel.key() + "~" + attempt;
            SendcloudClient.Answer answer = client.post("/shipments/announce", announcement(account, parcel, ref, reference), 409);
            if (answer.status() == 409) {
                JsonNode existing = existing(client, answer.body(), reference);
                switch (SendcloudShipment.state(existing)) {
                    case FAILED -> { continue; } // an earlier attempt failed at the carrier: the next reference
                    case CANCELLED -> throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: shipment "
                            + existing.path("id").asText() + " of parcel " + parcel.key() + " was cancelled; a new label needs a new parcel version");
                    case ANNOUNCING -> throw stillAnnouncing(existing, parcel);
                    case READY -> {
                        LOG.infof("sendcloud: parcel %s was already announced as shipment %s; answering its label",
                                parcel.key(), existing.path("id").asText());
                        return label(client, account, existing, parcel.format(), rate);
                    }
                }
            }
            JsonNode shipment = answer.body().path("data");
            switch (SendcloudShipment.state(shipment)) {
                case READY -> { return label(client, account, shipment, parcel.format(), rate); }
                case ANNOUNCING -> throw stillAnnouncing(shipment, parcel);
                default -> throw SendcloudShipment.failure(shipment, parcel.key());
            }
        }
        throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: parcel " + parcel.key() + " failed to announce "
                + MAX_ANNOUNCEMENTS + " times; see its shipments in Sendcloud");
    }

    @Override
    public void voidLabel(CarrierCredentials account, BoughtLabel label) throws CarrierException {
        SendcloudClient client = new SendcloudClient(account);
        String path = "/shipments/" + URLEncoder.encode(label.providerRef(), StandardCharsets.UTF_8);
        // 200 cancelled, 202 queued (v3 cancels a ready-to-send shipment within 14 days); 409 refused.
        SendcloudClient.Answer answer = client.post(path + "/cancel", null, 409);
        if (answer.status() != 409) return;
        // A repeat void (the first answer lost) meets 409 "already being cancelled": that is success.
        if (SendcloudShipment.state(client.get(path).path("data")) == SendcloudShipment.State.CANCELLED) return;
        throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: cancel of shipment " + label.providerRef()
                + " (tracking " + label.trackingNumber() + ") refused: " + SendcloudClient.describe(answer.body().path("errors")));
    }

    /** The shipment a 409 speaks of: in the answer where v3 returns it, else looked up by the reference. */
    private static JsonNode existing(SendcloudClient client, JsonNode conflict, String reference) throws CarrierException {
        JsonNode inAnswer = conflict.has("data") ? conflict.path("data") : conflict;
        if (inAnswer.isObject() && inAnswer.hasNonNull("id") && inAnswer.path("parcels").isArray()) return inAnswer;
        JsonNode found = client.get("/shipments?" + SendcloudClient.query("external_reference_id", reference)).path("data");
        if (found.isArray() && !found.isEmpty()) return found.get(0);
        throw new CarrierException(CarrierException.Kind.REJECTED, "sendcloud: reference " + reference
                + " is taken (409) but no shipment carries it: " + SendcloudClient.describe(conflict.path("errors")));
    }

    private static CarrierException stillAnnouncing(JsonNode shipment, ParcelSpec parcel) {
        return new CarrierException(CarrierException.Kind.UNAVAILABLE, "sendcloud: shipment " + shipment.path("id").asText()
                + " of parcel " + parcel.key() + " is still being announced to the carrier; asking again answers its label");
    }

    private static BoughtLabel label(SendcloudClient client, CarrierCredentials account, JsonNode shipment, LabelFormat format,
                                     Rate rate) throws CarrierException {
        JsonNode parcel = shipment.path("parcels").get(0);
        String file = parcel.path("label_file").asText("");
        byte[] label = !file.isBlank() ? Base64.getMimeDecoder().decode(file)
                : client.document(parcel.path("id").asLong(), "label", format, format == LabelFormat.PDF ? dpi(account) : null);
        return new BoughtLabel(shipment.path("id").asText(), parcel.path("tracking_number").asText(), rate.carrier(),
                rate.service(), rate.costCents(), rate.currency(), format, label, parcel.path("tracking_url").asText(null));
    }

    private static ObjectNode announcement(CarrierCredentials account, ParcelSpec p, RateRef ref, String reference) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode label = body.putObject("label_details");
        label.put("mime_type", SendcloudClient.mimeType(p.format()));
        if (p.format() == LabelFormat.PDF) label.put("dpi", dpi(account)); // ZPL's resolution is the carrier's
        body.set("to_address", address(p.to()));
        body.set("from_address", address(p.from()));
        ObjectNode with = body.putObject("ship_with");
        with.put("type", "shipping_option_code");
        ObjectNode props = with.putObject("properties");
        props.put("shipping_option_code", ref.code());
        if (ref.contractId() != null) props.put("contract_id", ref.contractId());
        putIf(body, "order_number", p.orderReference());
        body.put("reference", p.key());
        body.put("external_reference_id", reference);
        ObjectNode parcel = measures(p);
        if (!p.items().isEmpty()) {
            ArrayNode items = parcel.putArray("parcel_items");
            for (ParcelSpec.Item i : p.items()) {
                ObjectNode item = items.addObject();
                putIf(item, "description", i.name() != null ? i.name() : i.sku());
                item.put("quantity", i.quantity());
                item.putObject("weight").put("value", BigDecimal.valueOf(Math.max(i.weightG(), 0), 3).doubleValue()).put("unit", "kg");
                putIf(item, "sku", i.sku());
            }
        }
        body.putArray("parcels").add(parcel);
        return body;
    }

    /** Weight in kg (three decimals) and, when the carton is known, dimensions in cm. */
    private static ObjectNode measures(ParcelSpec p) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("weight").put("value", BigDecimal.valueOf(Math.max(p.weightG(), 1), 3).toPlainString()).put("unit", "kg");
        if (p.lengthMm() != null && p.widthMm() != null && p.heightMm() != null) {
            ObjectNode d = n.putObject("dimensions");
            d.put("length", BigDecimal.valueOf(p.lengthMm(), 1).toPlainString());
            d.put("width", BigDecimal.valueOf(p.widthMm(), 1).toPlainString());
            d.put("height", BigDecimal.valueOf(p.heightMm(), 1).toPlainString());
            d.put("unit", "cm");
        }
        return n;
    }

    static ObjectNode address(Address a) {
        ObjectNode n = JSON.createObjectNode();
        putIf(n, "name", a.name());
        putIf(n, "company_name", a.company());
        putIf(n, "address_line_1", a.line(1));
        List<String> rest = a.lines().size() > 1 ? a.lines().subList(1, a.lines().size()) : List.of();
        if (!rest.isEmpty()) n.put("address_line_2", String.join(", ", rest));
        putIf(n, "postal_code", a.postalCode());
        putIf(n, "city", a.city());
        String region = a.region();
        if (region != null && !region.isBlank() && a.country() != null && STATE_COUNTRIES.contains(a.country().toUpperCase()))
            n.put("state_province_code", region.contains("-") ? region : a.country().toUpperCase() + "-" + region); // ISO 3166-2
        putIf(n, "country_code", a.country());
        putIf(n, "email", a.email());
        putIf(n, "phone_number", a.phone());
        return n;
    }

    private static int dpi(CarrierCredentials account) {
        try {
            return Integer.parseInt(account.option("labelDpi", "300").trim());
        } catch (NumberFormatException e) {
            return 300;
        }
    }

    private static JsonNode firstPriced(JsonNode quotes) {
        for (JsonNode q : quotes) if (!q.path("price").path("total").path("value").asText("").isBlank()) return q;
        return null;
    }

    static long cents(String amount, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException ignored) { // an unknown code: assume cents
        }
        return new BigDecimal(amount).movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) n.put(field, value);
    }
}

package io.surgewms.shipping.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.shipping.spi.Address;
import io.surgewms.shipping.spi.AddressVerdict;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.DayClose;
import io.surgewms.shipping.spi.LabelFormat;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Labels bought through EasyPost. A quote is an EasyPost shipment (to, from, parcel in oz and inches, label
 * format, our parcel key as its {@code reference}) with the carriers' rates on it; buying a rate buys that
 * shipment's postage. The shipment id travels as {@link Rate#quoteRef()}, so a second buy of the same quote
 * (after a crash or a lost answer) meets EasyPost's refusal to buy postage twice and answers the label
 * the shipment already has. Voiding is EasyPost's refund; the day closes with a batch and its scan form.
 *
 * <p>Account options: {@code carrierAccounts} (comma-separated EasyPost carrier account ids, else all the
 * account's carriers), {@code verifyStrict} (true: the ship-to address must pass EasyPost's verification
 * before a quote), {@code timeoutMs}, {@code pollIntervalMs} and {@code pollAttempts} (scan forms).
 */
@ApplicationScoped
public class EasyPostProvider implements CarrierProvider {

    private static final Logger LOG = Logger.getLogger(EasyPostProvider.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final double GRAMS_PER_OUNCE = 28.349523125;
    private static final double MM_PER_INCH = 25.4;

    @Override
    public String code() {
        return "easypost";
    }

    @Override
    public List<Rate> rates(CarrierCredentials account, ParcelSpec parcel) throws CarrierException {
        EasyPostClient client = new EasyPostClient(account);
        ObjectNode shipment = JSON.createObjectNode();
        if (Boolean.parseBoolean(account.option("verifyStrict", "false"))) {
            // A verified address is created first and the shipment points at it: an address EasyPost cannot
            // deliver to fails here as ADDRESS.VERIFY.FAILURE, before anything is quoted or bought.
            JsonNode verified = client.post("/addresses", addressRequest(parcel.to(), "verify_strict"));
            shipment.putObject("to_address").put("id", verified.path("id").asText());
        } else {
            shipment.set("to_address", address(parcel.to()));
        }
        shipment.set("from_address", address(parcel.from()));
        shipment.set("parcel", parcel(parcel));
        shipment.put("reference", parcel.key());
        shipment.putObject("options").put("label_format", parcel.format() == LabelFormat.ZPL ? "ZPL" : "PDF");
        String carrierAccounts = account.option("carrierAccounts", "");
        if (!carrierAccounts.isBlank()) {
            var ids = shipment.putArray("carrier_accounts");
            for (String id : carrierAccounts.split(",")) if (!id.isBlank()) ids.add(id.trim());
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("shipment", shipment);
        JsonNode created = client.post("/shipments", body);

        String shipmentId = created.path("id").asText();
        List<Rate> rates = new ArrayList<>();
        for (JsonNode r : created.path("rates")) {
            rates.add(new Rate(r.path("carrier").asText(), r.path("service").asText(),
                    cents(r.path("rate").asText("0"), r.path("currency").asText("USD")), r.path("currency").asText("USD"),
                    r.path("delivery_days").isNumber() ? r.path("delivery_days").asInt() : null,
                    instant(r.path("delivery_date").asText(null)), r.path("id").asText(), shipmentId));
        }
        if (rates.isEmpty())
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: no rate for parcel " + parcel.key()
                    + " (shipment " + shipmentId + ")" + carrierMessages(created));
        return rates;
    }

    @Override
    public BoughtLabel buy(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        if (rate.quoteRef() == null || rate.rateRef() == null)
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: rate of parcel " + parcel.key()
                    + " has no shipment id or rate id: quote it again");
        EasyPostClient client = new EasyPostClient(account);
        String path = "/shipments/" + rate.quoteRef();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("rate").put("id", rate.rateRef());
        JsonNode shipment;
        try {
            shipment = client.post(path + "/buy", body);
        } catch (CarrierException refused) {
            if (refused.kind() != CarrierException.Kind.REJECTED) throw refused;
            // EasyPost buys a shipment's postage once; a repeat (our first answer was lost) is refused.
            // The shipment then already holds the label we paid for: that is the answer.
            shipment = client.get(path);
            if (shipment.path("postage_label").isNull() || shipment.path("postage_label").isMissingNode()) throw refused;
            ownedBy(shipment, parcel);
            LOG.infof("easypost: shipment %s of parcel %s was already bought; answering its label", rate.quoteRef(), parcel.key());
        }
        ownedBy(shipment, parcel);
        return label(client, shipment, parcel.format());
    }

    /** The label of the quoted shipment if EasyPost sold it (its postage label exists), else null. */
    @Override
    public BoughtLabel sold(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        if (rate.quoteRef() == null) return null;
        EasyPostClient client = new EasyPostClient(account);
        JsonNode shipment = client.get("/shipments/" + rate.quoteRef());
        if (shipment.path("postage_label").isNull() || shipment.path("postage_label").isMissingNode()) return null;
        ownedBy(shipment, parcel);
        return label(client, shipment, parcel.format());
    }

    /** A quote is bought for the parcel it was made for: the shipment's reference is that parcel's key. */
    private static void ownedBy(JsonNode shipment, ParcelSpec parcel) throws CarrierException {
        String reference = shipment.path("reference").asText(null);
        if (reference != null && !reference.equals(parcel.key()))
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: shipment " + shipment.path("id").asText()
                    + " belongs to parcel " + reference + ", not " + parcel.key());
    }

    /** The bought label of a shipment, its bytes fetched in the station's format (converted by EasyPost if need be). */
    private BoughtLabel label(EasyPostClient client, JsonNode shipment, LabelFormat format) throws CarrierException {
        String id = shipment.path("id").asText();
        String url = labelUrl(shipment.path("postage_label"), format);
        if (url == null) {
            // Bought in another format (a PNG default): EasyPost converts a bought label on request.
            shipment = client.get("/shipments/" + id + "/label?file_format=" + format.name());
            url = labelUrl(shipment.path("postage_label"), format);
            if (url == null)
                throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: shipment " + id + " has no " + format + " label");
        }
        JsonNode selected = shipment.path("selected_rate");
        String currency = selected.path("currency").asText("USD");
        return new BoughtLabel(id, shipment.path("tracking_code").asText(), selected.path("carrier").asText(null),
                selected.path("service").asText(null), cents(selected.path("rate").asText("0"), currency), currency, format,
                client.download(url), shipment.path("tracker").path("public_url").asText(null));
    }

    private static String labelUrl(JsonNode postage, LabelFormat format) {
        String specific = postage.path(format == LabelFormat.ZPL ? "label_zpl_url" : "label_pdf_url").asText("");
        if (!specific.isBlank()) return specific;
        String type = postage.path("label_file_type").asText("").toLowerCase();
        boolean same = format == LabelFormat.ZPL ? type.contains("zpl") : type.contains("pdf");
        String general = postage.path("label_url").asText("");
        return same && !general.isBlank() ? general : null;
    }

    @Override
    public void voidLabel(CarrierCredentials account, BoughtLabel label) throws CarrierException {
        EasyPostClient client = new EasyPostClient(account);
        String path = "/shipments/" + label.providerRef();
        JsonNode shipment;
        try {
            shipment = client.post(path + "/refund", null);
        } catch (CarrierException refused) {
            if (refused.kind() != CarrierException.Kind.REJECTED) throw refused;
            shipment = client.get(path); // refunded before (a repeat void): EasyPost may refuse the second request
            if (!refundAccepted(shipment.path("refund_status").asText(""))) throw refused;
        }
        String status = shipment.path("refund_status").asText("");
        if (!refundAccepted(status))
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: refund of shipment " + label.providerRef()
                    + " (tracking " + label.trackingNumber() + ") " + (status.isEmpty() ? "not recorded" : status)
                    + ": the carrier refused it; a rejected refund may be asked again");
    }

    /** submitted and refunded are on their way; not_applicable is a bill-on-scan label, charged only if scanned. */
    private static boolean refundAccepted(String status) {
        return status.equals("submitted") || status.equals("refunded") || status.equals("not_applicable");
    }

    @Override
    public DayClose closeDay(CarrierCredentials account, List<BoughtLabel> labels) throws CarrierException {
        if (labels.isEmpty()) return DayClose.none();
        return new EasyPostScanForms(new EasyPostClient(account), account).close(labels);
    }

    @Override
    public AddressVerdict verify(CarrierCredentials account, Address to) throws CarrierException {
        JsonNode answer = new EasyPostClient(account).post("/addresses", addressRequest(to, "verify"));
        JsonNode delivery = answer.path("verifications").path("delivery");
        if (delivery.isMissingNode() || delivery.isNull()) return AddressVerdict.unchecked();
        List<String> messages = new ArrayList<>();
        for (JsonNode e : delivery.path("errors")) {
            String field = e.path("field").asText("");
            messages.add((field.isEmpty() || field.equals("address") ? "" : field + ": ") + e.path("message").asText());
        }
        boolean deliverable = delivery.path("success").asBoolean(false);
        return new AddressVerdict(true, deliverable, messages, deliverable ? fromEasyPost(answer, to) : null);
    }

    /** POST /addresses with verification: {"address": {...}, "verify": true} (or verify_strict). */
    private static ObjectNode addressRequest(Address a, String verification) {
        ObjectNode body = JSON.createObjectNode();
        body.set("address", address(a));
        body.put(verification, true);
        return body;
    }

    static ObjectNode address(Address a) {
        ObjectNode n = JSON.createObjectNode();
        putIf(n, "name", a.name());
        putIf(n, "company", a.company());
        putIf(n, "street1", a.line(1));
        List<String> rest = a.lines().size() > 1 ? a.lines().subList(1, a.lines().size()) : List.of();
        if (!rest.isEmpty()) n.put("street2", String.join(", ", rest));
        putIf(n, "city", a.city());
        putIf(n, "state", a.region());
        putIf(n, "zip", a.postalCode());
        putIf(n, "country", a.country());
        putIf(n, "phone", a.phone());
        putIf(n, "email", a.email());
        return n;
    }

    /** EasyPost's corrected address (upper case, ZIP+4), with what it does not return kept from ours. */
    private static Address fromEasyPost(JsonNode n, Address ours) {
        List<String> lines = new ArrayList<>();
        if (!n.path("street1").asText("").isBlank()) lines.add(n.path("street1").asText());
        if (!n.path("street2").asText("").isBlank()) lines.add(n.path("street2").asText());
        return new Address(n.path("name").asText(ours.name()), n.path("company").asText(ours.company()), lines,
                n.path("city").asText(ours.city()), n.path("state").asText(ours.region()), n.path("zip").asText(ours.postalCode()),
                n.path("country").asText(ours.country()), ours.phone(), ours.email());
    }

    /** Weight in ounces and dimensions in inches, to a tenth as EasyPost takes them. */
    static ObjectNode parcel(ParcelSpec p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("weight", tenth(Math.max(p.weightG(), 1) / GRAMS_PER_OUNCE));
        if (p.lengthMm() != null && p.widthMm() != null && p.heightMm() != null) {
            n.put("length", tenth(p.lengthMm() / MM_PER_INCH));
            n.put("width", tenth(p.widthMm() / MM_PER_INCH));
            n.put("height", tenth(p.heightMm() / MM_PER_INCH));
        }
        return n;
    }

    private static double tenth(double v) {
        return Math.max(0.1, BigDecimal.valueOf(v).setScale(1, RoundingMode.UP).doubleValue());
    }

    private static String carrierMessages(JsonNode shipment) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : shipment.path("messages")) out.add(m.path("carrier").asText("?") + ": " + m.path("message").asText());
        return out.isEmpty() ? "" : ": " + String.join("; ", out);
    }

    /** "5.93" USD → 593; minor units as the currency has them. */
    static long cents(String amount, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException ignored) { // an unknown code: assume cents
        }
        return new BigDecimal(amount.isBlank() ? "0" : amount).movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) return null;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) n.put(field, value);
    }
}

package io.surgewms.labels;

import io.surgewms.barcode.Sscc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The printed strings of a shipping label, made once so ZPL and PDF say exactly the same thing.
 * A null value means "not on this label" (the template drops that line).
 */
final class LabelText {
    private LabelText() {}

    /** The ship-to street lines, in order: a long one wraps into a free one below it. */
    static final List<String> SHIP_TO_LINES = List.of("shipToLine1", "shipToLine2", "shipToLine3");

    /**
     * The values with the ship-to street lines wrapped into the free ones, as far as the template has those fields.
     * @param field the test whether a text fits the field of that name at the template's size; null: no such field
     */
    static Map<String, String> wrapShipTo(Map<String, String> values, Function<String, Predicate<String>> field) {
        List<String> keys = new ArrayList<>();
        List<Predicate<String>> fits = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        for (String k : SHIP_TO_LINES) {
            Predicate<String> f = field.apply(k);
            if (f == null) continue;
            keys.add(k);
            fits.add(f);
            slots.add(values.get(k));
        }
        List<String> wrapped = LineWrap.wrap(slots, (i, t) -> fits.get(i).test(t));
        if (wrapped == slots) return values;
        Map<String, String> out = new HashMap<>(values);
        for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), wrapped.get(i));
        return out;
    }

    static Map<String, String> of(ShippingLabel l) {
        Map<String, String> m = new HashMap<>();
        ShippingLabel.Address from = l.shipFrom(), to = l.shipTo();
        m.put("shipFromName", clean(from.name()));
        m.put("shipFromLine1", line(from.lines(), 0));
        m.put("shipFromLine2", line(from.lines(), 1));
        m.put("shipFromCityLine", join(cityLine(from), clean(from.country())));
        m.put("carrier", clean(l.carrier()).toUpperCase(Locale.ROOT));
        m.put("service", clean(l.service()));
        m.put("shipToName", clean(to.name()));
        m.put("shipToCompany", clean(to.company()));
        m.put("shipToLine1", line(to.lines(), 0));
        m.put("shipToLine2", line(to.lines(), 1));
        m.put("shipToLine3", line(to.lines(), 2));
        m.put("shipToCityLine", cityLine(to));
        m.put("shipToCountry", upper(clean(to.country())));
        m.put("orderLine", "Order " + clean(l.orderReference()));
        m.put("shopLine", l.shop() == null || l.shop().isBlank() ? null : "Shop " + clean(l.shop()));
        m.put("weightLine", weight(l.weightGrams()));
        m.put("parcelLine", "Parcel " + l.parcelNumber() + " of " + l.parcelCount());
        m.put("qrPayload", l.twoDPayload());
        m.put("trackingNumber", l.trackingNumber());
        m.put("sscc", l.sscc());
        m.put("ssccText", Sscc.humanReadable(l.sscc(), l.ssccPrefixLength()));
        return m;
    }

    /** "POSTAL City REGION", the order most carriers sort by; blank parts vanish. */
    private static String cityLine(ShippingLabel.Address a) {
        return join(clean(a.postalCode()), clean(a.city()), clean(a.region()));
    }

    private static String line(List<String> lines, int i) {
        return i < lines.size() ? clean(lines.get(i)) : null;
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) if (p != null && !p.isEmpty()) sb.append(sb.isEmpty() ? "" : " ").append(p);
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** "Weight 1.25 kg": grams rounded half up to 10 g, as %.2f did, without a Formatter per label. */
    static String weight(int grams) {
        long centiKg = (grams + 5L) / 10;
        long frac = centiKg % 100;
        return "Weight " + centiKg / 100 + (frac < 10 ? ".0" : ".") + frac + " kg";
    }

    private static final Pattern CONTROLS = Pattern.compile("\\p{Cntrl}+"), SPACES = Pattern.compile(" {2,}");

    /** Control characters (a pasted newline or tab) would break a printed line: they become spaces. */
    static String clean(String s) {
        if (s == null) return null;
        String t = ordinary(s) ? s.strip() : SPACES.matcher(CONTROLS.matcher(s).replaceAll(" ").strip()).replaceAll(" ");
        return t.isEmpty() ? null : t;
    }

    /** No control characters and no double spaces: the usual case, which needs no regex. */
    private static boolean ordinary(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ')) return false;
        }
        return true;
    }
}

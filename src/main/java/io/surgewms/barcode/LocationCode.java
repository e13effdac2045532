package io.surgewms.barcode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rack location code {@code ZONE-AA-BB-L}: zone of 1–3 capital letters, aisle and bay as two
 * digits with leading zeros, level as one digit, all numbers 1 or more (e.g. {@code A-03-12-2}).
 * Totes, carts, staging lanes and docks carry free codes instead ({@code TOTE-0001}, {@code STAGE-1}):
 * 2–32 of A–Z 0–9 and '-', starting and ending with a letter or digit.
 */
public record LocationCode(String zone, int aisle, int bay, int level) {

    private static final Pattern RACK = Pattern.compile("([A-Z]{1,3})-(\\d{2})-(\\d{2})-(\\d)");
    /** Shaped like a rack code; such a code must be a valid one, so a typo like A-3-12-2 is not taken as free. */
    private static final Pattern RACK_SHAPED = Pattern.compile("[A-Z]+-\\d+-\\d+-\\d+");
    private static final Pattern FREE = Pattern.compile("[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])");

    public LocationCode {
        if (zone == null || !zone.matches("[A-Z]{1,3}")) throw new IllegalArgumentException("zone must be 1-3 capital letters");
        if (aisle < 1 || aisle > 99) throw new IllegalArgumentException("aisle must be 1..99");
        if (bay < 1 || bay > 99) throw new IllegalArgumentException("bay must be 1..99");
        if (level < 1 || level > 9) throw new IllegalArgumentException("level must be 1..9");
    }

    /** The rack code a string names, or null when it is not one (free codes included). */
    public static LocationCode parse(String code) {
        if (code == null) return null;
        Matcher m = RACK.matcher(code);
        if (!m.matches()) return null;
        int aisle = Integer.parseInt(m.group(2)), bay = Integer.parseInt(m.group(3)), level = Integer.parseInt(m.group(4));
        if (aisle < 1 || bay < 1 || level < 1) return null;
        return new LocationCode(m.group(1), aisle, bay, level);
    }

    public static String format(String zone, int aisle, int bay, int level) {
        return new LocationCode(zone, aisle, bay, level).toCode();
    }

    public String toCode() {
        return String.format("%s-%02d-%02d-%d", zone, aisle, bay, level);
    }

    /** True for a valid rack code or a valid free code: what a scan path may treat as a location. */
    public static boolean isPlausibleLocation(String code) {
        return problemWith(code) == null;
    }

    public static boolean isRackCode(String code) {
        return parse(code) != null;
    }

    /** Why a string cannot be a location code, or null when it can. */
    public static String problemWith(String code) {
        if (code == null || code.isEmpty()) return "must not be empty";
        if (RACK_SHAPED.matcher(code).matches()) {
            return parse(code) != null ? null
                    : "rack codes are ZONE-AA-BB-L: zone 1-3 letters, aisle and bay two digits, level one digit, each 1 or more";
        }
        if (code.length() < 2 || code.length() > 32) return "must be 2-32 characters";
        return FREE.matcher(code).matches() ? null
                : "only A-Z, 0-9 and '-' allowed, starting and ending with a letter or digit";
    }
}

package io.surgewms.devices.scale;

import java.math.BigDecimal;
import java.util.Set;

/** One weight as the scale showed it: value, unit (kg, g, lb, oz) and whether the scale had settled. */
public record ScaleReading(BigDecimal weight, String unit, boolean stable) {

    public static final Set<String> UNITS = Set.of("kg", "g", "lb", "oz");

    private static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");      // exact by definition
    private static final BigDecimal KG_PER_OZ = new BigDecimal("0.028349523125");  // 1/16 lb, exact
    private static final BigDecimal G_PER_KG = new BigDecimal("1000");

    public ScaleReading {
        if (weight == null) throw new IllegalArgumentException("weight is required");
        if (unit == null || !UNITS.contains(unit)) throw new IllegalArgumentException("unit '" + unit + "' must be one of kg, g, lb, oz");
    }

    /** The weight in kilograms, exact (no rounding: the caller decides the precision it stores). */
    public BigDecimal toKilograms() {
        return switch (unit) {
            case "kg" -> weight;
            case "g" -> weight.divide(G_PER_KG);
            case "lb" -> weight.multiply(KG_PER_LB);
            case "oz" -> weight.multiply(KG_PER_OZ);
            default -> throw new IllegalStateException(unit);
        };
    }

    @Override
    public String toString() {
        return weight.toPlainString() + " " + unit + (stable ? "" : " (unstable)");
    }
}

package io.surgewms.shipping.sendcloud;

/**
 * What Surge keeps of a Sendcloud rate to buy it: the shipping option code and the contract it was priced
 * on, as {@code <code>@<contract id>} in {@link io.surgewms.shipping.spi.Rate#rateRef()} (an option code
 * never holds an {@code @}; v3 falls back to the carrier's default contract without one).
 */
record RateRef(String code, Long contractId) {

    static String format(String code, Long contractId) {
        return contractId == null ? code : code + "@" + contractId;
    }

    static RateRef parse(String ref) {
        int at = ref.lastIndexOf('@');
        if (at > 0 && ref.substring(at + 1).matches("\\d{1,18}"))
            return new RateRef(ref.substring(0, at), Long.parseLong(ref.substring(at + 1)));
        return new RateRef(ref, null);
    }
}

package io.surgewms.shipping;

import io.surgewms.shipping.spi.Rate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a parcel's service from the rates of all the shop's accounts, by the shop's first matching rule
 * (its position order; a rule matches by channel, country, weight band and content tag, each optional):
 * <ul>
 *   <li>{@code CHEAPEST_ON_TIME}: the cheapest service that promises delivery within the rule's max transit days
 *       (all, when it sets none); if none promises that, the fastest, and the reason says so;</li>
 *   <li>{@code FASTEST_UNDER_CEILING}: the fewest transit days at or under the rule's max cost, cheaper first on a tie;
 *       none under the ceiling is a refusal a person resolves (raise the ceiling, or pick by hand).</li>
 * </ul>
 * No rule matching: the cheapest. Pure: the worker hands it the rates and stores the choice and its reason.
 */
public final class RateShopping {

    private RateShopping() {}

    public enum Strategy { CHEAPEST_ON_TIME, FASTEST_UNDER_CEILING }

    public record Rule(int position, String channel, String country, Integer minWeightG, Integer maxWeightG, String contentTag,
                       Strategy strategy, Long maxCostCents, Integer maxTransitDays, List<String> carriers) {

        boolean matches(Parcel p) {
            return (channel == null || channel.equalsIgnoreCase(p.channel()))
                    && (country == null || country.equalsIgnoreCase(p.country()))
                    && (minWeightG == null || p.weightG() >= minWeightG)
                    && (maxWeightG == null || p.weightG() <= maxWeightG)
                    && (contentTag == null || contentTag.equalsIgnoreCase(p.contentTag()));
        }

        String describe() {
            List<String> when = new ArrayList<>();
            if (channel != null) when.add("channel " + channel);
            if (country != null) when.add("country " + country);
            if (minWeightG != null || maxWeightG != null) when.add("weight " + (minWeightG == null ? 0 : minWeightG) + "-" + (maxWeightG == null ? "any" : maxWeightG) + " g");
            if (contentTag != null) when.add("tag " + contentTag);
            return "rule " + position + (when.isEmpty() ? "" : " (" + String.join(", ", when) + ")");
        }
    }

    /** What rules look at. */
    public record Parcel(String channel, String country, int weightG, String contentTag) {}

    /** A rate and the account that quoted it. */
    public record Offer(Long accountId, String provider, Rate rate) {
        String describe() {
            Rate r = rate;
            return provider + " " + r.carrier() + " " + r.service() + " " + money(r.costCents(), r.currency())
                    + (r.transitDays() == null ? "" : ", " + r.transitDays() + " d");
        }
    }

    /** The offer taken, or none (refused), with the reason in words an operator reads. */
    public record Choice(Offer offer, String reason) {
        public boolean refused() { return offer == null; }
    }

    public static Choice choose(List<Rule> rules, Parcel parcel, List<Offer> offers) {
        if (offers.isEmpty()) return new Choice(null, "no rates: no account offers a service for this parcel");
        Rule rule = rules.stream().filter(r -> r.matches(parcel)).min(Comparator.comparingInt(Rule::position)).orElse(null);
        List<Offer> allowed = offers;
        String by = rule == null ? "no rule matches" : rule.describe();
        if (rule != null && rule.carriers() != null && !rule.carriers().isEmpty()) {
            allowed = offers.stream().filter(o -> rule.carriers().stream().anyMatch(c -> c.equalsIgnoreCase(o.rate().carrier()))).toList();
            if (allowed.isEmpty()) return new Choice(null, by + ": none of " + rule.carriers() + " offers a service for this parcel");
        }
        Comparator<Offer> cheapest = Comparator.comparingLong((Offer o) -> o.rate().costCents()).thenComparing(RateShopping::transit);
        Comparator<Offer> fastest = Comparator.comparingInt(RateShopping::transit).thenComparingLong(o -> o.rate().costCents());
        if (rule == null) {
            Offer o = allowed.stream().min(cheapest).orElseThrow();
            return new Choice(o, "cheapest of " + allowed.size() + " (" + by + "): " + o.describe());
        }
        if (rule.strategy() == Strategy.FASTEST_UNDER_CEILING) {
            long ceiling = rule.maxCostCents() == null ? Long.MAX_VALUE : rule.maxCostCents();
            List<Offer> under = allowed.stream().filter(o -> o.rate().costCents() <= ceiling).toList();
            if (under.isEmpty())
                return new Choice(null, by + ": no service at or under " + money(ceiling, allowed.get(0).rate().currency())
                        + " (cheapest is " + allowed.stream().min(cheapest).orElseThrow().describe() + ")");
            Offer o = under.stream().min(fastest).orElseThrow();
            return new Choice(o, "fastest under " + money(ceiling, o.rate().currency()) + " of " + under.size() + " (" + by + "): " + o.describe());
        }
        Integer days = rule.maxTransitDays();
        List<Offer> onTime = days == null ? allowed : allowed.stream().filter(o -> o.rate().transitDays() != null && o.rate().transitDays() <= days).toList();
        if (onTime.isEmpty()) {
            Offer o = allowed.stream().min(fastest).orElseThrow();
            return new Choice(o, "no service promises delivery within " + days + " d (" + by + "): took the fastest, " + o.describe());
        }
        Offer o = onTime.stream().min(cheapest).orElseThrow();
        return new Choice(o, "cheapest on time" + (days == null ? "" : " (within " + days + " d)") + " of " + onTime.size() + " (" + by + "): " + o.describe());
    }

    /** Unknown transit sorts last. */
    private static int transit(Offer o) {
        return o.rate().transitDays() == null ? Integer.MAX_VALUE : o.rate().transitDays();
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, Math.abs(cents % 100), currency == null ? "" : currency).trim();
    }
}

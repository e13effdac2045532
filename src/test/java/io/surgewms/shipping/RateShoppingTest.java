package io.surgewms.shipping;

import io.surgewms.shipping.RateShopping.Offer;
import io.surgewms.shipping.RateShopping.Parcel;
import io.surgewms.shipping.RateShopping.Rule;
import io.surgewms.shipping.RateShopping.Strategy;
import io.surgewms.shipping.spi.Rate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateShoppingTest {

    static final Offer GROUND = offer(1L, "easypost", "USPS", "GroundAdvantage", 512, 5);
    static final Offer PRIORITY = offer(1L, "easypost", "USPS", "Priority", 845, 2);
    static final Offer EXPRESS = offer(2L, "easypost", "UPS", "NextDayAir", 3120, 1);
    static final Offer COLISSIMO = offer(3L, "sendcloud", "Colissimo", "colissimo_home", 690, null);
    static final List<Offer> ALL = List.of(GROUND, PRIORITY, EXPRESS, COLISSIMO);
    static final Parcel US_400G = new Parcel("tiktok", "US", 400, "video-123");

    @Test
    void shall_take_the_cheapest_when_no_rule_matches() {
        RateShopping.Choice c = RateShopping.choose(List.of(), US_400G, ALL);
        assertEquals(GROUND, c.offer());
        assertTrue(c.reason().startsWith("cheapest of 4 (no rule matches)"), c.reason());
    }

    @Test
    void shall_take_the_cheapest_service_that_arrives_in_time() {
        Rule twoDays = rule(1, null, Strategy.CHEAPEST_ON_TIME, null, 2, null);
        RateShopping.Choice c = RateShopping.choose(List.of(twoDays), US_400G, ALL);
        assertEquals(PRIORITY, c.offer(), "Ground takes 5 days; Priority is the cheapest within 2");
        assertTrue(c.reason().contains("within 2 d") && c.reason().contains("rule 1"), c.reason());
    }

    @Test
    void shall_take_the_fastest_when_nothing_arrives_in_time_and_say_so() {
        Rule sameDay = rule(1, null, Strategy.CHEAPEST_ON_TIME, null, 0, null);
        RateShopping.Choice c = RateShopping.choose(List.of(sameDay), US_400G, ALL);
        assertEquals(EXPRESS, c.offer());
        assertTrue(c.reason().startsWith("no service promises delivery within 0 d"), c.reason());
    }

    @Test
    void shall_take_the_fastest_under_the_ceiling() {
        Rule ceiling = rule(1, null, Strategy.FASTEST_UNDER_CEILING, 1000L, null, null);
        assertEquals(PRIORITY, RateShopping.choose(List.of(ceiling), US_400G, ALL).offer(), "Express costs 31.20, over 10.00");
    }

    @Test
    void shall_refuse_when_nothing_is_under_the_ceiling() {
        Rule cheap = rule(1, null, Strategy.FASTEST_UNDER_CEILING, 300L, null, null);
        RateShopping.Choice c = RateShopping.choose(List.of(cheap), US_400G, ALL);
        assertTrue(c.refused());
        assertTrue(c.reason().contains("no service at or under 3.00 USD") && c.reason().contains("GroundAdvantage"), c.reason());
    }

    @Test
    void shall_apply_the_first_rule_that_matches_by_channel_country_weight_and_tag() {
        Rule heavy = new Rule(1, null, null, 1000, null, null, Strategy.CHEAPEST_ON_TIME, null, null, null);
        Rule france = new Rule(2, null, "FR", null, null, null, Strategy.CHEAPEST_ON_TIME, null, null, List.of("Colissimo"));
        Rule viral = new Rule(3, "tiktok", null, null, null, "video-123", Strategy.FASTEST_UNDER_CEILING, 5000L, null, null);
        assertEquals(EXPRESS, RateShopping.choose(List.of(heavy, france, viral), US_400G, ALL).offer(), "400 g skips the heavy rule; the video rule wins");
        assertEquals(COLISSIMO, RateShopping.choose(List.of(heavy, france, viral), new Parcel("shopify", "fr", 400, null), ALL).offer());
        assertEquals(GROUND, RateShopping.choose(List.of(heavy, france, viral), new Parcel("shopify", "US", 2500, null), ALL).offer());
    }

    @Test
    void shall_refuse_when_the_rule_allows_no_carrier_that_quoted() {
        Rule dhlOnly = rule(1, null, Strategy.CHEAPEST_ON_TIME, null, null, List.of("DHL"));
        RateShopping.Choice c = RateShopping.choose(List.of(dhlOnly), US_400G, ALL);
        assertNull(c.offer());
        assertTrue(c.reason().contains("[DHL]"), c.reason());
    }

    @Test
    void shall_refuse_without_rates() {
        assertTrue(RateShopping.choose(List.of(), US_400G, List.of()).refused());
    }

    static Rule rule(int position, String channel, Strategy s, Long maxCost, Integer maxDays, List<String> carriers) {
        return new Rule(position, channel, null, null, null, null, s, maxCost, maxDays, carriers);
    }

    static Offer offer(Long account, String provider, String carrier, String service, long cents, Integer days) {
        return new Offer(account, provider, new Rate(carrier, service, cents, "USD", days, null, carrier + "-" + service, "shp_1"));
    }
}

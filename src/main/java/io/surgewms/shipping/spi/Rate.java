package io.surgewms.shipping.spi;

import java.time.Instant;

/**
 * A price for a service.
 *
 * @param carrier      the carrier that moves the parcel (USPS, UPS, DHL, Colissimo...)
 * @param service      the carrier's service code as the provider names it
 * @param costCents    price in minor units of {@code currency}
 * @param transitDays  promised business days in transit, or null when the provider does not say
 * @param deliveryBy   promised delivery date, or null
 * @param rateRef      the provider's id of this rate, to buy it
 * @param quoteRef     the provider's id of the shipment the rate belongs to (EasyPost shipment id), or null
 */
public record Rate(String carrier, String service, long costCents, String currency, Integer transitDays, Instant deliveryBy,
                   String rateRef, String quoteRef) {}

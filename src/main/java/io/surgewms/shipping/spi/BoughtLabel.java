package io.surgewms.shipping.spi;

/**
 * A label a provider sold: what goes on the parcel and what it cost.
 *
 * @param providerRef the provider's id of the shipment or package (to void it, to close the day)
 * @param label       the label as the provider gave it, in {@code format}
 */
public record BoughtLabel(String providerRef, String trackingNumber, String carrier, String service, long costCents,
                          String currency, LabelFormat format, byte[] label, String trackingUrl) {}

package io.surgewms.shipping.spi;

import java.util.List;

/**
 * A label provider (a CDI bean per provider). Every call may take seconds or fail: callers run it on a
 * background worker behind a circuit breaker, never between a packer's scan and its answer.
 *
 * <p>{@link #buy} must be idempotent on {@link ParcelSpec#key()}: called again with the same key after a
 * lost answer or a crash, it answers the label already bought (or buys the first one), never a second.
 */
public interface CarrierProvider {

    /** The provider's code, as in carrier_account.provider: own, tiktok, easypost, sendcloud. */
    String code();

    /** The services that could carry this parcel, with their price and promised transit. */
    List<Rate> rates(CarrierCredentials account, ParcelSpec parcel) throws CarrierException;

    /** Buys the label of one of {@link #rates}' answers for this parcel. */
    BoughtLabel buy(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException;

    /**
     * The label already sold for this parcel at this rate (a buy whose answer was lost), or null when none was or the
     * provider cannot tell. Asked before a label with nothing recorded is given up, so a paid label is voided, not lost.
     */
    default BoughtLabel sold(CarrierCredentials account, ParcelSpec parcel, Rate rate) throws CarrierException {
        return null;
    }

    /** Voids (refunds) a label that will not be used. Voiding one already voided succeeds. */
    void voidLabel(CarrierCredentials account, BoughtLabel label) throws CarrierException;

    /** Closes the day for these labels: the manifest or scan form the driver signs, where the provider has one. */
    default DayClose closeDay(CarrierCredentials account, List<BoughtLabel> labels) throws CarrierException {
        return DayClose.none();
    }

    /** Checks a ship-to address before a label is bought for it, where the provider can. */
    default AddressVerdict verify(CarrierCredentials account, Address to) throws CarrierException {
        return AddressVerdict.unchecked();
    }
}

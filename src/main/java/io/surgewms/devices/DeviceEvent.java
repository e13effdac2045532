package io.surgewms.devices;

import java.math.BigDecimal;

/** What a station's screen shows about its devices: a state change, or a weight from its scale. */
public sealed interface DeviceEvent {

    String station();

    /** A device went ONLINE, OFFLINE or into ERROR. */
    record StateChanged(String device, String kind, String station, String state, String error) implements DeviceEvent {}

    /** A scale reading in grams; {@code stable} false while the parcel still moves. */
    record Weight(String device, String station, int grams, boolean stable) implements DeviceEvent {}

    static int grams(BigDecimal kilograms) {
        return kilograms.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }
}

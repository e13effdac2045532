package io.surgewms.devices;

/**
 * A scan that arrived from a serial scanner, for the station or picker the scanner serves. Fired as a
 * CDI event so the floor features (packing, picking) take it without devices knowing them. A frame
 * the scanner garbled arrives too, with {@code rejected} saying why, so it is recorded and signalled.
 *
 * @param writtenAtNanos when the scan's last byte arrived ({@link System#nanoTime()}), for latency figures
 */
public record DeviceScan(String device, String station, String picker, String code, String rejected, long writtenAtNanos) {

    public boolean garbled() {
        return rejected != null;
    }
}

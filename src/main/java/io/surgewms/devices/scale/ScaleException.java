package io.surgewms.devices.scale;

/** The scale did not give a weight: an error reply, garbage, no reply in time, or the port is offline. */
public class ScaleException extends Exception {
    public ScaleException(String message) {
        super(message);
    }
}

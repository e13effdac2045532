package io.surgewms.devices.serial;

import jssc.SerialPort;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends one payload (ZPL, EPL) to a label printer on a serial port: claim the port, open, write,
 * close, give it back. Answers like the TCP path of the print queue: null when the bytes left, else
 * the error for the job (port missing, busy, timed out), so a failed job stays visible and retryable.
 */
public final class SerialPrinterTransport {

    private static final Logger LOG = Logger.getLogger(SerialPrinterTransport.class);

    private final PortOwners owners;
    private final Duration timeout;

    public SerialPrinterTransport(PortOwners owners, Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be positive");
        this.owners = owners == null ? PortOwners.shared() : owners;
        this.timeout = timeout;
    }

    /** Null on success, else why the label did not go out. */
    public String send(SerialSettings settings, byte[] payload) {
        if (payload == null || payload.length == 0) return "empty print payload";
        String owner = "serial printer " + settings.port();
        try {
            owners.claim(settings.port(), owner);
        } catch (PortOwners.PortBusyException e) {
            return e.getMessage();
        }
        SerialPort port = new SerialPort(settings.port());
        try {
            PortIo.device(settings.port());
            if (!PortIo.open(port, settings)) LOG.debugf("serial printer %s: line settings not confirmed (pseudo-terminal?)", settings.port());
            PortIo.write(port, payload, timeout);
            return null;
        } catch (IOException e) {
            return "printer " + e.getMessage();
        } finally {
            PortIo.close(port);
            owners.release(settings.port(), owner);
        }
    }
}

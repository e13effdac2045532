package io.surgewms.devices.serial;

import jssc.SerialPort;
import jssc.SerialPortException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The jssc calls the link and the printer transport share: open with settings, timed write, quiet close. */
final class PortIo {
    private PortIo() {}

    private static final Logger LOG = Logger.getLogger(PortIo.class);

    /** The real device behind the path, or an IOException saying the port is missing. */
    static Path device(String path) throws IOException {
        try {
            return Path.of(path).toRealPath();
        } catch (IOException e) {
            throw new IOException("serial port " + path + " is missing (unplugged?)");
        }
    }

    /**
     * Opens and configures the port. Answers whether the line settings were confirmed: on a
     * pseudo-terminal setParams answers false after applying them (the modem-line ioctls fail), so
     * false is for the caller to log, not a failure.
     */
    static boolean open(SerialPort port, SerialSettings s) throws IOException {
        try {
            if (!port.openPort()) throw new IOException("serial port " + s.port() + " did not open");
            boolean ok = port.setParams(s.baud(), s.dataBits(), stopBits(s.stopBits()), parity(s.parity()));
            ok &= port.setFlowControlMode(flow(s.flowControl()));
            return ok;
        } catch (SerialPortException e) {
            close(port);
            throw new IOException("serial port " + s.port() + ": " + e.getExceptionType(), e);
        }
    }

    /** Writes all bytes within the timeout; a write that hangs (flow control, dead line) is left behind on its daemon thread. */
    static void write(SerialPort port, byte[] data, Duration timeout) throws IOException {
        Future<Boolean> f;
        try {
            f = SerialThreads.WRITERS.submit(() -> port.writeBytes(data));
        } catch (RejectedExecutionException e) {
            throw new IOException("too many serial writes hanging; port " + port.getPortName() + " is stuck");
        }
        try {
            if (!f.get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new IOException("serial write to " + port.getPortName() + " failed");
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException("serial write to " + port.getPortName() + " timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException("serial write to " + port.getPortName() + " failed: "
                    + (c instanceof SerialPortException spe ? spe.getExceptionType() : String.valueOf(c)), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("serial write interrupted");
        }
    }

    static void close(SerialPort port) {
        if (port == null || !port.isOpened()) return;
        try {
            port.closePort();
        } catch (SerialPortException | RuntimeException e) {
            LOG.debugf("closing %s: %s", port.getPortName(), e.getMessage());
        }
    }

    private static int stopBits(SerialSettings.StopBits b) {
        return switch (b) {
            case ONE -> SerialPort.STOPBITS_1;
            case ONE_AND_HALF -> SerialPort.STOPBITS_1_5;
            case TWO -> SerialPort.STOPBITS_2;
        };
    }

    private static int parity(SerialSettings.Parity p) {
        return switch (p) {
            case NONE -> SerialPort.PARITY_NONE;
            case EVEN -> SerialPort.PARITY_EVEN;
            case ODD -> SerialPort.PARITY_ODD;
            case MARK -> SerialPort.PARITY_MARK;
            case SPACE -> SerialPort.PARITY_SPACE;
        };
    }

    private static int flow(SerialSettings.FlowControl f) {
        return switch (f) {
            case NONE -> SerialPort.FLOWCONTROL_NONE;
            case RTSCTS -> SerialPort.FLOWCONTROL_RTSCTS_IN | SerialPort.FLOWCONTROL_RTSCTS_OUT;
            case XONXOFF -> SerialPort.FLOWCONTROL_XONXOFF_IN | SerialPort.FLOWCONTROL_XONXOFF_OUT;
        };
    }
}

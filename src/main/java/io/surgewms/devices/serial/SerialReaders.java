package io.surgewms.devices.serial;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread reads every open serial port: it asks each port what is waiting (a FIONREAD ioctl),
 * reads it, and sleeps {@value #POLL_MS} ms when a sweep found nothing. A thread per port woke 333
 * times a second each (8 scanners: 6% of a core under the spike drill), and jssc's own event thread
 * polls with a 100 ns sleep. A sweep of a dozen idle ports costs microseconds, and with no port open
 * the thread sleeps until one opens. Callbacks run on this thread, so they only hand frames on.
 */
final class SerialReaders {
    private SerialReaders() {}

    /** How often the ports are asked: at most this much is added to a scan's time. */
    static final long POLL_MS = 3;

    /** An open port. */
    interface Port {
        /** Reads what is waiting; true if anything was. Throws when the port failed (it is then dropped). */
        boolean readWaiting() throws Exception;

        /** The port failed while being read. Called once, on the reader thread, after it was dropped. */
        void failed(Exception e);
    }

    private static final List<Port> PORTS = new CopyOnWriteArrayList<>();
    private static final ReentrantLock SWEEP = new ReentrantLock();
    private static final Condition OPENED = SWEEP.newCondition();
    private static Thread thread;

    static void add(Port p) {
        SWEEP.lock();
        try {
            PORTS.add(p);
            if (thread == null) {
                thread = new Thread(SerialReaders::run, "serial-read");
                thread.setDaemon(true);
                thread.start();
            }
            OPENED.signal();
        } finally {
            SWEEP.unlock();
        }
    }

    /** Stops reading the port. On return no sweep is touching it, so its handle may be closed. */
    static void remove(Port p) {
        PORTS.remove(p);
        SWEEP.lock(); // a sweep in progress holds it
        SWEEP.unlock();
    }

    private static void run() {
        while (true) {
            boolean read = false;
            SWEEP.lock();
            try {
                while (PORTS.isEmpty()) OPENED.await();
                for (Port p : PORTS) {
                    if (!PORTS.contains(p)) continue; // removed during this sweep, from a callback
                    try {
                        read |= p.readWaiting();
                    } catch (Exception e) { // nothing may escape, or every port goes deaf
                        PORTS.remove(p);
                        p.failed(e);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                SWEEP.unlock();
            }
            if (!read) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

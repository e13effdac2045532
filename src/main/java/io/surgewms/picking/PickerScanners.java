package io.surgewms.picking;

import io.surgewms.devices.DeviceScan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * A serial scanner that serves a picker (a cart- or truck-mounted scanner): its scans go into the
 * picker's current task exactly as the handheld's do, and are recorded with the scanner's name.
 * A garbled frame goes in as what it was, so it is refused as unreadable and recorded too.
 */
@ApplicationScoped
public class PickerScanners {

    private static final Logger LOG = Logger.getLogger(PickerScanners.class);

    @Inject ScanService scans;

    void onScan(@Observes DeviceScan scan) {
        if (scan.picker() == null) return;
        try {
            ScanService.Answer a = scans.scanFromSerial(
                    new ScanService.Scan(scan.picker(), scan.device(), null, scan.garbled() ? "" : scan.code()), scan.writtenAtNanos());
            LOG.debugf("%s for %s: %s %s", scan.device(), scan.picker(), a.result(), a.message());
        } catch (RuntimeException e) {
            LOG.warnf("Scan from %s for %s not handled: %s", scan.device(), scan.picker(), e.getMessage());
        }
    }
}

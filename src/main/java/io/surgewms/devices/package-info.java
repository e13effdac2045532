/**
 * Floor devices: the registry of scanners, printers and scales (profile files and API, live status), the
 * runtime that keeps serial scanners and scales connected and turns their frames into {@link io.surgewms.devices.DeviceScan}
 * events, and the print queue that sends label jobs to printers once each, in order. Transports live below:
 * {@code serial} (jssc), {@code printer} (raw TCP 9100, ~HS), {@code scale} (scale protocols), {@code print} (queue parts).
 */
package io.surgewms.devices;

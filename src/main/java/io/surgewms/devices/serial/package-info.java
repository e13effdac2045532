/**
 * Serial floor devices (scanners, scales, serial label printers) over jssc. Plain Java with no CDI
 * or database so it tests fast against socat pseudo-terminals; a Quarkus service wires it in.
 * <ul>
 *   <li>{@link io.surgewms.devices.serial.SerialSettings}: line settings, from a device profile's options.</li>
 *   <li>{@link io.surgewms.devices.serial.PortOwners}: one owner per port (root can open a tty twice).</li>
 *   <li>{@link io.surgewms.devices.serial.ScanFramer}: bytes to scans, pure.</li>
 *   <li>{@link io.surgewms.devices.serial.SerialLink}: a supervised port that survives unplugging.</li>
 *   <li>{@link io.surgewms.devices.serial.SerialPrinterTransport}: one payload to a serial printer.</li>
 * </ul>
 */
package io.surgewms.devices.serial;

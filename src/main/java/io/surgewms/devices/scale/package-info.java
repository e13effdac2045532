/**
 * Bench and floor scales on a serial port: readings ({@link io.surgewms.devices.scale.ScaleReading}),
 * the wire protocols ({@link io.surgewms.devices.scale.ScaleProtocol}: Mettler Toledo MT-SICS,
 * the continuous CAS/A&amp;D stream, NCI) and {@link io.surgewms.devices.scale.Scale}, which runs one
 * over a {@link io.surgewms.devices.serial.SerialLink}. A reply that does not parse is an error,
 * never a weight: a wrong weight on a parcel costs more than a re-weigh.
 */
package io.surgewms.devices.scale;

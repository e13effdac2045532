/**
 * Network label printers (Zebra-style, ZPL over raw TCP port 9100): {@link
 * io.surgewms.devices.printer.TcpPrinter} sends a job and proves it was taken in by asking {@code ~HS}
 * right behind it; {@link io.surgewms.devices.printer.HostStatusParser} reads that answer into a
 * {@link io.surgewms.devices.printer.PrinterStatus}. Plain Java without CDI or database, so the print
 * queue can wrap it and the tests run against a fake printer on loopback.
 */
package io.surgewms.devices.printer;

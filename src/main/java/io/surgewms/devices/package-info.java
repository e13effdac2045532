/**
 * Floor devices: the print queue that sends label jobs to thermal printers over raw TCP (port
 * 9100). Serial scanners, scales and serial printers live in {@code devices.serial} and
 * {@code devices.scale} (plain Java, not yet wired into a service); printer status and device
 * profiles arrive with the devices issue.
 */
package io.surgewms.devices;

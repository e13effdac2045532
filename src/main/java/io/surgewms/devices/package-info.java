/**
 * Floor devices: for now the print queue that sends label jobs to thermal printers over raw TCP
 * (port 9100); serial scanners, scales and printer status arrive with the devices issue.
 */
package io.surgewms.devices;

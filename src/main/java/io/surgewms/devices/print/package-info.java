/**
 * The label print queue's parts: where a job goes ({@link io.surgewms.devices.print.PrinterTarget}),
 * what the floor sees of a printer ({@link io.surgewms.devices.print.PrinterBoard}), the status poller
 * and the job history behind the API ({@link io.surgewms.devices.print.PrintJobs}).
 */
package io.surgewms.devices.print;

/**
 * Labels: the content of a 4x6 in shipping label ({@link io.surgewms.labels.ShippingLabel}) and two
 * renderers that print the same content, ZPL II for 203/300 dpi thermal printers (from the editable
 * templates in the repository's {@code labels/} folder) and PDF for office printers and downloads.
 * Pure rendering: no REST, no database; packing decides what goes on a label.
 */
package io.surgewms.labels;

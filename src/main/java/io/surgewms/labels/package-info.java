/**
 * Labels: the content of a shipping label ({@link io.surgewms.labels.ShippingLabel}, 4 x 6 in or 100 x 150 mm)
 * and two renderers that print the same content, ZPL II for 203/300 dpi thermal printers (from the editable
 * templates in the repository's {@code labels/} folder) and PDF for office printers and downloads, with a PNG
 * preview of the PDF; plus small batch labels (locations, totes, products, badges) as ZPL or a sheet (A4 or US Letter, per site).
 * Pure rendering: no REST, no database; packing decides what goes on a label.
 */
package io.surgewms.labels;

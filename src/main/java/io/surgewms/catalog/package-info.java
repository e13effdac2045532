/**
 * Shops and their products: SKUs, barcodes (GTIN or the shop's own), weight and dimensions,
 * single and bulk (CSV/JSON) maintenance, and "which product is this barcode" for scan paths.
 */
package io.surgewms.catalog;

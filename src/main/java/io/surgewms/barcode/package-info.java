/**
 * Barcode grammar shared by every scan path: GTIN check digits, GS1 application identifiers,
 * location codes. Pure functions, no dependencies.
 */
package io.surgewms.barcode;

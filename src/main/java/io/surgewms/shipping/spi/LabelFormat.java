package io.surgewms.shipping.spi;

/** ZPL II for thermal printers; PDF for office printers (converted to ZPL for a thermal one). */
public enum LabelFormat { ZPL, PDF }

package io.surgewms.labels;

import java.util.List;

/** TEMPORARY stub until the converter lands from its branch (same signature). */
public final class PdfToZpl {
    private PdfToZpl() {}

    public static List<String> convert(byte[] pdf, int dpi, LabelSize size) {
        throw new UnsupportedOperationException("PDF to ZPL not merged yet");
    }
}

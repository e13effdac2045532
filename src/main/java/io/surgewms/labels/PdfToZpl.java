package io.surgewms.labels;

/** TEMPORARY stub until the converter lands from its branch. */
public final class PdfToZpl {
    private PdfToZpl() {}

    public static String convert(byte[] pdf, int dpi) {
        throw new UnsupportedOperationException("PDF to ZPL not merged yet");
    }
}

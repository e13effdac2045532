package io.surgewms.labels;

import io.surgewms.platform.ProblemException;

import java.util.List;

/** A batch of labels in the format a client asks for: a PDF sheet on the site's paper (default) or ZPL at 203 or 300 dpi. */
public final class BatchLabelPrint {
    private BatchLabelPrint() {}

    /** The most labels one request prints: a bigger batch is split by the caller. */
    public static final int MAX_LABELS = 5000;

    private static final BatchLabelZpl ZPL = new BatchLabelZpl(LabelTemplates.configured());
    private static final BatchLabelSheet SHEET = new BatchLabelSheet(Paper.configured());

    /** Rendered bytes (or text) and their media type. */
    public record Output(Object body, String mediaType) {}

    public static Output render(List<BatchLabel> labels, String format, Integer dpi) {
        if (labels.size() > MAX_LABELS) throw ProblemException.invalid("$", "more than " + MAX_LABELS + " labels: print a narrower selection");
        if ("zpl".equalsIgnoreCase(format)) return new Output(ZPL.render(labels, dpi(dpi)), "application/zpl");
        if (format != null && !"pdf".equalsIgnoreCase(format)) throw ProblemException.invalid("format", "pdf or zpl");
        return new Output(SHEET.render(labels), "application/pdf");
    }

    /** A thermal printer's resolution: 203 (default) or 300 dpi. */
    public static int dpi(Integer dpi) {
        int d = dpi == null ? 203 : dpi;
        if (d != 203 && d != 300) throw ProblemException.invalid("dpi", "203 or 300");
        return d;
    }
}

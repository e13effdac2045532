package io.surgewms.labels;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Batch labels as ZPL II: one ^XA…^XZ per label, from the small templates in {@code labels/}. */
public final class BatchLabelZpl {
    private final Map<BatchLabel.Kind, ZplTemplate> templates = new EnumMap<>(BatchLabel.Kind.class);

    public BatchLabelZpl(LabelTemplates source) {
        // All four read at start: a broken edited template fails now, not halfway through a batch
        for (BatchLabel.Kind k : BatchLabel.Kind.values()) templates.put(k, source.zpl(k.template));
    }

    public String render(List<BatchLabel> labels, int dpi) {
        StringBuilder out = new StringBuilder(labels.size() * 300);
        for (BatchLabel l : labels) {
            Map<String, String> v = new HashMap<>(4);
            v.put("code", l.code());
            v.put("caption", l.caption());
            out.append(templates.get(l.kind()).render(v, dpi));
        }
        return out.toString();
    }
}

package io.surgewms.labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PDF label layout read from a small text file in {@code labels/} (syntax in the file's own header):
 * text lines, rules and barcodes placed in 203-dpi dots, with {@code ${name}} placeholders for the
 * label's data. Parsed once; a mistake in an edited file fails with its line number when loaded.
 */
public final class PdfLayout {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    public enum Kind { TEXT, RULE, CODE128, GS1_128, QR }

    /** Where a value goes. {@code x < 0} centres a barcode on the page. */
    public record Element(Kind kind, String id, int x, int y, int size, int width, boolean bold, String align,
                          int module, int height, Content content) {}

    /** Literal text with placeholders, split once. */
    public record Content(List<String> literals, List<String> names) {
        /** The filled text, or null when a placeholder has no value on this label (the element is left out). */
        String fill(Map<String, String> values, String where) {
            if (names.isEmpty()) return literals.get(0);
            StringBuilder sb = new StringBuilder(literals.get(0));
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!values.containsKey(name)) throw new IllegalArgumentException(where + ": unknown placeholder ${" + name + "}");
                String v = values.get(name);
                if (v == null) return null;
                sb.append(v).append(literals.get(i + 1));
            }
            return sb.toString();
        }
    }

    private final String name;
    private final List<Element> elements;

    public PdfLayout(String name, String text) {
        this.name = name;
        List<Element> out = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                out.add(parse(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        this.elements = List.copyOf(out);
    }

    public List<Element> elements() {
        return elements;
    }

    public String name() {
        return name;
    }

    /** The element with that id (tests crop barcodes by it). */
    public Element element(String id) {
        return elements.stream().filter(e -> id.equals(e.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": no element id=" + id));
    }

    private static Element parse(String line) {
        int bar = line.indexOf('|');
        String head = (bar < 0 ? line : line.substring(0, bar)).strip();
        Content content = content(bar < 0 ? "" : line.substring(bar + 1).strip());
        String[] words = head.split("\\s+");
        Kind kind = switch (words[0]) {
            case "text" -> Kind.TEXT;
            case "rule" -> Kind.RULE;
            case "code128" -> Kind.CODE128;
            case "gs1-128" -> Kind.GS1_128;
            case "qr" -> Kind.QR;
            default -> throw new IllegalArgumentException("unknown element '" + words[0] + "' (text, rule, code128, gs1-128, qr)");
        };
        Map<String, String> kv = new HashMap<>();
        for (int w = 1; w < words.length; w++) {
            int eq = words[w].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got '" + words[w] + "'");
            kv.put(words[w].substring(0, eq), words[w].substring(eq + 1));
        }
        String id = kv.remove("id");
        Element e = switch (kind) {
            case TEXT -> new Element(kind, id, number(kv, "x"), number(kv, "y"), number(kv, "size"), number(kv, "width"),
                    "bold".equals(option(kv, "font", "regular", "regular", "bold")), option(kv, "align", "left", "left", "right", "center"),
                    0, 0, content);
            case RULE -> new Element(kind, id, 0, number(kv, "y"), 0, 0, false, null, 0, kv.containsKey("thickness") ? number(kv, "thickness") : 4, content);
            case CODE128, GS1_128 -> new Element(kind, id, xOrCentre(kv),
                    number(kv, "y"), 0, 0, false, null, number(kv, "module"), number(kv, "height"), content);
            case QR -> new Element(kind, id, number(kv, "x"), number(kv, "y"), 0, number(kv, "max"), false, null, number(kv, "module"), 0, content);
        };
        if (!kv.isEmpty()) throw new IllegalArgumentException("unknown setting(s) " + kv.keySet() + " for " + words[0]);
        if (kind != Kind.RULE && content.literals().size() == 1 && content.literals().get(0).isEmpty())
            throw new IllegalArgumentException(words[0] + " needs content after '|'");
        return e;
    }

    private static int number(Map<String, String> kv, String key) {
        String v = kv.remove(key);
        if (v == null) throw new IllegalArgumentException("missing " + key + "=");
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 2000) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a length in dots (0-2000)");
        }
    }

    /** x=center puts a barcode in the middle of the page, whatever its width. */
    private static int xOrCentre(Map<String, String> kv) {
        if (!"center".equals(kv.get("x"))) return number(kv, "x");
        kv.remove("x");
        return -1;
    }

    private static String option(Map<String, String> kv, String key, String fallback, String... allowed) {
        String v = kv.remove(key);
        if (v == null) return fallback;
        if (!List.of(allowed).contains(v)) throw new IllegalArgumentException(key + "=" + v + " (one of " + String.join(", ", allowed) + ")");
        return v;
    }

    private static Content content(String text) {
        List<String> literals = new ArrayList<>(), names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            literals.add(text.substring(at, m.start()));
            names.add(m.group(1));
            at = m.end();
        }
        literals.add(text.substring(at));
        return new Content(List.copyOf(literals), List.copyOf(names));
    }
}

package io.surgewms.labels;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast paths (no Formatter, no regex for ordinary text) must print exactly what the slow ones did. */
class LabelTextTest {

    @Test
    void shall_format_the_weight_like_percent_2f() {
        for (int g = 0; g <= 200_000; g++)
            assertEquals(String.format(Locale.ROOT, "Weight %.2f kg", g / 1000.0), LabelText.weight(g), "grams " + g);
        assertEquals(String.format(Locale.ROOT, "Weight %.2f kg", Integer.MAX_VALUE / 1000.0), LabelText.weight(Integer.MAX_VALUE));
    }

    @Test
    void shall_clean_text_like_the_regexes() {
        String[] samples = {"  Zofia  Müller ", "a\tb", "line1\r\nline2", "x\u007F\u007Fy", "   ", "", "ok", "a  \t  b", " Łódź "};
        for (String s : samples) {
            String t = s.replaceAll("\\p{Cntrl}+", " ").strip().replaceAll(" {2,}", " ");
            assertEquals(t.isEmpty() ? null : t, LabelText.clean(s), () -> "'" + s + "'");
        }
        assertNull(LabelText.clean(null));
    }
}

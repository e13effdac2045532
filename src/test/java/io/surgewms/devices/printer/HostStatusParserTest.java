package io.surgewms.devices.printer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostStatusParserTest {

    /** ~HS answer of a ready ZT410 in tear-off mode, 1218-dot labels (203 dpi, 6 inch). */
    static final String READY = "\u0002030,0,0,1218,000,0,0,0,000,0,0,0\u0003\r\n"
            + "\u0002001,0,0,0,1,2,6,0,00000000,1,000\u0003\r\n"
            + "\u00021234,0\u0003\r\n";

    static String answer(String one, String two, String three) {
        return "\u0002" + one + "\u0003\r\n\u0002" + two + "\u0003\r\n\u0002" + three + "\u0003\r\n";
    }

    @Test
    void shall_read_a_ready_printer() throws Exception {
        PrinterStatus s = HostStatusParser.parse(READY);
        assertEquals(new PrinterStatus(false, false, false, false, false, 0, 0, false, false, false), s);
        assertTrue(s.ready());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void shall_read_paper_out() throws Exception {
        PrinterStatus s = HostStatusParser.parse(answer("030,1,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0"));
        assertTrue(s.paperOut());
        assertFalse(s.ready());
        assertEquals(List.of("paper out"), s.problems());
    }

    @Test
    void shall_read_head_open() throws Exception {
        PrinterStatus s = HostStatusParser.parse(answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,6,0,00000000,1,000", "1234,0"));
        assertTrue(s.headOpen());
        assertEquals(List.of("head open"), s.problems());
    }

    @Test
    void shall_read_paused_with_labels_still_to_print() throws Exception {
        PrinterStatus s = HostStatusParser.parse(answer("030,0,1,1218,002,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000017,1,000", "1234,0"));
        assertTrue(s.paused());
        assertEquals(2, s.formatsInBuffer());
        assertEquals(17, s.labelsRemaining());
        assertEquals(List.of("paused"), s.problems());
    }

    @Test
    void shall_read_every_other_problem_in_words() throws Exception {
        PrinterStatus s = HostStatusParser.parse(answer("030,1,1,1218,000,1,0,0,000,1,1,1", "001,0,1,1,1,2,6,0,00000000,1,000", "1234,0"));
        assertEquals(List.of("paper out", "ribbon out", "head open", "paused", "buffer full",
                "head too cold", "head too hot", "settings lost"), s.problems());
    }

    @Test
    void shall_take_the_answer_without_line_ends() throws Exception {
        assertEquals(HostStatusParser.parse(READY), HostStatusParser.parse(READY.replace("\r\n", "")));
    }

    @Test
    void shall_refuse_garbage() {
        for (String garbage : List.of("", "hello", "HTTP/1.1 400 Bad Request\r\n\r\n", "\u0002\u0003\u0002\u0003\u0002\u0003",
                "x" + READY, READY + "x", READY + "\u00021234,0\u0003\r\n",
                answer("030,0,0,1218,000,0,0,0,000,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0"),
                answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000,9", "1234,0"),
                answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234"),
                answer("030,2,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0"),
                answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,Y,0,1,2,6,0,00000000,1,000", "1234,0"),
                answer("030, 0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "1234,0"),
                answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,-0000001,1,000", "1234,0"),
                answer("030,0,0,1218,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,99999999999,1,000", "1234,0"),
                "x".repeat(5000))) {
            assertThrows(StatusAnswerException.class, () -> HostStatusParser.parse(garbage), garbage);
        }
        assertThrows(StatusAnswerException.class, () -> HostStatusParser.parse(null));
    }

    @Test
    void shall_refuse_every_answer_cut_before_its_third_etx() throws Exception {
        int whole = READY.lastIndexOf('\u0003') + 1;
        for (int cut = 0; cut < whole; cut++) {
            String part = READY.substring(0, cut);
            StatusAnswerException e = assertThrows(StatusAnswerException.class, () -> HostStatusParser.parse(part), part);
            assertFalse(e.getMessage().isBlank());
        }
        assertTrue(HostStatusParser.parse(READY.substring(0, whole)).ready());
    }

    @Test
    void shall_know_when_the_answer_is_complete() {
        byte[] bytes = READY.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int whole = READY.lastIndexOf('\u0003') + 1;
        assertFalse(HostStatusParser.isComplete(bytes, whole - 1));
        assertTrue(HostStatusParser.isComplete(bytes, whole));
    }
}

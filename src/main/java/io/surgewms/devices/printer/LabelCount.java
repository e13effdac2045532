package io.surgewms.devices.printer;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many labels a printer has taken in so far, read by {@link TcpPrinter#labelCount()}: its label
 * counter (Zebra SGD {@code odometer.total_label_count}, labels printed since it was made) and its
 * {@code ~HS} status, whose "formats in buffer" are labels received but not printed yet.
 *
 * @param printed the counter; null when the printer answered ~HS but not the counter (older firmware)
 * @param status  the ~HS answer read with it
 */
public record LabelCount(Long printed, PrinterStatus status) {

    /** The SGD request, answered with the value in double quotes, e.g. {@code "1234"}. */
    static final byte[] REQUEST = "! U1 getvar \"odometer.total_label_count\"\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final Pattern VALUE = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    /** Labels printed or waiting in the buffer; null without a counter. */
    public Long taken() {
        return printed == null ? null : printed + status.formatsInBuffer();
    }

    /**
     * Splits an answer to getvar + ~HS (in either order) into the ~HS strings and the quoted counter.
     * A quoted value that is not a number (e.g. {@code "?"}) counts as no counter.
     */
    static LabelCount parse(String answer) throws StatusAnswerException {
        Parts p = split(answer);
        Matcher m = VALUE.matcher(p.outside);
        Long printed = m.find() && NUMBER.matcher(m.group(1)).matches() ? Long.valueOf(m.group(1)) : null;
        return new LabelCount(printed, HostStatusParser.parse(p.status));
    }

    /** True once {@code len} bytes hold a whole quoted value outside the ~HS strings. */
    static boolean hasValue(byte[] answer, int len) {
        return VALUE.matcher(split(new String(answer, 0, len, StandardCharsets.ISO_8859_1)).outside).find();
    }

    private record Parts(String status, String outside) {}

    /** The STX…ETX strings (for the ~HS parser) and what is outside them (the getvar answer). */
    private static Parts split(String answer) {
        StringBuilder status = new StringBuilder(), outside = new StringBuilder();
        int i = 0;
        while (i < answer.length()) {
            int stx = answer.indexOf(HostStatusParser.STX, i);
            if (stx < 0) { outside.append(answer, i, answer.length()); break; }
            outside.append(answer, i, stx);
            int etx = answer.indexOf(HostStatusParser.ETX, stx);
            int end = etx < 0 ? answer.length() : etx + 1;
            status.append(answer, stx, end);
            i = end;
        }
        return new Parts(status.toString(), outside.toString());
    }
}

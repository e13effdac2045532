package io.surgewms.devices.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer to ZPL {@code ~HS} (ZPL II Programming Guide, "~HS Host Status Return"): three
 * strings, each {@code <STX>…<ETX><CR><LF>}.
 * <pre>
 * 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l  comm settings, paper out, pause, label length (dots), formats in
 *                                      buffer, buffer full, comm diag mode, partial format, unused,
 *                                      corrupt RAM, under temperature, over temperature
 * 2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www  function settings, unused, head up, ribbon out, thermal transfer,
 *                                      print mode, print width mode, label waiting, labels remaining,
 *                                      format while printing, graphics stored
 * 3: xxxx,y                            password, static RAM installed
 * </pre>
 * Strict on purpose: the wrong number of strings or fields, a non-digit, or a flag other than 0/1 is
 * a {@link StatusAnswerException}. A misread answer would put a "ready" on a printer with its head
 * open, which is worse than no status at all.
 */
public final class HostStatusParser {

    static final char STX = 0x02;
    static final char ETX = 0x03;
    /** A real answer is about 90 bytes; far more without three ETX is not a ~HS answer. */
    static final int MAX_ANSWER = 1024;

    private static final int[] FIELDS = {12, 11, 2};

    private HostStatusParser() {
    }

    /** True once {@code len} bytes of {@code answer} hold the third ETX, i.e. nothing more is to be read. */
    public static boolean isComplete(byte[] answer, int len) {
        int etx = 0;
        for (int i = 0; i < len; i++) if (answer[i] == ETX && ++etx == 3) return true;
        return false;
    }

    /** Parses a whole ~HS answer (bytes read as ISO-8859-1); CR LF between and after strings is optional. */
    public static PrinterStatus parse(String answer) throws StatusAnswerException {
        if (answer == null || answer.isEmpty()) throw new StatusAnswerException("empty ~HS answer");
        if (answer.length() > MAX_ANSWER) throw new StatusAnswerException("~HS answer too long (" + answer.length() + " bytes)");
        List<String[]> strings = frames(answer);
        String[] one = strings.get(0), two = strings.get(1);
        return new PrinterStatus(
                flag(one, 1, "string 1 paper out"),
                flag(one, 2, "string 1 pause"),
                flag(two, 2, "string 2 head up"),
                flag(two, 3, "string 2 ribbon out"),
                flag(one, 5, "string 1 buffer full"),
                number(one, 4, "string 1 formats in buffer"),
                number(two, 8, "string 2 labels remaining"),
                flag(one, 10, "string 1 under temperature"),
                flag(one, 11, "string 1 over temperature"),
                flag(one, 9, "string 1 corrupt RAM"));
    }

    /** Splits the answer into its three STX…ETX strings and checks every field is digits. */
    private static List<String[]> frames(String answer) throws StatusAnswerException {
        List<String[]> strings = new ArrayList<>();
        int i = 0;
        while (i < answer.length()) {
            char c = answer.charAt(i);
            if (c == '\r' || c == '\n') { i++; continue; }
            if (c != STX) throw new StatusAnswerException("~HS answer has " + describe(c) + " outside STX…ETX at byte " + i);
            int end = answer.indexOf(ETX, i + 1);
            if (end < 0) throw new StatusAnswerException("~HS answer cut off: string " + (strings.size() + 1) + " has no ETX");
            if (strings.size() == 3) throw new StatusAnswerException("~HS answer has more than three strings");
            String body = answer.substring(i + 1, end);
            if (body.indexOf(STX) >= 0) throw new StatusAnswerException("~HS string " + (strings.size() + 1) + " has an STX inside");
            String[] fields = body.split(",", -1);
            int want = FIELDS[strings.size()];
            if (fields.length != want) {
                throw new StatusAnswerException("~HS string " + (strings.size() + 1) + " has " + fields.length + " fields, not " + want);
            }
            for (int f = 0; f < fields.length; f++) {
                if (fields[f].isEmpty() || !fields[f].chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    throw new StatusAnswerException("~HS string " + (strings.size() + 1) + " field " + (f + 1) + " is not a number: '" + fields[f] + "'");
                }
            }
            strings.add(fields);
            i = end + 1;
        }
        if (strings.size() < 3) throw new StatusAnswerException("~HS answer cut off: " + strings.size() + " of 3 strings");
        return strings;
    }

    private static boolean flag(String[] fields, int index, String what) throws StatusAnswerException {
        return switch (fields[index]) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new StatusAnswerException("~HS " + what + " flag is '" + fields[index] + "', not 0 or 1");
        };
    }

    private static int number(String[] fields, int index, String what) throws StatusAnswerException {
        if (fields[index].length() > 9) throw new StatusAnswerException("~HS " + what + " is too long: '" + fields[index] + "'");
        return Integer.parseInt(fields[index]);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("byte 0x%02x", (int) c);
    }
}

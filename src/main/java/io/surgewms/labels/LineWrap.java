package io.surgewms.labels;

import java.text.BreakIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Wraps address lines into the free lines of a block before anything is cut: a long street line goes on in the
 * line below it (the lines after it move down), at a word boundary, for as long as there is a free line. Only the
 * last line used may still be too long: the renderer then shrinks and cuts it as before. Word boundaries are
 * Unicode line breaks (spaces, after a hyphen, between ideographs), so Chinese and Japanese wrap too.
 */
final class LineWrap {
    private LineWrap() {}

    /**
     * @param slots the block's lines in order, null for an empty one (a missing third line)
     * @param fits  whether a text fits in the slot of that index at the template's full size
     * @return the same number of slots, the text moved up and wrapped into the free ones
     */
    static List<String> wrap(List<String> slots, BiPredicate<Integer, String> fits) {
        Deque<String> queue = new ArrayDeque<>();
        for (String s : slots) if (s != null) queue.add(s);
        if (queue.size() == slots.size() || queue.isEmpty()) return slots;
        List<String> out = new ArrayList<>(slots.size());
        while (!queue.isEmpty()) {
            String s = queue.poll();
            int slot = out.size();
            boolean spare = slots.size() - slot - 1 > queue.size(); // a line is free below for the rest of this one
            if (spare && !fits.test(slot, s)) {
                int cut = breakAt(s, t -> fits.test(slot, t));
                String head = s.substring(0, cut).strip(), tail = s.substring(cut).strip();
                if (!head.isEmpty() && !tail.isEmpty()) {
                    out.add(head);
                    queue.push(tail);
                    continue;
                }
            }
            out.add(s);
        }
        while (out.size() < slots.size()) out.add(null);
        return out;
    }

    /** The longest head of s that fits, ending at a line break; a single word too long for the line breaks inside it. */
    static int breakAt(String s, Predicate<String> fits) {
        BreakIterator words = BreakIterator.getLineInstance(Locale.ROOT);
        words.setText(s);
        int best = 0;
        for (int b = words.next(); b != BreakIterator.DONE && b < s.length(); b = words.next()) {
            if (!fits.test(s.substring(0, b).strip())) break;
            best = b;
        }
        if (best > 0) return best;
        int end = s.offsetByCodePoints(0, 1);
        while (end < s.length()) {
            int next = s.offsetByCodePoints(end, 1);
            if (!fits.test(s.substring(0, next))) break;
            end = next;
        }
        return end;
    }
}

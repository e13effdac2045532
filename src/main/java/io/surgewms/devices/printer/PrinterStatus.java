package io.surgewms.devices.printer;

import java.util.ArrayList;
import java.util.List;

/**
 * What a printer said about itself in its answer to {@code ~HS} (host status). Only the fields the
 * floor acts on are kept; {@link HostStatusParser} builds it and refuses anything it cannot read.
 *
 * @param paperOut        out of labels (string 1, field b)
 * @param paused          paused at the printer, e.g. by the pause key (string 1, field c)
 * @param headOpen        print head up / lid open (string 2, field o)
 * @param ribbonOut       ribbon used up, thermal transfer only (string 2, field p)
 * @param bufferFull      the receive buffer is full and takes no more data (string 1, field f)
 * @param formatsInBuffer label formats received but not printed yet (string 1, field eee)
 * @param labelsRemaining labels still to print in the current batch (string 2, field uuuuuuuu)
 * @param underTemp       head under temperature (string 1, field k)
 * @param overTemp        head over temperature (string 1, field l)
 * @param corruptRam      configuration lost (string 1, field j)
 */
public record PrinterStatus(boolean paperOut, boolean paused, boolean headOpen, boolean ribbonOut,
                            boolean bufferFull, int formatsInBuffer, int labelsRemaining,
                            boolean underTemp, boolean overTemp, boolean corruptRam) {

    /** True when nothing stops the printer from printing the next label. */
    public boolean ready() {
        return problems().isEmpty();
    }

    /** What is wrong, in words for the floor ("paper out", "head open", ...); empty when ready. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (paperOut) problems.add("paper out");
        if (ribbonOut) problems.add("ribbon out");
        if (headOpen) problems.add("head open");
        if (paused) problems.add("paused");
        if (bufferFull) problems.add("buffer full");
        if (underTemp) problems.add("head too cold");
        if (overTemp) problems.add("head too hot");
        if (corruptRam) problems.add("settings lost");
        return List.copyOf(problems);
    }
}

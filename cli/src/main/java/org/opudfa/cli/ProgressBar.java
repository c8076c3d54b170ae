package org.opudfa.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place on stderr with a carriage return, at most a few times
 * per second so that drawing costs nothing measurable. A disabled bar draws nothing (used when
 * the output is not an interactive terminal, so logs do not fill with redraws).
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /**
     * Redraws the bar if enough time has passed since the last redraw, or when done.
     *
     * @param label what is progressing, e.g. "epoch 3/10"
     * @param done  units done
     * @param total units in all
     * @param note  a short note after the bar, e.g. the current loss
     */
    void update(String label, long done, long total, String note) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        StringBuilder line = new StringBuilder("\r").append(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            line.append(i < filled ? '#' : '.');
        }
        line.append("] ").append(done).append('/').append(total).append(' ').append(note).append("   ");
        err.print(line);
        err.flush();
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}

package org.opudfa.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.experiments.run.PointResult;
import org.opudfa.experiments.run.SweepListener;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Reports a sweep's progress on stderr, one line per event: points starting, training epochs,
 * points finished (or skipped because an earlier run finished them). Safe to call from the
 * sweep's worker threads.
 */
final class SweepProgress implements SweepListener {

    private final PrintWriter err;

    SweepProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void pointStarted(SweepSpec sweep, SweepPoint point) {
        err.println("[" + sweep.name() + "] start " + SweepSpec.describe(point.label(), point.varied()));
        err.flush();
    }

    @Override
    public synchronized void epochFinished(SweepSpec sweep, SweepPoint point, EpochMetrics m) {
        String alignment = m.alignment().isEmpty() ? ""
                : String.format(Locale.ROOT, " alignment %.3f", m.meanAlignment());
        StringBuilder measured = new StringBuilder();
        m.values().forEach((name, value) -> {
            // the evaluated sets' metrics (test accuracy, validation PSNR, ...), not their losses
            if (!name.startsWith("train_") && !name.endsWith("_loss")) {
                measured.append(' ').append(name.replace('_', ' ')).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", value));
            }
        });
        err.println(String.format(Locale.ROOT, "[%s] %s: epoch %d%s%s", sweep.name(),
                SweepSpec.describe(point.label(), point.varied()), m.epoch(), measured, alignment));
        err.flush();
    }

    @Override
    public synchronized void pointFinished(SweepSpec sweep, PointResult result, boolean skipped, int done, int total) {
        err.println("[" + sweep.name() + "] " + done + "/" + total + (skipped ? " already done: " : " done: ")
                + SweepSpec.describe(result.point().label(), result.point().varied()));
        err.flush();
    }
}

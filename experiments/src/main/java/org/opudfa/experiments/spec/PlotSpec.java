package org.opudfa.experiments.spec;

import java.util.List;
import java.util.Objects;

/**
 * A line chart of a sweep's results, written as a PNG.
 *
 * @param file   the PNG's file name, e.g. {@code "correlation-vs-bits.png"}
 * @param title  the chart title
 * @param source {@code "results"} (one row per point, wall-clock timings included),
 *               {@code "epochs"} (one row per point and epoch, training sweeps) or
 *               {@code "summary"} (one row per group of repeats, means with their standard
 *               deviations drawn as error bars; sweeps with a {@link SummarySpec})
 * @param x      the column on the horizontal axis
 * @param xLabel the horizontal axis title, with its unit
 * @param y      the columns drawn, one line each (per series)
 * @param yLabel the vertical axis title, with its unit
 * @param series the column whose distinct values split the rows into separate lines, or null
 * @param logX   whether the horizontal axis is logarithmic
 * @param logY   whether the vertical axis is logarithmic
 */
public record PlotSpec(String file, String title, String source, String x, String xLabel, List<String> y,
                       String yLabel, String series, boolean logX, boolean logY) {

    /** The allowed sources. */
    public static final List<String> SOURCES = List.of("results", "epochs", "summary");

    /**
     * @param file   the PNG's file name, e.g. {@code "correlation-vs-bits.png"}
     * @param title  the chart title
     * @param source {@code "results"}, {@code "epochs"} or {@code "summary"}
     * @param x      the column on the horizontal axis
     * @param xLabel the horizontal axis title, with its unit
     * @param y      the columns drawn, one line each (per series)
     * @param yLabel the vertical axis title, with its unit
     * @param series the column whose distinct values split the rows into separate lines, or null
     * @param logX   whether the horizontal axis is logarithmic
     * @param logY   whether the vertical axis is logarithmic
     * @throws NullPointerException if a required field is null
     */
    public PlotSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(xLabel, "xLabel");
        y = List.copyOf(y);
        Objects.requireNonNull(yLabel, "yLabel");
    }
}

package org.opudfa.experiments.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.experiments.spec.PlotSpec;

/**
 * Draws a {@link PlotSpec} as a PNG with XChart, without a display ({@code java.awt.headless}).
 * A numeric x column gives a line chart with markers (points sorted by x within each line); a
 * text x column (a label, a method) gives a grouped bar chart, its category names slanted when
 * they are too long to sit side by side. Rows whose x or y is empty are
 * left out; so are non-positive values on a logarithmic axis. A chart of a summary (means over
 * repeats) draws each mean's standard deviation, the {@code Y_std} column, as an error bar.
 */
public final class PlotRenderer {

    /** Image width, pixels. */
    public static final int WIDTH = 900;
    /** Image height, pixels. */
    public static final int HEIGHT = 560;

    /** Characters of category names that fit side by side under a bar chart; beyond, they are slanted. */
    private static final int MAX_LEVEL_CATEGORY_TEXT = 80;
    /** The slant of category names that do not fit side by side, degrees. */
    private static final int CATEGORY_ROTATION = 60;

    private PlotRenderer() {
    }

    /**
     * @param plot the chart to draw
     * @param rows the table it draws from (column name → value)
     * @param file the PNG to write (atomically)
     * @throws IllegalArgumentException if no row has a value to draw
     */
    public static void render(PlotSpec plot, List<Map<String, Object>> rows, Path file) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        boolean numericX = rows.stream().map(r -> r.get(plot.x())).allMatch(v -> v == null || v instanceof Number);
        Chart<?, ?> chart = numericX ? lines(plot, rows) : bars(plot, rows);
        AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static Map<String, List<Map<String, Object>>> groups(PlotSpec plot, List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String key = plot.series() == null ? "" : seriesName(plot, row.get(plot.series()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String seriesName(PlotSpec plot, Object value) {
        String text = label(value);
        return plot.series().equals("label") ? text : plot.series() + " = " + text;
    }

    private static String lineName(PlotSpec plot, String group, String y) {
        if (group.isEmpty()) {
            return y;
        }
        return plot.y().size() == 1 ? group : group + ", " + y;
    }

    private static XYChart lines(PlotSpec plot, List<Map<String, Object>> rows) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                .xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(plot.logX());
        chart.getStyler().setYAxisLogarithmic(plot.logY());
        int drawn = 0;
        for (Map.Entry<String, List<Map<String, Object>>> g : groups(plot, rows).entrySet()) {
            for (String y : plot.y()) {
                List<double[]> points = new ArrayList<>();
                for (Map<String, Object> row : g.getValue()) {
                    Double xv = number(row.get(plot.x()));
                    Double yv = number(row.get(y));
                    if (xv == null || yv == null || (plot.logX() && xv <= 0) || (plot.logY() && yv <= 0)) {
                        continue;
                    }
                    points.add(new double[] {xv, yv, errorBar(plot, row, y)});
                }
                if (points.isEmpty()) {
                    continue;
                }
                points.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
                double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
                if (isSummary(plot)) {
                    double[] errors = points.stream().mapToDouble(p -> p[2]).toArray();
                    chart.addSeries(lineName(plot, g.getKey(), y), xs, ys, errors).setMarker(SeriesMarkers.CIRCLE);
                } else {
                    chart.addSeries(lineName(plot, g.getKey(), y), xs, ys).setMarker(SeriesMarkers.CIRCLE);
                }
                drawn++;
            }
        }
        if (drawn == 0) {
            throw new IllegalArgumentException("plot " + plot.file() + " has no values to draw");
        }
        return chart;
    }

    private static CategoryChart bars(PlotSpec plot, List<Map<String, Object>> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(plot.title())
                .xAxisTitle(plot.xLabel()).yAxisTitle(plot.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(plot.logY());
        int drawn = 0;
        for (Map.Entry<String, List<Map<String, Object>>> g : groups(plot, rows).entrySet()) {
            for (String y : plot.y()) {
                List<String> xs = new ArrayList<>();
                List<Number> ys = new ArrayList<>();
                List<Number> errors = new ArrayList<>();
                for (Map<String, Object> row : g.getValue()) {
                    Double yv = number(row.get(y));
                    if (row.get(plot.x()) == null || yv == null) {
                        continue;
                    }
                    xs.add(label(row.get(plot.x())));
                    ys.add(yv);
                    errors.add(errorBar(plot, row, y));
                }
                if (!xs.isEmpty()) {
                    if (isSummary(plot)) {
                        chart.addSeries(lineName(plot, g.getKey(), y), xs, ys, errors);
                    } else {
                        chart.addSeries(lineName(plot, g.getKey(), y), xs, ys);
                    }
                    drawn++;
                }
            }
        }
        if (drawn == 0) {
            throw new IllegalArgumentException("plot " + plot.file() + " has no values to draw");
        }
        int categoryText = rows.stream().map(r -> label(r.get(plot.x()))).distinct().mapToInt(String::length).sum();
        if (categoryText > MAX_LEVEL_CATEGORY_TEXT) {
            // too much text to sit side by side under the bars
            chart.getStyler().setXAxisLabelRotation(CATEGORY_ROTATION);
        }
        return chart;
    }

    private static boolean isSummary(PlotSpec plot) {
        return plot.source().equals("summary");
    }

    /** The standard deviation drawn around a summary's mean (0 when there is none), else 0. */
    private static double errorBar(PlotSpec plot, Map<String, Object> row, String y) {
        if (!isSummary(plot)) {
            return 0;
        }
        Double std = number(row.get(org.opudfa.experiments.spec.SummarySpec.std(y)));
        return std == null ? 0 : std;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendVisible(true);
        styler.setAntiAlias(true);
    }

    /**
     * @param value a cell
     * @return short text for a legend or a category: real numbers without trailing zeros
     *     ({@code 3.0} is {@code "3"}, {@code 1e-4} is {@code "0.0001"}), very large or small ones in
     *     scientific notation with three significant digits
     */
    static String label(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            double a = Math.abs(d);
            if (a == 0 || (a >= 1e-4 && a < 1e7)) {
                return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            }
            return String.format(java.util.Locale.ROOT, "%.3g", d);
        }
        return ResultFiles.cell(value);
    }

    private static Double number(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }
}

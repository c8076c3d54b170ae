package org.opudfa.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opudfa.dfa.task.Task;
import org.opudfa.experiments.run.SweepOutcome;
import org.opudfa.experiments.run.SweepRunner;
import org.opudfa.experiments.spec.Columns;
import org.opudfa.experiments.spec.ImageGridSpec;
import org.opudfa.experiments.spec.PlotSpec;
import org.opudfa.experiments.spec.SummarySpec;
import org.opudfa.experiments.spec.SweepKind;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * The {@code results.md} written beside a run's files: for each sweep, its description, the
 * settings its points share (so a quick run, smaller than its description, says what it ran), a table
 * of the varied parameters and measurements (four significant digits), the wall-clock timings in
 * a table of their own, for a sweep summarised over repeats the means and standard deviations
 * ({@link RepeatSummary}), and its charts. The results table shows the kind's columns and, for a
 * summarised sweep, the summarised ones, else every column the points measured.
 */
public final class ResultsMarkdown {

    private ResultsMarkdown() {
    }

    /**
     * @param title       the document's heading
     * @param description a paragraph under it, possibly empty
     * @param command     the command that regenerates the results
     * @param sweeps      the finished sweeps
     * @param plotFolder  where the charts are, relative to {@code results.md} ("" for beside it)
     * @return the markdown text
     */
    public static String render(String title, String description, String command, List<SweepOutcome> sweeps,
                                String plotFolder) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        if (!description.isEmpty()) {
            md.append(description).append("\n\n");
        }
        md.append("Regenerate with `").append(command).append("`.\n\n");
        for (SweepOutcome s : sweeps) {
            SweepSpec spec = s.spec();
            if (sweeps.size() > 1) {
                md.append("## ").append(spec.name()).append(" (").append(spec.kind().spelling()).append(")\n\n");
            }
            if (!spec.description().isEmpty()) {
                md.append(spec.description()).append("\n\n");
            }
            md.append("Settings shared by every point (others at their defaults): ").append(shared(spec))
                    .append(".\n\n");
            List<String> keys = new ArrayList<>(ResultFiles.keyColumns(spec));
            keys.remove(Columns.POINT);
            List<Map<String, Object>> results = ResultFiles.rows(spec, s.results(), "results");
            List<Map<String, Object>> timings = ResultFiles.rows(spec, s.results(), "timings");
            List<String> shown = spec.summary() != null
                    ? Columns.withMeasured(Columns.results(spec.kind()), keys, List.of(summaryColumns(spec)))
                    : Columns.withMeasured(Columns.results(spec.kind()), ResultFiles.keyColumns(spec), results);
            if (spec.summary() != null) {
                md.append("Mean ± sample standard deviation over the values of `").append(spec.summary().over())
                        .append("` (").append(SummarySpec.RUNS).append(": how many):\n\n");
                md.append(summaryTable(spec, RepeatSummary.rows(spec, s.results())));
                md.append("\nEvery run:\n\n");
            }
            md.append(table(keys, shown, results));
            md.append("\nWall-clock timings on the machine that ran it (not reproducible):\n\n");
            md.append(table(keys, Columns.withMeasured(Columns.timings(spec.kind()), ResultFiles.keyColumns(spec), timings),
                    timings));
            md.append('\n');
            for (PlotSpec plot : spec.plots()) {
                md.append("![").append(plot.title()).append("](").append(plotFolder).append(plot.file())
                        .append(")\n\n");
            }
            for (ImageGridSpec grid : spec.imageGrids()) {
                md.append("![").append(grid.title()).append("](").append(plotFolder).append(grid.file())
                        .append(")\n\n");
            }
            appendReports(md, s);
        }
        return md.toString();
    }

    /**
     * What each training point's task said about its trained model ({@link Task#REPORT_FILE} in the
     * point's folder), under the point's label; nothing when no point wrote one.
     */
    private static void appendReports(StringBuilder md, SweepOutcome s) {
        if (s.spec().kind() != SweepKind.TRAINING || s.folder() == null) {
            return;
        }
        StringBuilder reports = new StringBuilder();
        for (SweepPoint p : s.spec().points()) {
            Path file = SweepRunner.pointFolder(s.folder(), p).resolve(Task.REPORT_FILE);
            if (Files.isRegularFile(file)) {
                try {
                    reports.append("**").append(p.label() != null ? p.label() : p.id()).append("**\n\n")
                            .append(Files.readString(file, StandardCharsets.UTF_8).strip()).append("\n\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + file, e);
                }
            }
        }
        if (reports.length() > 0) {
            md.append("What each point's trained model does, as its task reports it:\n\n").append(reports);
        }
    }

    private static Map<String, Object> summaryColumns(SweepSpec spec) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        spec.summary().columns().forEach(c -> m.put(c, null));
        return m;
    }

    private static String summaryTable(SweepSpec spec, List<Map<String, Object>> rows) {
        List<String> keys = RepeatSummary.keyColumns(spec);
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(spec.summary().columns());
        columns.add(SummarySpec.RUNS);
        StringBuilder md = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (String c : columns) {
            md.append(keys.contains(c) ? "---|" : "---:|");
        }
        md.append('\n');
        for (Map<String, Object> row : rows) {
            md.append('|');
            for (String c : columns) {
                String cell;
                if (keys.contains(c) || c.equals(SummarySpec.RUNS)) {
                    cell = format(row.get(c));
                } else if (row.get(c) == null) {
                    cell = "";
                } else if (row.get(SummarySpec.std(c)) == null) {
                    cell = format(row.get(c));
                } else {
                    cell = format(row.get(c)) + " ± " + format(row.get(SummarySpec.std(c)));
                }
                md.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * @param spec a sweep
     * @return the settings every point has in common, as {@code name=value} pairs, or "none"
     */
    static String shared(SweepSpec spec) {
        Map<String, Object> first = spec.points().get(0).settings();
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : first.entrySet()) {
            boolean common = spec.points().stream()
                    .allMatch(p -> java.util.Objects.equals(p.settings().get(e.getKey()), e.getValue()));
            if (common) {
                sb.append(sb.length() == 0 ? "" : ", ").append('`').append(e.getKey()).append('=')
                        .append(ResultFiles.cell(e.getValue()).replace(';', ',')).append('`');
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String table(List<String> keys, List<String> measures, List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(keys);
        for (String m : measures) {
            if (rows.stream().anyMatch(r -> r.get(m) != null)) {
                columns.add(m);
            }
        }
        StringBuilder md = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (String c : columns) {
            md.append(keys.contains(c) ? "---|" : "---:|");
        }
        md.append('\n');
        for (Map<String, Object> row : rows) {
            md.append('|');
            for (String c : columns) {
                md.append(' ').append(format(row.get(c)).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * @param value a table cell
     * @return four significant digits for real numbers, the text of anything else, empty for null
     */
    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return ResultFiles.cell(value);
    }
}

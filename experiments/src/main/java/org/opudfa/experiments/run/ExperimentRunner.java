package org.opudfa.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.dfa.io.Provenance;
import org.opudfa.experiments.report.ImageGrid;
import org.opudfa.experiments.report.PlotRenderer;
import org.opudfa.experiments.report.ResultFiles;
import org.opudfa.experiments.report.ResultsMarkdown;
import org.opudfa.experiments.spec.Columns;
import org.opudfa.experiments.spec.ExperimentSpec;
import org.opudfa.experiments.spec.ImageGridSpec;
import org.opudfa.experiments.spec.PlotSpec;
import org.opudfa.experiments.spec.SweepKind;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Runs an experiment (each sweep in its own sub-folder) or a stand-alone sweep (in the output
 * folder itself), then writes the report beside the results: the charts (PNG), {@code results.md}
 * and {@value #PROVENANCE} (configuration of every point, project, Java and OS versions, cores,
 * data files by name with their SHA-256).
 *
 * <p>Layout of an experiment run in {@code OUT}:
 * <pre>
 *   OUT/results.md, OUT/provenance.json, OUT/*.png
 *   OUT/SWEEP/results.csv, results.jsonl, timings.csv, [epochs.csv, epochs.jsonl], points/ID.json
 *   OUT/SWEEP/points/ID/   what a training point's task wrote (images), for image grids
 * </pre>
 */
public final class ExperimentRunner {

    /** The provenance file's name. */
    public static final String PROVENANCE = "provenance.json";
    /** The markdown summary's name. */
    public static final String RESULTS_MD = "results.md";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SweepRunner sweeps;
    private final int jobs;
    private final String projectVersion;

    /**
     * @param jobs           points run at once, at least 1
     * @param listener       receives progress
     * @param projectVersion the opu-dfa version, for provenance
     * @throws IllegalArgumentException if {@code jobs < 1}
     */
    public ExperimentRunner(int jobs, SweepListener listener, String projectVersion) {
        this(jobs, listener, projectVersion, true);
    }

    /**
     * @param jobs           points run at once, at least 1
     * @param listener       receives progress
     * @param projectVersion the opu-dfa version, for provenance
     * @param resume         whether points finished by an earlier run in the same folder are
     *                       read back instead of run again
     * @throws IllegalArgumentException if {@code jobs < 1}
     */
    public ExperimentRunner(int jobs, SweepListener listener, String projectVersion, boolean resume) {
        this.sweeps = new SweepRunner(jobs, listener, resume);
        this.jobs = jobs;
        this.projectVersion = projectVersion;
    }

    /**
     * @param spec    the experiment
     * @param out     the output folder
     * @param command the command that regenerates it, for the report
     * @return the outcome
     */
    public ExperimentOutcome run(ExperimentSpec spec, Path out, String command) {
        Provenance started = capture(command, spec.name(), spec.quick(), spec.sweeps());
        List<SweepOutcome> outcomes = new ArrayList<>();
        for (SweepSpec s : spec.sweeps()) {
            outcomes.add(sweeps.run(s, out.resolve(s.name())));
        }
        String title = spec.name() + (spec.quick() ? " (quick)" : "") + ": " + spec.title();
        return report(out, title, spec.description(), command, outcomes, started);
    }

    /**
     * Runs a stand-alone sweep with its files directly in {@code out}. A sweep without plots gets
     * one ({@link #defaultPlot}).
     *
     * @param spec    the sweep
     * @param out     the output folder
     * @param command the command that regenerates it, for the report
     * @return the outcome
     */
    public ExperimentOutcome runSweep(SweepSpec spec, Path out, String command) {
        SweepSpec withPlots = spec.plots().isEmpty()
                ? new SweepSpec(spec.name(), spec.kind(), spec.description(), spec.points(), List.of(defaultPlot(spec)),
                        null, List.of(), spec.epochsEvery())
                : spec;
        Provenance started = capture(command, spec.name(), false, List.of(withPlots));
        SweepOutcome outcome = sweeps.run(withPlots, out);
        return report(out, "sweep " + spec.name(), spec.description(), command, List.of(outcome), started);
    }

    private ExperimentOutcome report(Path out, String title, String description, String command,
                                     List<SweepOutcome> outcomes, Provenance started) {
        List<Path> plots = new ArrayList<>();
        for (SweepOutcome o : outcomes) {
            for (PlotSpec plot : o.spec().plots()) {
                String table = plot.source().equals("results") ? "plot" : plot.source();
                Path file = out.resolve(plot.file());
                PlotRenderer.render(plot, ResultFiles.rows(o.spec(), o.results(), table), file);
                plots.add(file);
            }
            for (ImageGridSpec grid : o.spec().imageGrids()) {
                Path file = out.resolve(grid.file());
                ImageGrid.render(grid, gridRows(grid, o), file);
                plots.add(file);
            }
        }
        AtomicFiles.writeString(out.resolve(RESULTS_MD), ResultsMarkdown.render(title, description, command, outcomes,
                ""));
        Map<String, String> files = new LinkedHashMap<>();
        List<String> data = new ArrayList<>();
        for (SweepOutcome o : outcomes) {
            for (PointResult r : o.results()) {
                files.putAll(r.files());
                if (!r.data().isEmpty() && !data.contains(r.data())) {
                    data.add(r.data());
                }
            }
        }
        Provenance p = new Provenance(started.command(), started.configuration(), started.seed(),
                started.projectVersion(), started.javaVersion(), started.os(), started.threads(), started.cores(),
                files, data.isEmpty() ? "generated (no data files)" : String.join("; ", data), started.startedAt());
        AtomicFiles.write(out.resolve(PROVENANCE), stream -> JSON.writeValue(stream, p));
        return new ExperimentOutcome(out, outcomes, plots);
    }

    /** The rows of an image grid: the header from the first point's folder, then each point's image. */
    private static List<ImageGrid.Row> gridRows(ImageGridSpec grid, SweepOutcome o) {
        List<ImageGrid.Row> rows = new ArrayList<>();
        List<SweepPoint> points = o.spec().points();
        if (grid.header() != null) {
            rows.add(new ImageGrid.Row(grid.headerLabel(), SweepRunner.pointFolder(o.folder(), points.get(0))
                    .resolve(grid.header())));
        }
        for (SweepPoint p : points) {
            rows.add(new ImageGrid.Row(p.label() != null ? p.label() : p.id(), SweepRunner.pointFolder(o.folder(), p)
                    .resolve(grid.image())));
        }
        return rows;
    }

    private Provenance capture(String command, String name, boolean quick, List<SweepSpec> specs) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("name", name);
        configuration.put("quick", quick);
        configuration.put("jobs", jobs);
        configuration.put("threadsPerPoint", 1);
        Map<String, Object> sweepMap = new LinkedHashMap<>();
        long seed = 0;
        boolean seedFound = false;
        for (SweepSpec s : specs) {
            List<Map<String, Object>> points = new ArrayList<>();
            for (SweepPoint p : s.points()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", p.id());
                if (p.label() != null) {
                    entry.put(Columns.LABEL, p.label());
                }
                entry.put("settings", p.settings());
                points.add(entry);
                if (!seedFound && p.settings().get("seed") instanceof Long l) {
                    seed = l;
                    seedFound = true;
                }
            }
            Map<String, Object> sweep = new LinkedHashMap<>();
            sweep.put("kind", s.kind().spelling());
            sweep.put("points", points);
            sweepMap.put(s.name(), sweep);
        }
        configuration.put("sweeps", sweepMap);
        return Provenance.capture(command, configuration, seed, projectVersion, jobs, Map.of(), "");
    }

    /**
     * The chart a sweep without plots gets: its main measurement (test accuracy, correlation, or
     * OPU and CPU seconds) against the first varied column, one line per value of the second varied
     * column when there is one (or per label).
     *
     * @param spec a sweep
     * @return the chart {@code SWEEP.png}
     */
    public static PlotSpec defaultPlot(SweepSpec spec) {
        List<String> varied = spec.variedColumns();
        String x = !varied.isEmpty() ? varied.get(0) : spec.labelled() ? Columns.LABEL : Columns.POINT;
        String series = spec.labelled() && !varied.isEmpty() ? Columns.LABEL : varied.size() > 1 ? varied.get(1) : null;
        boolean logX = spec.points().stream().map(p -> p.varied().get(x)).allMatch(v -> v instanceof Number n
                && n.doubleValue() > 0) && spread(spec, x) >= 100;
        List<String> y;
        String yLabel;
        if (spec.kind() == SweepKind.TRAINING) {
            y = List.of("test_accuracy");
            yLabel = "test accuracy (fraction correct)";
        } else if (spec.kind() == SweepKind.FIDELITY) {
            y = List.of("correlation");
            yLabel = "correlation with the exact projection";
        } else {
            y = List.of("opu_seconds", "cpu_seconds");
            yLabel = "time per batch projection (s)";
        }
        return new PlotSpec(spec.name() + ".png", spec.name() + ": " + String.join(", ", y) + " against " + x, "results",
                x, x, y, yLabel, series, logX, spec.kind() == SweepKind.COST);
    }

    private static double spread(SweepSpec spec, String x) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SweepPoint p : spec.points()) {
            double v = ((Number) p.varied().get(x)).doubleValue();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max / min;
    }
}

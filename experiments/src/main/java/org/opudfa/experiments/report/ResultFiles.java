package org.opudfa.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opudfa.dfa.io.AtomicFiles;
import org.opudfa.experiments.run.PointResult;
import org.opudfa.experiments.spec.Columns;
import org.opudfa.experiments.spec.SweepKind;
import org.opudfa.experiments.spec.SweepSpec;

/**
 * Writes a sweep's tables, one row per point in the spec's order:
 * <ul>
 *   <li>{@value #RESULTS_CSV} and {@value #RESULTS_JSONL}: the point id, its label, the varied
 *       parameters and the reproducible measurements ({@link Columns#results}, then those of the
 *       points' tasks, {@link Columns#withMeasured}); rerunning with
 *       the same seeds rewrites them byte for byte;</li>
 *   <li>{@value #EPOCHS_CSV} and {@value #EPOCHS_JSONL} (training): the same per epoch;</li>
 *   <li>{@value #TIMINGS_CSV}: wall-clock measurements ({@link Columns#timings}), which are not
 *       reproducible and so kept apart;</li>
 *   <li>{@value #SUMMARY_CSV}, for a sweep with a summary: the means and standard deviations over
 *       repeats ({@link RepeatSummary}).</li>
 * </ul>
 * Beside a kind's fixed columns, the results and epoch tables hold every other column the points
 * measured (a task's {@code SET_METRIC} columns, {@link Columns#withMeasured}).
 * CSV numbers are written with six significant digits in a locale-independent format; JSON lines
 * keep full precision. Empty cells (JSON null) mark measurements that do not exist for the point.
 */
public final class ResultFiles {

    /** Reproducible results, CSV. */
    public static final String RESULTS_CSV = "results.csv";
    /** Reproducible results, JSON lines. */
    public static final String RESULTS_JSONL = "results.jsonl";
    /** Per-epoch results of training sweeps, CSV. */
    public static final String EPOCHS_CSV = "epochs.csv";
    /** Per-epoch results of training sweeps, JSON lines. */
    public static final String EPOCHS_JSONL = "epochs.jsonl";
    /** Wall-clock timings, CSV. */
    public static final String TIMINGS_CSV = "timings.csv";
    /** Means and standard deviations over repeats, CSV. */
    public static final String SUMMARY_CSV = "summary.csv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultFiles() {
    }

    /**
     * Writes every table of a sweep into its folder (atomically, file by file).
     *
     * @param spec    the sweep
     * @param results one per point, in order
     * @param folder  the sweep's folder
     */
    public static void writeSweep(SweepSpec spec, List<PointResult> results, Path folder) {
        List<String> keys = keyColumns(spec);
        List<String> resultColumns = new ArrayList<>(keys);
        List<Map<String, Object>> rows = rows(spec, results, "results");
        resultColumns.addAll(Columns.withMeasured(Columns.results(spec.kind()), keys, rows));
        AtomicFiles.writeString(folder.resolve(RESULTS_CSV), csv(resultColumns, rows));
        AtomicFiles.writeString(folder.resolve(RESULTS_JSONL), jsonl(rows));
        List<String> timingColumns = new ArrayList<>(keys);
        List<Map<String, Object>> timings = rows(spec, results, "timings");
        timingColumns.addAll(Columns.withMeasured(Columns.timings(spec.kind()), keys, timings));
        AtomicFiles.writeString(folder.resolve(TIMINGS_CSV), csv(timingColumns, timings));
        if (spec.kind() == SweepKind.TRAINING) {
            List<String> epochColumns = new ArrayList<>(keys);
            epochColumns.add(Columns.EPOCH);
            List<Map<String, Object>> epochs = rows(spec, results, "epochs");
            epochColumns.addAll(Columns.withMeasured(Columns.epochs(spec.kind()), epochColumns, epochs));
            AtomicFiles.writeString(folder.resolve(EPOCHS_CSV), csv(epochColumns, epochs));
            AtomicFiles.writeString(folder.resolve(EPOCHS_JSONL), jsonl(epochs));
        }
        if (spec.summary() != null) {
            AtomicFiles.writeString(folder.resolve(SUMMARY_CSV), csv(RepeatSummary.columns(spec),
                    RepeatSummary.rows(spec, results)));
        }
    }

    /**
     * @param spec a sweep
     * @return the columns that identify a row: point id, label (when the spec has labels), varied parameters
     */
    public static List<String> keyColumns(SweepSpec spec) {
        List<String> keys = new ArrayList<>();
        keys.add(Columns.POINT);
        if (spec.labelled()) {
            keys.add(Columns.LABEL);
        }
        keys.addAll(spec.variedColumns());
        return keys;
    }

    /**
     * @param spec    the sweep
     * @param results one per point
     * @param table   {@code "results"}, {@code "timings"}, {@code "epochs"} (one row per epoch),
     *                {@code "plot"} (results and timings together, for charts) or {@code "summary"}
     *                (one row per group of repeats, {@link RepeatSummary})
     * @return the rows of that table: key columns then measurements
     */
    public static List<Map<String, Object>> rows(SweepSpec spec, List<PointResult> results, String table) {
        if (table.equals("summary")) {
            return RepeatSummary.rows(spec, results);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PointResult r : results) {
            Map<String, Object> key = new LinkedHashMap<>();
            key.put(Columns.POINT, r.point().id());
            if (spec.labelled()) {
                key.put(Columns.LABEL, r.point().label());
            }
            key.putAll(r.point().varied());
            switch (table) {
                case "results" -> rows.add(join(key, r.results()));
                case "timings" -> rows.add(join(key, r.timings()));
                case "plot" -> rows.add(join(join(key, r.results()), r.timings()));
                case "epochs" -> {
                    List<Map<String, Object>> epochs = r.epochs();
                    for (int i = 0; i < epochs.size(); i++) {
                        if (recorded(spec, epochs.get(i), i == epochs.size() - 1)) {
                            rows.add(join(key, epochs.get(i)));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("table must be results, timings, epochs, plot or "
                        + "summary, got '" + table + "'");
            }
        }
        return rows;
    }

    /**
     * @return whether the per-epoch tables keep this epoch: the first, every
     *     {@link SweepSpec#epochsEvery()}-th and the point's last
     */
    private static boolean recorded(SweepSpec spec, Map<String, Object> epoch, boolean last) {
        if (spec.epochsEvery() == 1 || last || !(epoch.get(Columns.EPOCH) instanceof Number n)) {
            return true;
        }
        long e = n.longValue();
        return e == 1 || e % spec.epochsEvery() == 0;
    }

    private static Map<String, Object> join(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    /**
     * @param columns the header
     * @param rows    the rows (missing keys are empty cells)
     * @return CSV text, one line per row, {@code \n} line ends
     */
    public static String csv(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Object> row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                sb.append(c == 0 ? "" : ",").append(quote(cell(row.get(columns.get(c)))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String jsonl(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> row : rows) {
            try {
                sb.append(JSON.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("could not encode a result row as JSON", e);
            }
        }
        return sb.toString();
    }

    /**
     * @param value a measurement or parameter value
     * @return its CSV text: empty for null, six significant digits for real numbers, lists joined by {@code ;}
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.6g", ((Number) value).doubleValue());
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object o : list) {
                sb.append(sb.length() == 0 ? "" : ";").append(cell(o));
            }
            return sb.toString();
        }
        return value.toString();
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

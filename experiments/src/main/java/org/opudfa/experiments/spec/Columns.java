package org.opudfa.experiments.spec;

import java.util.List;

/**
 * The measured columns each kind of sweep writes, beside the varied parameters: results (one row
 * per point, reproducible: the same seed gives the same values), timings (one row per point,
 * wall-clock, differs between runs and machines) and, for training, epochs (one row per point and
 * epoch, reproducible).
 *
 * <p>Training points also measure what their task's run evaluates, named by set and metric
 * ({@code val_psnr}, {@code test_auc}, {@code best_test_psnr}), count the items their task trains on
 * per epoch ({@code samples}, {@code rays}, {@code tokens}: the total seen by the end of each
 * epoch) and time them ({@code rays_per_second}). Those columns depend on the task, so the tables
 * hold them when the points measured them ({@link #withMeasured}) and a spec may name any column of
 * those forms ({@link #isTaskColumn}).
 */
public final class Columns {

    /** The column holding a point's id in every file. */
    public static final String POINT = "point";
    /** The column holding an explicit point's label, when the spec gives labels. */
    public static final String LABEL = "label";
    /** The column holding the epoch number in epoch files. */
    public static final String EPOCH = "epoch";

    private static final java.util.regex.Pattern TASK_RESULT =
            java.util.regex.Pattern.compile("(best_)?(train|val|validation|test)_[a-z0-9_]+");
    private static final java.util.regex.Pattern ITEMS = java.util.regex.Pattern.compile("[a-z]+");
    private static final java.util.regex.Pattern ITEM_RATE = java.util.regex.Pattern.compile("[a-z]+_per_second");

    private Columns() {
    }

    /**
     * @param table  {@code "results"}, {@code "timings"} or {@code "epochs"}
     * @param column a column name
     * @return whether it has the form of a column a training task's points measure in that table:
     *     a set's metric (results, epochs), an item count (epochs) or an item rate (timings)
     */
    public static boolean isTaskColumn(String table, String column) {
        return switch (table) {
            case "results" -> TASK_RESULT.matcher(column).matches();
            case "epochs" -> TASK_RESULT.matcher(column).matches() || ITEMS.matcher(column).matches();
            case "timings" -> ITEM_RATE.matcher(column).matches();
            default -> false;
        };
    }

    /**
     * @param kind   the sweep kind
     * @param column a column name
     * @return whether it has the form of a column a training task's points measure in their
     *     results: a set's metric, {@code SET_METRIC} or {@code best_SET_METRIC}
     */
    public static boolean isTaskColumn(SweepKind kind, String column) {
        return kind == SweepKind.TRAINING && isTaskColumn("results", column);
    }

    /**
     * @param fixed the columns of the kind, in order
     * @param keys  the columns identifying a row, left out
     * @param rows  the rows measured
     * @return the columns of {@code fixed} that some row holds (even empty), then every other column
     *     the rows hold, in the order first met
     */
    public static List<String> withMeasured(List<String> fixed, List<String> keys,
                                            List<java.util.Map<String, Object>> rows) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        for (String c : fixed) {
            if (rows.isEmpty() || rows.stream().anyMatch(r -> r.containsKey(c))) {
                all.add(c);
            }
        }
        for (java.util.Map<String, Object> row : rows) {
            for (String c : row.keySet()) {
                if (!keys.contains(c)) {
                    all.add(c);
                }
            }
        }
        return List.copyOf(all);
    }

    /**
     * @param kind the sweep kind
     * @return the reproducible per-point measurements of that kind
     */
    public static List<String> results(SweepKind kind) {
        return switch (kind) {
            case TRAINING -> List.of("test_accuracy", "best_test_accuracy", "test_loss", "train_loss",
                    "train_accuracy", "alignment_mean", "opu_frames", "opu_device_seconds", "opu_device_joules",
                    "diverged");
            case FIDELITY -> List.of("correlation", "relative_rmse", "snr_db", "saturated_fraction",
                    "frames_per_vector", "device_seconds_per_vector");
            case COST -> List.of("opu_frames", "opu_frames_per_vector", "opu_seconds", "opu_joules", "cpu_flops",
                    "cpu_matrix_bytes");
        };
    }

    /**
     * @param kind the sweep kind
     * @return the wall-clock per-point measurements of that kind
     */
    public static List<String> timings(SweepKind kind) {
        return switch (kind) {
            case TRAINING -> List.of("seconds", "samples_per_second");
            case FIDELITY -> List.of("seconds");
            case COST -> List.of("cpu_seconds", "cpu_joules", "cpu_gflops", "cpu_extrapolated");
        };
    }

    /**
     * @param kind the sweep kind
     * @return the per-epoch measurements of that kind (empty for kinds without epochs)
     */
    public static List<String> epochs(SweepKind kind) {
        return kind == SweepKind.TRAINING
                ? List.of("step", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "alignment_mean",
                        "alignment_per_layer", "opu_frames", "opu_device_seconds", "opu_device_joules")
                : List.of();
    }
}

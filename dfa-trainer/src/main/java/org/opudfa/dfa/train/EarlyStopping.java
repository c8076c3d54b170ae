package org.opudfa.dfa.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stops a run when a monitored column (e.g. {@code validation_auc}) has not improved for
 * {@code patience} evaluations, and keeps the evaluation columns of the best epoch so far beside
 * each epoch's own: {@code best_epoch} and {@code best_<column>} for every column but the training
 * ones ({@code best_test_auc} is the test AUC of the epoch with the best validation AUC). Everything
 * is derived from the run's history, so a resumed run stops where the uninterrupted one would have.
 *
 * @param monitor        the column watched, e.g. {@code "validation_auc"}
 * @param higherIsBetter whether larger values of it are better
 * @param patience       stop after this many epochs without improvement, at least 1
 */
public record EarlyStopping(String monitor, boolean higherIsBetter, int patience) {

    /** The column holding the best epoch's number. */
    public static final String BEST_EPOCH = "best_epoch";
    /** The prefix of the best epoch's columns. */
    public static final String BEST_PREFIX = "best_";

    /**
     * Validates.
     *
     * @param monitor        the column watched
     * @param higherIsBetter whether larger values are better
     * @param patience       epochs without improvement before stopping, at least 1
     * @throws IllegalArgumentException if the patience is below 1
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience < 1) {
            throw new IllegalArgumentException("the early-stopping patience must be at least 1 epoch, got " + patience);
        }
    }

    /**
     * The best epoch's columns, as of the epoch just measured.
     *
     * @param history the epochs before it
     * @param current its columns
     * @param epoch   its number
     * @return {@code best_epoch} and {@code best_<column>} for every non-training column of the
     *     epoch just measured, with the values of the best epoch; NaN while no epoch has a finite
     *     monitored value
     */
    public Map<String, Double> bestColumns(List<EpochMetrics> history, Map<String, Double> current, int epoch) {
        Map<String, Double> best = current;
        int bestEpoch = epoch;
        double bestValue = value(current);
        for (EpochMetrics m : history) {
            double v = value(m.values());
            if (better(v, bestValue) || (v == bestValue && m.epoch() < bestEpoch)) {
                best = m.values();
                bestEpoch = m.epoch();
                bestValue = v;
            }
        }
        // the same columns every epoch, NaN until an epoch has a finite monitored value
        boolean none = Double.isNaN(bestValue);
        Map<String, Double> columns = new LinkedHashMap<>();
        columns.put(BEST_EPOCH, none ? Double.NaN : bestEpoch);
        for (String name : current.keySet()) {
            if (!name.startsWith("train_") && !name.startsWith(BEST_PREFIX)) {
                Double v = best.get(name);
                columns.put(BEST_PREFIX + name, none || v == null ? Double.NaN : v);
            }
        }
        return columns;
    }

    /**
     * @param columns the columns of an epoch before early stopping adds its own, in order
     * @return the columns {@link #bestColumns} adds, in order
     */
    public static java.util.List<String> bestColumnNames(java.util.List<String> columns) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(BEST_EPOCH);
        for (String name : columns) {
            if (!name.startsWith("train_") && !name.startsWith(BEST_PREFIX)) {
                names.add(BEST_PREFIX + name);
            }
        }
        return names;
    }

    /**
     * @param history the epochs so far, the last one just measured
     * @return whether the monitored column has not improved for {@code patience} epochs
     */
    public boolean shouldStop(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            return false;
        }
        EpochMetrics last = history.get(history.size() - 1);
        double best = last.value(BEST_EPOCH);
        return !Double.isNaN(best) && last.epoch() - (int) best >= patience;
    }

    private double value(Map<String, Double> values) {
        Double v = values.get(monitor);
        return v == null || Double.isInfinite(v) ? Double.NaN : v;
    }

    private boolean better(double v, double than) {
        if (Double.isNaN(v)) {
            return false;
        }
        return Double.isNaN(than) || (higherIsBetter ? v > than : v < than);
    }
}

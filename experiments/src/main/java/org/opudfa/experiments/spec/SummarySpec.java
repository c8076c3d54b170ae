package org.opudfa.experiments.spec;

import java.util.List;
import java.util.Objects;

/**
 * How a sweep's results are summarised over repeats: the points that differ only in the grid
 * parameter {@code over} (typically {@code seed}) form a group, and each listed column is reported
 * as its mean and sample standard deviation over the group. JSON form, in a sweep:
 * {@code "summary": { "over": "seed", "columns": ["test_accuracy", "alignment_mean"] }}.
 *
 * @param over    the grid parameter whose values are repeats
 * @param columns the result columns summarised, in order
 */
public record SummarySpec(String over, List<String> columns) {

    /**
     * Copies the list.
     *
     * @param over    the grid parameter whose values are repeats
     * @param columns the result columns summarised
     */
    public SummarySpec {
        Objects.requireNonNull(over, "over");
        columns = List.copyOf(columns);
    }

    /**
     * @param column a summarised column
     * @return the column holding its standard deviation in the summary table, {@code COLUMN_std}
     */
    public static String std(String column) {
        return column + "_std";
    }

    /** The column of the summary table holding how many repeats a group has. */
    public static final String RUNS = "runs";
}

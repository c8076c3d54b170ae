package org.opudfa.dfa.train;

import java.util.List;
import java.util.Objects;

import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.metric.Metric;

/**
 * A data set the trainer evaluates after every epoch (inference mode), with the metrics to
 * measure on it besides the loss. Its columns are {@code NAME_loss} and {@code NAME_METRIC}.
 *
 * @param name    the set's name, e.g. {@code "test"}, {@code "validation"}
 * @param source  its batches, served in a fixed order
 * @param metrics what to measure besides the loss
 */
public record Evaluation(String name, BatchSource source, List<Metric> metrics) {

    /**
     * Copies the list.
     *
     * @param name    the set's name
     * @param source  its batches
     * @param metrics what to measure besides the loss
     */
    public Evaluation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        metrics = List.copyOf(metrics);
    }
}

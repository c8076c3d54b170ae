package org.opudfa.dfa.train;

import java.util.List;
import java.util.Map;

/**
 * What one epoch of training measured.
 *
 * @param epoch             1-based epoch number
 * @param step              optimizer steps taken so far in the run
 * @param values            the measurements by column name, in order: {@code train_loss} and the
 *                          training metrics ({@code train_accuracy}: with the weights of the moment
 *                          each batch was seen), then per evaluated set its loss and metrics after
 *                          the epoch ({@code test_loss}, {@code test_accuracy}, …)
 * @param alignment         per feedback point, the mean cosine similarity between the rule's update
 *                          and the backprop gradient over the batches where it was measured
 *                          (empty when not measured or for backprop)
 * @param itemName          what the throughput counts, e.g. {@code "samples"}, {@code "tokens"}
 * @param itemsPerSecond    training throughput of the epoch (wall clock, training steps only)
 * @param seconds           wall-clock seconds of the epoch's training steps
 * @param opuFrames         frames shown by the projector during the epoch (0 for CPU projectors)
 * @param opuDeviceSeconds  simulated device seconds of those frames
 * @param opuDeviceJoules   simulated device energy of those frames
 */
public record EpochMetrics(int epoch, long step, Map<String, Double> values, List<Double> alignment,
                           String itemName, double itemsPerSecond, double seconds, long opuFrames,
                           double opuDeviceSeconds, double opuDeviceJoules) {

    /**
     * Copies the collections.
     *
     * @param epoch             1-based epoch number
     * @param step              optimizer steps taken so far
     * @param values            the measurements by column name
     * @param alignment         per feedback point, the mean alignment
     * @param itemName          what the throughput counts
     * @param itemsPerSecond    training throughput
     * @param seconds           wall-clock seconds of the training steps
     * @param opuFrames         frames shown
     * @param opuDeviceSeconds  simulated device seconds
     * @param opuDeviceJoules   simulated device energy
     */
    public EpochMetrics {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        alignment = List.copyOf(alignment);
    }

    /**
     * @param name a column name, e.g. {@code "test_accuracy"}
     * @return its value, or NaN if this epoch has no such measurement
     */
    public double value(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    /** @return the mean training loss over the epoch's batches */
    public double trainLoss() {
        return value("train_loss");
    }

    /** @return the mean alignment over feedback points, or NaN when none was measured */
    public double meanAlignment() {
        return alignment.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}

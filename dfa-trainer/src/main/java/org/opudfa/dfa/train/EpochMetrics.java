package org.opudfa.dfa.train;

import java.util.List;

/**
 * What one epoch of training measured.
 *
 * @param epoch             1-based epoch number
 * @param step              optimizer steps taken so far in the run
 * @param trainLoss         mean training loss over the epoch's batches
 * @param trainAccuracy     fraction of training samples classified correctly during the epoch
 *                          (with the weights of the moment each batch was seen)
 * @param testLoss          mean loss on the test set after the epoch
 * @param testAccuracy      fraction of the test set classified correctly after the epoch
 * @param alignment         per hidden layer, the mean cosine similarity between the rule's update
 *                          and the backprop gradient over the batches where it was measured
 *                          (empty when not measured or for backprop)
 * @param samplesPerSecond  training throughput of the epoch (wall clock, training steps only)
 * @param seconds           wall-clock seconds of the epoch's training steps
 * @param opuFrames         frames shown by the projector during the epoch (0 for CPU projectors)
 * @param opuDeviceSeconds  simulated device seconds of those frames
 * @param opuDeviceJoules   simulated device energy of those frames
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainAccuracy, double testLoss,
                           double testAccuracy, List<Double> alignment, double samplesPerSecond,
                           double seconds, long opuFrames, double opuDeviceSeconds, double opuDeviceJoules) {

    /** @return the mean alignment over layers, or NaN when none was measured */
    public double meanAlignment() {
        return alignment.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}

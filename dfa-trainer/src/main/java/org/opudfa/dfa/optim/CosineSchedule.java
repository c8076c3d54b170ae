package org.opudfa.dfa.optim;

/**
 * Cosine annealing (Loshchilov and Hutter, 2017, without restarts) from {@code initial} down to
 * {@code floor} over {@code totalSteps} steps, then constant at the floor:
 * {@code η(t) = floor + (initial − floor)·(1 + cos(π·min(t, T)/T))/2}.
 *
 * @param initial    the rate at step 0, positive and finite
 * @param floor      the final rate, in [0, initial]; a zero floor makes steps from {@code T} on no-ops
 * @param totalSteps {@code T}, at least 1
 */
public record CosineSchedule(double initial, double floor, long totalSteps) implements LearningRateSchedule {

    /**
     * Validates the components.
     *
     * @param initial    the rate at step 0, positive and finite
     * @param floor      the final rate, in [0, initial]; a zero floor makes steps from {@code T} on no-ops
     * @param totalSteps {@code T}, at least 1
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public CosineSchedule {
        LearningRateSchedule.requireRate("initial learning rate", initial);
        if (!(floor >= 0 && floor <= initial)) {
            throw new IllegalArgumentException("floor must be between 0 and the initial learning rate " + initial
                    + ", got " + floor);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("totalSteps must be at least 1, got " + totalSteps);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        double progress = (double) Math.min(step, totalSteps) / totalSteps;
        return floor + (initial - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}

package org.opudfa.dfa.optim;

/**
 * Exponential decay, continuous in the step: the rate is multiplied by {@code γ} over every
 * {@code decaySteps} steps, {@code η(t) = initial·γ^(t / decaySteps)} (NeRF's schedule, with
 * γ = 0.1 over its run). For "to a tenth over the run" use {@code γ = 0.1} and the run's step
 * count.
 *
 * @param initial    the rate at step 0, positive and finite
 * @param gamma      the factor over {@code decaySteps} steps, in (0, 1]
 * @param decaySteps the period of one factor γ, at least 1
 */
public record ExponentialSchedule(double initial, double gamma, long decaySteps) implements LearningRateSchedule {

    /**
     * Validates the components.
     *
     * @param initial    the rate at step 0, positive and finite
     * @param gamma      the factor over {@code decaySteps} steps, in (0, 1]
     * @param decaySteps at least 1
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public ExponentialSchedule {
        LearningRateSchedule.requireRate("initial learning rate", initial);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        if (decaySteps < 1) {
            throw new IllegalArgumentException("decaySteps must be at least 1, got " + decaySteps);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        return initial * Math.pow(gamma, (double) step / decaySteps);
    }
}

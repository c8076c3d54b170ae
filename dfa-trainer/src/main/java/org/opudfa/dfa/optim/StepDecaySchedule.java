package org.opudfa.dfa.optim;

/**
 * Step decay: the rate is multiplied by {@code γ} every {@code everySteps} steps,
 * {@code η(t) = initial·γ^⌊t / everySteps⌋}. For "every N epochs" use
 * {@code everySteps = N·stepsPerEpoch}.
 *
 * @param initial    the rate of the first period, positive and finite
 * @param gamma      the decay factor, in (0, 1]
 * @param everySteps the period in steps, at least 1
 */
public record StepDecaySchedule(double initial, double gamma, long everySteps) implements LearningRateSchedule {

    /**
     * Validates the components.
     *
     * @param initial    the rate of the first period, positive and finite
     * @param gamma      the decay factor, in (0, 1]
     * @param everySteps the period in steps, at least 1
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public StepDecaySchedule {
        LearningRateSchedule.requireRate("initial learning rate", initial);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
        if (everySteps < 1) {
            throw new IllegalArgumentException("everySteps must be at least 1, got " + everySteps);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        return initial * Math.pow(gamma, (double) (step / everySteps));
    }
}

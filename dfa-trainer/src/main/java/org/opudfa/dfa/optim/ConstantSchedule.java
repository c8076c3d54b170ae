package org.opudfa.dfa.optim;

/**
 * A constant learning rate, {@code η(t) = rate}.
 *
 * @param rate the learning rate, positive and finite
 */
public record ConstantSchedule(double rate) implements LearningRateSchedule {

    /**
     * Validates the components.
     *
     * @param rate the learning rate, positive and finite
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    public ConstantSchedule {
        LearningRateSchedule.requireRate("learning rate", rate);
    }

    /** {@inheritDoc} */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        return rate;
    }
}

package org.opudfa.dfa.optim;

/**
 * The learning rate as a function of the optimizer step count {@code t = 0, 1, 2, …} (the number
 * of steps taken before the one being computed). Schedules are immutable and pure, so a resumed
 * run gets the same rates from the restored step count. To express a schedule in epochs,
 * multiply epoch counts by the number of steps per epoch.
 */
public interface LearningRateSchedule {

    /**
     * @param step the number of optimizer steps already taken, non-negative
     * @return the learning rate of the next step, positive and finite
     */
    double learningRate(long step);

    /**
     * @param rate the learning rate
     * @return {@code η(t) = rate}
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    static LearningRateSchedule constant(double rate) {
        return new ConstantSchedule(rate);
    }

    /**
     * @param initial    the rate of the first period
     * @param gamma      the factor applied at each decay, in (0, 1]
     * @param everySteps the period in steps, at least 1
     * @return {@code η(t) = initial·γ^⌊t / everySteps⌋}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static LearningRateSchedule stepDecay(double initial, double gamma, long everySteps) {
        return new StepDecaySchedule(initial, gamma, everySteps);
    }

    /**
     * @param initial    the rate at step 0
     * @param floor      the rate reached at {@code totalSteps} and kept after, in [0, initial]
     * @param totalSteps the length of the decay, at least 1
     * @return {@code η(t) = floor + (initial − floor)·(1 + cos(π·min(t, T)/T))/2}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static LearningRateSchedule cosine(double initial, double floor, long totalSteps) {
        return new CosineSchedule(initial, floor, totalSteps);
    }

    /**
     * @param initial    the rate at step 0
     * @param gamma      the factor over {@code decaySteps} steps, in (0, 1]
     * @param decaySteps the period of one factor γ, at least 1
     * @return {@code η(t) = initial·γ^(t / decaySteps)}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static LearningRateSchedule exponential(double initial, double gamma, long decaySteps) {
        return new ExponentialSchedule(initial, gamma, decaySteps);
    }

    /**
     * Requires {@code step ≥ 0}; shared by implementations.
     *
     * @param step the step count
     * @return {@code step}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    static long requireStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
        return step;
    }

    /**
     * Requires a positive finite learning rate; shared by implementations.
     *
     * @param field the parameter's name, for the message
     * @param rate  the rate
     * @return {@code rate}
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    static double requireRate(String field, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(field + " must be a positive finite number, got " + rate);
        }
        return rate;
    }
}

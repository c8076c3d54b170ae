package org.opudfa.dfa.optim;

/**
 * The learning rate as a function of the optimizer step count {@code t = 0, 1, 2, …} (the number
 * of steps taken before the one being computed). Schedules are immutable and pure, so a resumed
 * run gets the same rates from the restored step count. To express a schedule in epochs,
 * multiply epoch counts by the number of steps per epoch. The one exception,
 * {@link ReduceOnPlateau}, also depends on the losses of the epochs done, which it is given through
 * {@link #observeEpochs}.
 */
public interface LearningRateSchedule {

    /**
     * Tells the schedule the watched loss of every epoch done so far (the trainer calls this after
     * each epoch and after restoring a checkpoint). Schedules of the step count alone ignore it.
     *
     * @param watchedLosses the loss of each epoch, in order
     */
    default void observeEpochs(java.util.List<Double> watchedLosses) {
    }

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
     * @param initial  the rate until the first cut
     * @param factor   the factor of each cut, in (0, 1)
     * @param patience the bad epochs in a row tolerated before a cut
     * @return the rate cut by {@code factor} when the watched loss stops improving ({@link ReduceOnPlateau})
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static LearningRateSchedule reduceOnPlateau(double initial, double factor, int patience) {
        return new ReduceOnPlateau(initial, factor, patience);
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

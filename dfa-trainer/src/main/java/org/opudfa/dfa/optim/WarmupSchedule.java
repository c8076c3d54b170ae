package org.opudfa.dfa.optim;

import java.util.Objects;

/**
 * Linear warm-up in front of another schedule: {@code η(t) = after(t)·(t + 1)/W} for
 * {@code t < W}, then {@code after(t)}. Common for attention models trained with Adam.
 *
 * @param warmupSteps {@code W}, at least 1
 * @param after       the schedule being warmed up
 */
public record WarmupSchedule(long warmupSteps, LearningRateSchedule after) implements LearningRateSchedule {

    /**
     * Validates the components.
     *
     * @param warmupSteps {@code W}, at least 1
     * @param after       the schedule being warmed up
     * @throws IllegalArgumentException if {@code warmupSteps < 1}
     */
    public WarmupSchedule {
        Objects.requireNonNull(after, "after");
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmupSteps must be at least 1, got " + warmupSteps);
        }
    }

    /** {@inheritDoc} */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        double rate = after.learningRate(step);
        return step < warmupSteps ? rate * (step + 1) / warmupSteps : rate;
    }
}

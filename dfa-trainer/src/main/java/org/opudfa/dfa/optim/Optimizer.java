package org.opudfa.dfa.optim;

import java.util.List;

import org.opudfa.dfa.nn.Parameter;

/**
 * Updates a fixed list of parameters in place from their gradients. An optimizer is built for
 * its parameters (it allocates its state buffers once), takes its learning rate from a
 * {@link LearningRateSchedule} evaluated at its own step count, and allocates nothing per step.
 *
 * <p>{@link #step()} reads {@link Parameter#grad()} and leaves it unchanged: clearing gradients
 * before the next accumulation is the training loop's job ({@link #zeroGrad()}).
 */
public interface Optimizer {

    /** @return the parameters updated, in a fixed order */
    List<Parameter> parameters();

    /**
     * Takes one step with learning rate {@code schedule.learningRate(stepCount())}, then
     * increments the step count.
     */
    void step();

    /** @return the number of steps taken (restored by {@link #importState}) */
    long stepCount();

    /** @return the learning rate the next {@link #step()} will use */
    double learningRate();

    /**
     * Passes the watched loss of every epoch done so far to the learning-rate schedule (see
     * {@link LearningRateSchedule#observeEpochs}); the trainer calls it after each epoch and after
     * restoring a checkpoint. Does nothing by default.
     *
     * @param watchedLosses the loss of each epoch, in order
     */
    default void observeEpochs(List<Double> watchedLosses) {
    }

    /** Sets every parameter's gradient to zero. */
    default void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** @return a deep copy of the step count and every per-parameter buffer, for a checkpoint */
    OptimizerState exportState();

    /**
     * Restores a state exported by an optimizer of the same kind over parameters of the same
     * names and sizes; the next step then equals, bit for bit, the step the exporting optimizer
     * would have taken.
     *
     * @param state the state to restore; copied
     * @throws IllegalArgumentException if the kind differs, or a buffer is missing, unexpected or of the wrong length
     */
    void importState(OptimizerState state);
}

package org.opudfa.dfa.optim;

import java.util.List;

/**
 * The learning rate cut by a factor whenever a watched loss stops improving: the rate starts at
 * {@code initial}; after each epoch, if the epoch's loss is not below the best so far by the
 * relative {@link #THRESHOLD}, the epoch counts as bad, and after more than {@code patience}
 * bad epochs in a row the rate is multiplied by {@code factor} and the count starts again (as
 * PyTorch's {@code ReduceLROnPlateau} in its default relative mode, without cooldown). A NaN
 * loss counts as bad. The paper's transformer runs trained DFA with this schedule (factor 0.2,
 * patience 1) because the warm-up-then-decay schedule of backpropagation hurt DFA.
 *
 * <p>Unlike the other schedules the rate depends on the run's losses; it is a pure function of
 * the sequence of watched losses ({@link #observeEpochs}), which the trainer passes after every
 * epoch, and again after restoring a checkpoint (from the epochs it holds), so a resumed run gets
 * the same rates as the uninterrupted one.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {

    /** An epoch improves when its loss is below {@code best·(1 − THRESHOLD)}. */
    public static final double THRESHOLD = 1e-4;

    private final double initial;
    private final double factor;
    private final int patience;
    private double rate;

    /**
     * @param initial  the rate until the first cut, positive and finite
     * @param factor   the factor of each cut, in (0, 1)
     * @param patience the bad epochs in a row that are tolerated before a cut, at least 0
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public ReduceOnPlateau(double initial, double factor, int patience) {
        this.initial = LearningRateSchedule.requireRate("initial learning rate", initial);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("the plateau factor must be in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("the plateau patience must be at least 0 epochs, got " + patience);
        }
        this.factor = factor;
        this.patience = patience;
        this.rate = initial;
    }

    /** @return the rate before any cut */
    public double initial() {
        return initial;
    }

    /** @return the factor of each cut */
    public double factor() {
        return factor;
    }

    /** @return the bad epochs in a row tolerated before a cut */
    public int patience() {
        return patience;
    }

    /** @return the rate after the losses last observed, whatever the step */
    @Override
    public double learningRate(long step) {
        LearningRateSchedule.requireStep(step);
        return rate;
    }

    /**
     * Sets the rate from the watched loss of every epoch done so far.
     *
     * @param watchedLosses the loss of each epoch, in order
     */
    @Override
    public void observeEpochs(List<Double> watchedLosses) {
        double r = initial;
        double best = Double.POSITIVE_INFINITY;
        int bad = 0;
        for (double loss : watchedLosses) {
            if (loss < best * (1 - THRESHOLD)) {
                best = loss;
                bad = 0;
            } else {
                bad++;
                if (bad > patience) {
                    r *= factor;
                    bad = 0;
                }
            }
        }
        rate = r;
    }
}

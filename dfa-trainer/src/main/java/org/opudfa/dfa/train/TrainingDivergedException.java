package org.opudfa.dfa.train;

import java.util.Locale;

/**
 * The loss became NaN or infinite, or exploded past the {@link DivergenceGuard}'s threshold. The
 * run stops at that step; checkpoints written before it are left as they were.
 */
public final class TrainingDivergedException extends RuntimeException {

    private final long step;

    /**
     * For a loss that is not finite.
     *
     * @param step  the 1-based optimizer step whose loss was not finite
     * @param epoch the 1-based epoch of that step
     * @param loss  the loss value
     */
    public TrainingDivergedException(long step, int epoch, double loss) {
        this(step, epoch, loss, Double.POSITIVE_INFINITY);
    }

    /**
     * @param step      the 1-based optimizer step whose loss diverged
     * @param epoch     the 1-based epoch of that step
     * @param loss      the loss value
     * @param threshold the threshold a finite loss exceeded ({@link DivergenceGuard#threshold()})
     */
    public TrainingDivergedException(long step, int epoch, double loss, double threshold) {
        super("training diverged at step " + step + " (epoch " + epoch + "): the loss is "
                + (Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4g, above the divergence threshold %.4g",
                loss, threshold) : Double.toString(loss))
                + "; lower the learning rate or check the data");
        this.step = step;
    }

    /** @return the 1-based step whose loss diverged */
    public long step() {
        return step;
    }
}

package org.opudfa.dfa.train;

/**
 * The loss became NaN or infinite. The run stops at that step; checkpoints written before it are
 * left as they were.
 */
public final class TrainingDivergedException extends RuntimeException {

    private final long step;

    /**
     * @param step  the 1-based optimizer step whose loss was not finite
     * @param epoch the 1-based epoch of that step
     * @param loss  the loss value
     */
    public TrainingDivergedException(long step, int epoch, double loss) {
        super("training diverged at step " + step + " (epoch " + epoch + "): the loss is " + loss
                + "; lower the learning rate or check the data");
        this.step = step;
    }

    /** @return the 1-based step whose loss was not finite */
    public long step() {
        return step;
    }
}

package org.opudfa.dfa.train;

/**
 * Watches the training loss step by step and declares divergence when it is not finite or has
 * exploded. It knows nothing of the model: it sees loss values, and a bound the caller derives
 * from the loss in use ({@link org.opudfa.dfa.loss.Loss#divergenceBound}). It is meant for
 * non-negative losses.
 *
 * <p>Rule, for the loss ℓ of a step:
 * <pre>
 * diverged  ⇔  ℓ is NaN or ±∞,  or  ℓ &gt; T
 * T = max(GROWTH_FACTOR · m, bound)   once the first REFERENCE_STEPS losses are seen, m their mean
 * T = bound                           before that (no threshold at all when the bound is 0)
 * </pre>
 * The bound is a floor under the threshold: for a loss whose scale is known it catches a blow-up
 * from the first step on, and the relative term only raises the threshold for a run that starts
 * above {@code bound / GROWTH_FACTOR}. A bound of 0 says the scale is unknown, and leaves the
 * relative term alone (after the first steps). The losses of the first steps form the reference
 * only if they did not diverge themselves.
 *
 * <p>A guard watches one run of consecutive steps. A resumed run starts a new guard, whose
 * reference is the first steps after the resume; when the bound is the larger term, as for
 * cross-entropy unless the run started above {@code bound / GROWTH_FACTOR}, the threshold is the
 * same either way.
 */
public final class DivergenceGuard {

    /**
     * Steps whose mean loss is the reference, 10: enough that one unusual batch does not set the
     * scale, few enough that the reference describes the start of training.
     */
    public static final int REFERENCE_STEPS = 10;

    /**
     * How far above the reference the loss may go, 10×. A working optimiser lowers the loss; the
     * batch-to-batch spread and the spikes of a large but workable learning rate stay within a
     * few times the starting loss, so a loss ten times the starting one is an order of magnitude
     * beyond anything a run that still learns produces.
     */
    public static final double GROWTH_FACTOR = 10;

    private final double bound;
    private double referenceSum;
    private int referenceCount;

    /**
     * @param bound the floor of the threshold, from the loss in use; 0 when its scale is unknown
     * @throws IllegalArgumentException if the bound is negative, infinite or NaN
     */
    public DivergenceGuard(double bound) {
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("the divergence bound must be a finite number >= 0, got " + bound);
        }
        this.bound = bound;
    }

    /**
     * Takes the loss of the next step. A loss that does not diverge joins the reference while
     * fewer than {@link #REFERENCE_STEPS} losses are in it.
     *
     * @param loss the step's training loss
     * @return true if it means divergence: not finite, or above {@link #threshold()}
     */
    public boolean diverges(double loss) {
        if (!Double.isFinite(loss) || loss > threshold()) {
            return true;
        }
        if (referenceCount < REFERENCE_STEPS) {
            referenceSum += loss;
            referenceCount++;
        }
        return false;
    }

    /**
     * @return the threshold the next finite loss is held to: {@code max(GROWTH_FACTOR · m, bound)}
     *     once the reference is complete, the bound before, or +∞ before when the bound is 0
     */
    public double threshold() {
        if (referenceCount < REFERENCE_STEPS) {
            return bound > 0 ? bound : Double.POSITIVE_INFINITY;
        }
        return Math.max(GROWTH_FACTOR * referenceSum / REFERENCE_STEPS, bound);
    }
}

package org.opudfa.dfa.loss;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Skeleton of a {@link Loss} on a dense target of the prediction's shape (regression, images,
 * binary labels): fetches the target from the batch, checks the shapes once, then computes the
 * value and, when asked, the gradient in one pass of {@link #compute}.
 */
public abstract class AbstractLoss implements Loss {

    private final Feed.Key<FMatrixRMaj> target;

    /**
     * @param target where the batch holds the target, rows × k
     */
    protected AbstractLoss(Feed.Key<FMatrixRMaj> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** @return where the batch holds the target */
    public final Feed.Key<FMatrixRMaj> targetKey() {
        return target;
    }

    @Override
    public final double value(FMatrixRMaj prediction, Feed batch) {
        return value(prediction, batch.get(target));
    }

    @Override
    public final double valueAndGradient(FMatrixRMaj prediction, Feed batch, FMatrixRMaj gradient) {
        return valueAndGradient(prediction, batch.get(target), gradient);
    }

    /**
     * @param prediction ŷ, rows × k
     * @param target     t, rows × k
     * @return the mean loss
     * @throws IllegalArgumentException if the shapes differ
     */
    public final double value(FMatrixRMaj prediction, FMatrixRMaj target) {
        LossChecks.requireMatching(prediction, target);
        return compute(prediction, target, null);
    }

    /**
     * @param prediction ŷ, rows × k
     * @param target     t, rows × k
     * @param gradient   output, reshaped to rows × k
     * @return the mean loss
     * @throws IllegalArgumentException if the shapes differ or {@code gradient} is an input
     */
    public final double valueAndGradient(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient) {
        LossChecks.requireMatching(prediction, target);
        LossChecks.requireDistinct(prediction, target, gradient);
        return compute(prediction, target, gradient);
    }

    /**
     * @param prediction ŷ, rows × k, of the target's shape (checked)
     * @param target     t, rows × k
     * @param gradient   where to write {@code e = ∂L/∂ŷ} (reshaped to rows × k), or null for the value only
     * @return the mean loss
     */
    protected abstract double compute(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient);
}

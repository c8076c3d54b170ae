package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Mean squared error over every entry (as PyTorch's {@code MSELoss} with mean reduction):
 * {@code L = (1/(B·k))·Σ_bj (ŷ_bj − t_bj)²}, gradient {@code e = 2·(ŷ − t)/(B·k)}.
 */
public final class MeanSquaredError extends AbstractLoss {

    /**
     * @param target where the batch holds the target, rows × k
     */
    public MeanSquaredError(Feed.Key<FMatrixRMaj> target) {
        super(target);
    }

    @Override
    protected double compute(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient) {
        int n = prediction.getNumElements();
        float[] z = prediction.data;
        float[] t = target.data;
        double invN = 1.0 / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) z[i] - t[i];
            total += d * d;
            if (gradient != null) {
                gradient.data[i] = (float) (2.0 * d * invN);
            }
        }
        return total * invN;
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}

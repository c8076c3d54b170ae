package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Binary cross-entropy on logits, mean over every entry (as PyTorch's
 * {@code BCEWithLogitsLoss}): for logit z and target t ∈ [0, 1],
 * {@code ℓ = −t·log σ(z) − (1 − t)·log(1 − σ(z))}, computed in the stable form
 * {@code ℓ = max(z, 0) − z·t + log(1 + e^{−|z|})}, which never takes the exponential of a large
 * positive number nor the logarithm of 0. {@code L = (1/(B·k))·Σ ℓ}, gradient
 * {@code e = (σ(z) − t)/(B·k)}.
 */
public final class BinaryCrossEntropy extends AbstractLoss {

    /**
     * @param target where the batch holds the target, rows × k
     */
    public BinaryCrossEntropy(Feed.Key<FMatrixRMaj> target) {
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
            double zi = z[i];
            double ti = t[i];
            total += Math.max(zi, 0.0) - zi * ti + Math.log1p(Math.exp(-Math.abs(zi)));
            if (gradient != null) {
                double s = zi >= 0 ? 1.0 / (1.0 + Math.exp(-zi)) : Math.exp(zi) / (1.0 + Math.exp(zi));
                gradient.data[i] = (float) ((s - ti) * invN);
            }
        }
        return total * invN;
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy";
    }
}

package org.opudfa.dfa.loss;

import org.ejml.data.FMatrixRMaj;

/**
 * Softmax cross-entropy on logits, mean over the batch:
 * {@code L = −(1/B)·Σ_b Σ_j t_bj·log softmax(ŷ_b)_j}, computed as
 * {@code Σ_j t_bj·(logΣexp(ŷ_b) − ŷ_bj)} with the row maximum subtracted first, in double.
 * Gradient: {@code e = (softmax(ŷ) − t)/B}, which assumes each target row sums to 1 (one-hot or
 * a probability vector).
 */
public final class SoftmaxCrossEntropy extends AbstractLoss {

    /** The softmax cross-entropy loss. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    protected double compute(FMatrixRMaj prediction, FMatrixRMaj target, FMatrixRMaj gradient) {
        int rows = prediction.numRows;
        int k = prediction.numCols;
        float[] z = prediction.data;
        float[] t = target.data;
        double invBatch = 1.0 / rows;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[base + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += Math.exp(z[base + j] - max);
            }
            double logZ = max + Math.log(sumExp);
            for (int j = 0; j < k; j++) {
                double tj = t[base + j];
                if (tj != 0) {
                    total += tj * (logZ - z[base + j]);
                }
            }
            if (gradient != null) {
                float[] g = gradient.data;
                for (int j = 0; j < k; j++) {
                    g[base + j] = (float) ((Math.exp(z[base + j] - logZ) - t[base + j]) * invBatch);
                }
            }
        }
        return total * invBatch;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}

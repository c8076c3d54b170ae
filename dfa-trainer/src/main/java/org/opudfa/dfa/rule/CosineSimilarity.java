package org.opudfa.dfa.rule;

import org.ejml.data.FMatrixRMaj;

/**
 * Cosine similarity of two matrices seen as vectors: {@code cos(a, b) = ⟨a, b⟩/(‖a‖·‖b‖)},
 * summed in double, clamped to [−1, 1] against rounding, and 0 when either vector is zero (the
 * angle is then undefined; 0 says "no alignment", as a clamped-norm formula would).
 */
public final class CosineSimilarity {

    private CosineSimilarity() {
    }

    /**
     * @param a first matrix
     * @param b second matrix, with as many entries as {@code a}
     * @return the cosine similarity, in [−1, 1]
     * @throws IllegalArgumentException if the sizes differ
     */
    public static double of(FMatrixRMaj a, FMatrixRMaj b) {
        int n = a.getNumElements();
        if (b.getNumElements() != n) {
            throw new IllegalArgumentException("cosine similarity needs two matrices of the same size, got "
                    + a.numRows + "×" + a.numCols + " and " + b.numRows + "×" + b.numCols);
        }
        double dot = 0;
        double aa = 0;
        double bb = 0;
        float[] x = a.data;
        float[] y = b.data;
        for (int i = 0; i < n; i++) {
            dot += (double) x[i] * y[i];
            aa += (double) x[i] * x[i];
            bb += (double) y[i] * y[i];
        }
        if (aa == 0 || bb == 0) {
            return 0.0;
        }
        double c = dot / (Math.sqrt(aa) * Math.sqrt(bb));
        return Math.max(-1.0, Math.min(1.0, c));
    }
}

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
        return of(new FMatrixRMaj[] {a}, new FMatrixRMaj[] {b});
    }

    /**
     * The cosine similarity of two vectors each made of several matrices laid end to end (the
     * parameters of one feedback point's segment, taken together), pair by pair.
     *
     * @param a first vector's parts
     * @param b second vector's parts, with as many entries part for part
     * @return the cosine similarity, in [−1, 1]; 0 when either vector is zero
     * @throws IllegalArgumentException if the parts differ in number or size
     */
    public static double of(FMatrixRMaj[] a, FMatrixRMaj[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cosine similarity needs two vectors of as many parts, got "
                    + a.length + " and " + b.length);
        }
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int p = 0; p < a.length; p++) {
            int n = a[p].getNumElements();
            if (b[p].getNumElements() != n) {
                throw new IllegalArgumentException("cosine similarity needs two matrices of the same size, got "
                        + a[p].numRows + "×" + a[p].numCols + " and " + b[p].numRows + "×" + b[p].numCols);
            }
            float[] x = a[p].data;
            float[] y = b[p].data;
            for (int i = 0; i < n; i++) {
                dot += (double) x[i] * y[i];
                aa += (double) x[i] * x[i];
                bb += (double) y[i] * y[i];
            }
        }
        if (aa == 0 || bb == 0) {
            return 0.0;
        }
        double c = dot / (Math.sqrt(aa) * Math.sqrt(bb));
        return Math.max(-1.0, Math.min(1.0, c));
    }
}

package org.opudfa.dfa.task.graph;

/**
 * The sparse operators graph layers multiply by, built once from a graph's adjacency
 * {@code A} (symmetric, 0/1, no self-loops; {@link CitationGraph#adjacency()}), and the
 * normalisation of its features.
 */
public final class GraphOperators {

    private GraphOperators() {
    }

    /**
     * Row-normalised features: each row divided by its sum, {@code x_i / Σ_j x_ij} (Kipf and
     * Welling's preprocessing, so a paper's words weigh 1 in total); a row without any feature
     * stays zero.
     *
     * @param features nodes × features, non-negative
     * @return a new matrix of the same pattern
     */
    public static CsrMatrix rowNormalised(CsrMatrix features) {
        float[] v = features.values().clone();
        int[] start = features.rowStart();
        for (int i = 0; i < features.rows(); i++) {
            double sum = 0;
            for (int e = start[i]; e < start[i + 1]; e++) {
                sum += v[e];
            }
            if (sum != 0) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    v[e] = (float) (v[e] / sum);
                }
            }
        }
        return features.withValues(v);
    }

    /**
     * The graph convolutional network's propagation matrix
     * {@code Â = D̃^(−1/2)·(A + I)·D̃^(−1/2)}, {@code D̃_ii = 1 + Σ_j A_ij}: every node averages
     * itself and its neighbours, weighted by {@code 1/√(d̃_i·d̃_j)} (Kipf and Welling 2017). An
     * isolated node keeps itself with weight 1.
     *
     * @param adjacency A, nodes × nodes, symmetric, 0/1, without self-loops
     * @return Â, symmetric
     */
    public static CsrMatrix gcnPropagation(CsrMatrix adjacency) {
        int n = requireSquare(adjacency);
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            inv[i] = 1.0 / Math.sqrt(1.0 + degree(adjacency, i));
        }
        return scaled(selfLooped(adjacency), inv, 1.0);
    }

    /**
     * The rescaled Laplacian of Chebyshev graph convolutions (Defferrard et al. 2016) with the
     * largest eigenvalue taken as 2, as in Kipf and Welling's and PyTorch Geometric's code:
     * {@code L̃ = 2L/λ_max − I = −D^(−1/2)·A·D^(−1/2)} for {@code L = I − D^(−1/2)·A·D^(−1/2)}; an
     * isolated node has a zero row.
     *
     * @param adjacency A, nodes × nodes, symmetric, 0/1, without self-loops
     * @return L̃, symmetric, the pattern of A
     */
    public static CsrMatrix chebyshevLaplacian(CsrMatrix adjacency) {
        int n = requireSquare(adjacency);
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            double d = degree(adjacency, i);
            inv[i] = d > 0 ? 1.0 / Math.sqrt(d) : 0.0;
        }
        return scaled(adjacency, inv, -1.0);
    }

    /**
     * The neighbourhoods attention runs over: the pattern of {@code A + I}, with values 1 (each
     * node attends to itself and its neighbours).
     *
     * @param adjacency A, nodes × nodes, without self-loops
     * @return the pattern of A + I
     */
    public static CsrMatrix neighbourhoods(CsrMatrix adjacency) {
        requireSquare(adjacency);
        CsrMatrix m = selfLooped(adjacency);
        float[] ones = new float[m.nonZeros()];
        java.util.Arrays.fill(ones, 1f);
        return m.withValues(ones);
    }

    /** {@code A + I}, with the diagonal added to any stored one. */
    private static CsrMatrix selfLooped(CsrMatrix a) {
        int n = a.rows();
        int m = a.nonZeros();
        int[] r = new int[m + n];
        int[] c = new int[m + n];
        float[] v = new float[m + n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int e = a.rowStart()[i]; e < a.rowStart()[i + 1]; e++) {
                r[k] = i;
                c[k] = a.columns()[e];
                v[k++] = a.values()[e];
            }
            r[k] = i;
            c[k] = i;
            v[k++] = 1f;
        }
        return CsrMatrix.fromEntries(n, n, k, r, c, v);
    }

    /** {@code sign·s_i·M_ij·s_j}. */
    private static CsrMatrix scaled(CsrMatrix m, double[] s, double sign) {
        float[] v = new float[m.nonZeros()];
        for (int i = 0; i < m.rows(); i++) {
            for (int e = m.rowStart()[i]; e < m.rowStart()[i + 1]; e++) {
                v[e] = (float) (sign * s[i] * m.values()[e] * s[m.columns()[e]]);
            }
        }
        return m.withValues(v);
    }

    private static double degree(CsrMatrix a, int i) {
        double d = 0;
        for (int e = a.rowStart()[i]; e < a.rowStart()[i + 1]; e++) {
            d += a.values()[e];
        }
        return d;
    }

    private static int requireSquare(CsrMatrix a) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("an adjacency matrix must be square, got " + a.rows() + "×" + a.cols());
        }
        return a.rows();
    }
}

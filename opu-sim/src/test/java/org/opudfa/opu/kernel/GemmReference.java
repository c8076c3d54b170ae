package org.opudfa.opu.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.FMatrixRMaj;

/** Naive double-precision products and seeded random matrices for the GEMM tests. */
final class GemmReference {

    /**
     * Worst-case rounding of a float sum of k products is about {@code k·u·Σ|aᵢbᵢ|} with
     * {@code u = 2⁻²⁴}; allowing {@code 2·ulp(1) = 8u} per term leaves a factor 8 of headroom
     * yet still fails on any wrong entry, index or transpose.
     */
    static final double ERROR_PER_TERM = 2.0 * Math.ulp(1f);

    private GemmReference() {
    }

    /** @return a rows × cols matrix of uniform entries in [−1, 1) from a seeded stream */
    static FMatrixRMaj random(int rows, int cols, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (2.0 * rng.nextDouble() - 1.0);
        }
        return m;
    }

    /** @return {@code op(X)} as a row-major double array of its rows */
    static double[][] op(FMatrixRMaj x, boolean trans) {
        int rows = trans ? x.numCols : x.numRows;
        int cols = trans ? x.numRows : x.numCols;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numCols; j++) {
                double v = x.data[i * x.numCols + j];
                if (trans) {
                    out[j][i] = v;
                } else {
                    out[i][j] = v;
                }
            }
        }
        return out;
    }

    /**
     * @return {@code [0]}: {@code α·op(A)·op(B) + β·C0} in double (with {@code β = 0} ignoring
     *     C0); {@code [1]}: the scale its rounding error is measured against,
     *     {@code |α|·Σ_k |op(A)[i][k]·op(B)[k][j]| + |β·C0[i][j]|}
     */
    static double[][][] expected(boolean transA, boolean transB, double alpha, FMatrixRMaj a,
                                 FMatrixRMaj b, double beta, FMatrixRMaj c0, int m, int n, int k) {
        double[][] opA = op(a, transA);
        double[][] opBt = op(b, !transB);
        double[][] value = new double[m][n];
        double[][] scale = new double[m][n];
        for (int i = 0; i < m; i++) {
            double[] ai = opA[i];
            for (int j = 0; j < n; j++) {
                double[] bj = opBt[j];
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = ai[p] * bj[p];
                    s += t;
                    abs += Math.abs(t);
                }
                double prev = beta == 0 ? 0 : beta * c0.data[i * n + j];
                value[i][j] = alpha * s + prev;
                scale[i][j] = Math.abs(alpha) * abs + Math.abs(prev);
            }
        }
        return new double[][][] {value, scale};
    }
}

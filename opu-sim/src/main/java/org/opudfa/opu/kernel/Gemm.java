package org.opudfa.opu.kernel;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Float general matrix multiply on row-major EJML matrices:
 * {@code C = α·op(A)·op(B) + β·C} where {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <p>An instance owns its parallelism (there is no global thread setting): build one per run
 * with the thread count the user asked for and pass it to whatever multiplies.
 *
 * <p>Output matrices are passed in: when {@code β = 0} {@code C} is reshaped to the product's
 * shape (which allocates only if its array is too small); otherwise {@code C} must already
 * have that shape.
 */
public final class Gemm implements AutoCloseable {

    private final int threads;

    private Gemm(int threads) {
        this.threads = threads;
    }

    /**
     * @param threads how many threads a product may use, at least 1
     * @return a GEMM that uses that many threads
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Gemm withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new Gemm(threads);
    }

    /** @return a GEMM that runs on the calling thread only */
    public static Gemm singleThreaded() {
        return new Gemm(1);
    }

    /** @return the number of threads a product may use */
    public int threads() {
        return threads;
    }

    /**
     * {@code C = A·B}.
     *
     * @param a m × k
     * @param b k × n
     * @param c output, reshaped to m × n
     */
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(false, false, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = Aᵀ·B}.
     *
     * @param a k × m
     * @param b k × n
     * @param c output, reshaped to m × n
     */
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(true, false, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = A·Bᵀ}.
     *
     * @param a m × k
     * @param b n × k
     * @param c output, reshaped to m × n
     */
    public void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(false, true, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = α·op(A)·op(B) + β·C}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha  scale of the product
     * @param a      left operand
     * @param b      right operand
     * @param beta   scale of the previous {@code C}; 0 ignores its contents (even NaN)
     * @param c      output
     * @throws IllegalArgumentException if the inner dimensions differ, or if {@code β ≠ 0}
     *     and {@code C} does not have the product's shape, or if {@code C} aliases an operand
     */
    public void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                     float beta, FMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int ka = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (ka != kb) {
            throw new IllegalArgumentException("inner dimensions differ: op(A) is " + m + "×" + ka
                    + " but op(B) is " + kb + "×" + n);
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("the output matrix must not be one of the operands");
        }
        if (beta == 0f) {
            c.reshape(m, n);
        } else if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("C must be " + m + "×" + n + " to accumulate into, got "
                    + c.numRows + "×" + c.numCols);
        }
        FMatrixRMaj acc = beta == 0f ? c : new FMatrixRMaj(m, n);
        if (!transA && !transB) {
            CommonOps_FDRM.mult(alpha, a, b, acc);
        } else if (transA && !transB) {
            CommonOps_FDRM.multTransA(alpha, a, b, acc);
        } else if (!transA) {
            CommonOps_FDRM.multTransB(alpha, a, b, acc);
        } else {
            CommonOps_FDRM.multTransAB(alpha, a, b, acc);
        }
        if (beta != 0f) {
            float[] cd = c.data;
            float[] ad = acc.data;
            for (int i = 0; i < m * n; i++) {
                cd[i] = beta * cd[i] + ad[i];
            }
        }
    }

    /** Releases the threads this GEMM owns, if any. */
    @Override
    public void close() {
        // the reference implementation owns no threads
    }
}

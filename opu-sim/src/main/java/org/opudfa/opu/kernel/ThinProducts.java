package org.opudfa.opu.kernel;

/**
 * Products too thin for tiles, {@code C = α·op(A)·op(B) + β·C} (plus a row vector {@code v} in
 * every row) with one column ({@code n = 1}: a matrix times a vector, such as a dense layer to a
 * single output), one row ({@code m = 1}) or an inner dimension of 1 ({@code k = 1}: an outer
 * product, such as the projection of a one-number error), computed on the calling thread. A tile
 * would pad the thin side to a whole panel of the micro-kernel (32 columns or 8 rows, or a k-loop
 * of one step around every store); here each entry is computed alone.
 *
 * <p>The arithmetic is the tiled path's, rounding for rounding, so the bits are those of the same
 * entry in a product of the same depth that is not thin: each entry is summed over each k-block
 * ({@link GemmKernel#depthBlock}) from 0, in order, with the kernel's multiply-add
 * ({@link GemmKernel#fused}), and stored as the kernels store ({@link GemmKernel#storedEntry}):
 * the first block {@code C = α·acc + β·C + v} (without reading {@code C} when {@code β = 0}), later blocks
 * {@code C = α·acc + C}. A one-row product is the one-column product of the transposes,
 * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: the same products summed in the same order (a multiply-add's two
 * factors commute exactly).
 */
final class ThinProducts {

    /** rows summed side by side: independent sums that keep the multiply-add units busy */
    private static final int ROWS = 8;

    private ThinProducts() {
    }

    /**
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @return whether {@link #multiply} computes a product of this shape
     */
    static boolean isThin(int m, int n, int k) {
        return n == 1 || m == 1 || k == 1;
    }

    /**
     * Computes a thin product ({@link #isThin}); A and B are row-major with {@code lda} and
     * {@code ldb} columns, C is m × n, row-major; {@code row} (1 × n) may be null.
     */
    static void multiply(GemmKernel kernel, boolean transA, boolean transB, float alpha, float[] a, int lda,
                         float[] b, int ldb, float beta, float[] row, float[] c, int m, int n, int k) {
        boolean fused = kernel.fused();
        if (n == 1) {
            // op(A)[r][kk] = a[r·rowStep + kk·kStep], op(B)[kk][0] = b[kk·bStep], v_r = row[0]
            column(fused, kernel.depthBlock(k), alpha, a, transA ? 1 : lda, transA ? lda : 1, b, transB ? 1 : ldb,
                    beta, row, 0, c, m, k);
        } else if (m == 1) {
            // Cᵀ = op(B)ᵀ·op(A)ᵀ: row j of op(B)ᵀ is column j of op(B), op(A)ᵀ's column is op(A)'s row
            column(fused, kernel.depthBlock(k), alpha, b, transB ? ldb : 1, transB ? 1 : ldb, a, transA ? lda : 1,
                    beta, row, 1, c, n, k);
        } else {
            outer(fused, alpha, a, transA ? 1 : lda, b, transB ? ldb : 1, beta, row, c, m, n);
        }
    }

    /**
     * {@code c[r] = α·Σ_kk a[r·rowStep + kk·kStep]·b[kk·bStep] + β·c[r] + v_r} for {@code r < rows},
     * {@code v_r = row[r·vStep]} (or none), by k-blocks of {@code kc}.
     */
    private static void column(boolean fused, int kc, float alpha, float[] a, int rowStep, int kStep, float[] b,
                               int bStep, float beta, float[] row, int vStep, float[] c, int rows, int k) {
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            int o0 = r * rowStep;
            int o1 = o0 + rowStep;
            int o2 = o1 + rowStep;
            int o3 = o2 + rowStep;
            int o4 = o3 + rowStep;
            int o5 = o4 + rowStep;
            int o6 = o5 + rowStep;
            int o7 = o6 + rowStep;
            for (int p = 0; p < k; p += kc) {
                int end = Math.min(k, p + kc);
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                float s4 = 0f;
                float s5 = 0f;
                float s6 = 0f;
                float s7 = 0f;
                for (int kk = p, ai = p * kStep, bi = p * bStep; kk < end; kk++, ai += kStep, bi += bStep) {
                    float bk = b[bi];
                    s0 = fused ? Math.fma(a[o0 + ai], bk, s0) : s0 + a[o0 + ai] * bk;
                    s1 = fused ? Math.fma(a[o1 + ai], bk, s1) : s1 + a[o1 + ai] * bk;
                    s2 = fused ? Math.fma(a[o2 + ai], bk, s2) : s2 + a[o2 + ai] * bk;
                    s3 = fused ? Math.fma(a[o3 + ai], bk, s3) : s3 + a[o3 + ai] * bk;
                    s4 = fused ? Math.fma(a[o4 + ai], bk, s4) : s4 + a[o4 + ai] * bk;
                    s5 = fused ? Math.fma(a[o5 + ai], bk, s5) : s5 + a[o5 + ai] * bk;
                    s6 = fused ? Math.fma(a[o6 + ai], bk, s6) : s6 + a[o6 + ai] * bk;
                    s7 = fused ? Math.fma(a[o7 + ai], bk, s7) : s7 + a[o7 + ai] * bk;
                }
                boolean first = p == 0;
                float bt = first ? beta : 1f;
                float[] v = first ? row : null;
                c[r] = GemmKernel.storedEntry(s0, alpha, bt, v, r * vStep, c[r], fused);
                c[r + 1] = GemmKernel.storedEntry(s1, alpha, bt, v, (r + 1) * vStep, c[r + 1], fused);
                c[r + 2] = GemmKernel.storedEntry(s2, alpha, bt, v, (r + 2) * vStep, c[r + 2], fused);
                c[r + 3] = GemmKernel.storedEntry(s3, alpha, bt, v, (r + 3) * vStep, c[r + 3], fused);
                c[r + 4] = GemmKernel.storedEntry(s4, alpha, bt, v, (r + 4) * vStep, c[r + 4], fused);
                c[r + 5] = GemmKernel.storedEntry(s5, alpha, bt, v, (r + 5) * vStep, c[r + 5], fused);
                c[r + 6] = GemmKernel.storedEntry(s6, alpha, bt, v, (r + 6) * vStep, c[r + 6], fused);
                c[r + 7] = GemmKernel.storedEntry(s7, alpha, bt, v, (r + 7) * vStep, c[r + 7], fused);
            }
        }
        for (; r < rows; r++) {
            for (int p = 0; p < k; p += kc) {
                int end = Math.min(k, p + kc);
                float s = 0f;
                for (int kk = p, ai = r * rowStep + p * kStep, bi = p * bStep; kk < end;
                     kk++, ai += kStep, bi += bStep) {
                    s = fused ? Math.fma(a[ai], b[bi], s) : s + a[ai] * b[bi];
                }
                boolean first = p == 0;
                c[r] = GemmKernel.storedEntry(s, alpha, first ? beta : 1f, first ? row : null, r * vStep, c[r],
                        fused);
            }
        }
    }

    /**
     * {@code C[r][j] = α·a[r·aStep]·b[j·bStep] + β·C[r][j] + v_j}: one k-block of depth 1, whose
     * sum {@code 0 + a·b} is the product rounded once, with either multiply-add.
     */
    private static void outer(boolean fused, float alpha, float[] a, int aStep, float[] b, int bStep, float beta,
                              float[] row, float[] c, int m, int n) {
        boolean plain = row == null && beta == 0f && bStep == 1;
        for (int r = 0; r < m; r++) {
            float ar = a[r * aStep];
            int o = r * n;
            if (plain) {
                // C = α·(a·b), the common case, in a loop the compiler vectorises
                for (int j = 0; j < n; j++) {
                    c[o + j] = (0f + ar * b[j]) * alpha;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[o + j] = GemmKernel.storedEntry(0f + ar * b[j * bStep], alpha, beta, row, j, c[o + j], fused);
                }
            }
        }
    }
}

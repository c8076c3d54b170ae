package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * Sparse × dense products {@code C = α·A·B + β·C}, with {@code A} a {@link CsrMatrix} and
 * {@code B}, {@code C} row-major dense matrices, or column blocks of wider ones. Row i of the
 * result is {@code Σ_e α·A.values[e]·B[A.columns[e], :]} over the entries of row i of A, a sum of
 * contiguous rows of B that the compiler vectorises.
 *
 * <p>Large products run in parallel over blocks of rows on the run's {@link Gemm} thread team
 * ({@link Gemm#forEachTask}); the blocks hold about the same number of entries, so that the
 * high-degree nodes of a power-law graph do not leave one thread with most of the work. Each row
 * is summed in entry order by one thread, so the result is bit-for-bit the same for any thread
 * count. An instance keeps the operands of the product it runs and allocates nothing per
 * product: make one per call site (it is not thread-safe).
 */
public final class SparseProduct {

    /**
     * Products with fewer multiply-adds ({@code entries × width}) than this run on the calling
     * thread: a few hundred microseconds of work, above what waking the team costs.
     */
    public static final long PARALLEL_MIN_MULTIPLY_ADDS = 1L << 18;
    /** row blocks per thread, so that a thread slowed down by other work does not hold up the rest */
    private static final int BLOCKS_PER_THREAD = 4;

    private final Gemm gemm;
    private final int[] blockStart;
    private final WorkerTask task = this::computeBlock;
    private CsrMatrix a;
    private float alpha;
    private float beta;
    private float[] b;
    private int bOffset;
    private int ldb;
    private float[] c;
    private int cOffset;
    private int ldc;
    private int width;

    /**
     * @param gemm the run's matrix product, whose threads run large products
     */
    public SparseProduct(Gemm gemm) {
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        this.blockStart = new int[gemm.threads() * BLOCKS_PER_THREAD + 1];
    }

    /**
     * {@code C = A·B}.
     *
     * @param a sparse, m × k
     * @param b k × n
     * @param c output, reshaped to m × n
     * @throws IllegalArgumentException if {@code b} does not have k rows
     */
    public void multiply(CsrMatrix a, FMatrixRMaj b, FMatrixRMaj c) {
        c.reshape(a.rows(), b.numCols);
        multiply(a, 1f, b, 0, c, 0, b.numCols, 0f);
    }

    /**
     * {@code C[:, cColumn : cColumn+width] = α·A·B[:, bColumn : bColumn+width] + β·C[:, cColumn : cColumn+width]};
     * with {@code β = 0} the old contents of the block are ignored.
     *
     * @param a       sparse, m × k
     * @param alpha   α
     * @param b       dense, k rows
     * @param bColumn first column of B's block
     * @param c       dense, m rows, not {@code b}
     * @param cColumn first column of C's block
     * @param width   the blocks' width
     * @param beta    β
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public void multiply(CsrMatrix a, float alpha, FMatrixRMaj b, int bColumn, FMatrixRMaj c, int cColumn, int width,
                         float beta) {
        if (b.numRows != a.cols() || c.numRows != a.rows() || bColumn < 0 || cColumn < 0 || width < 0
                || bColumn + width > b.numCols || cColumn + width > c.numCols) {
            throw new IllegalArgumentException("a " + a.rows() + "×" + a.cols() + " sparse matrix times columns "
                    + bColumn + "–" + (bColumn + width) + " of a " + b.numRows + "×" + b.numCols + " matrix cannot go "
                    + "into columns " + cColumn + "–" + (cColumn + width) + " of a " + c.numRows + "×" + c.numCols
                    + " matrix");
        }
        if (b.data == c.data) {
            throw new IllegalArgumentException("the product of a sparse matrix must not be written into its operand");
        }
        this.a = a;
        this.alpha = alpha;
        this.beta = beta;
        this.b = b.data;
        this.bOffset = bColumn;
        this.ldb = b.numCols;
        this.c = c.data;
        this.cOffset = cColumn;
        this.ldc = c.numCols;
        this.width = width;
        try {
            int rows = a.rows();
            long work = (long) a.nonZeros() * width;
            if (gemm.threads() > 1 && work >= PARALLEL_MIN_MULTIPLY_ADDS && rows > 1) {
                int blocks = Math.min(blockStart.length - 1, rows);
                splitRows(blocks);
                gemm.forEachTask(blocks, task);
            } else {
                blockStart[0] = 0;
                blockStart[1] = rows;
                computeBlock(0, 0);
            }
        } finally {
            this.a = null;
            this.b = null;
            this.c = null;
        }
    }

    /** Cuts the rows into blocks of about equal entry counts (each at least one row). */
    private void splitRows(int blocks) {
        int[] start = a.rowStart();
        int rows = a.rows();
        long entries = a.nonZeros();
        blockStart[0] = 0;
        for (int k = 1; k < blocks; k++) {
            int target = (int) (entries * k / blocks);
            int r = Arrays.binarySearch(start, 0, rows + 1, target);
            if (r < 0) {
                r = -r - 1;
            }
            // at least one row per block, and room for one row in each block still to come
            r = Math.max(r, blockStart[k - 1] + 1);
            r = Math.min(r, rows - (blocks - k));
            blockStart[k] = r;
        }
        blockStart[blocks] = rows;
    }

    private void computeBlock(int worker, int block) {
        int[] start = a.rowStart();
        int[] cols = a.columns();
        float[] vals = a.values();
        float[] bd = b;
        float[] cd = c;
        int w = width;
        for (int i = blockStart[block]; i < blockStart[block + 1]; i++) {
            int out = i * ldc + cOffset;
            if (beta == 0f) {
                Arrays.fill(cd, out, out + w, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < w; j++) {
                    cd[out + j] *= beta;
                }
            }
            for (int e = start[i]; e < start[i + 1]; e++) {
                float v = alpha * vals[e];
                int in = cols[e] * ldb + bOffset;
                for (int j = 0; j < w; j++) {
                    cd[out + j] += v * bd[in + j];
                }
            }
        }
    }
}

package org.opudfa.opu.kernel;

/**
 * One way of computing a tile of {@code C = α·op(A)·op(B) + β·C}: the blocking, the packing of
 * the operands and the inner loops. {@link Gemm} cuts {@code C} into tiles and hands each tile to
 * one worker; this class computes a tile alone, with the worker's own {@link PackingBuffers}.
 *
 * <p>For each k-block {@code [p, p + kc)} the tile's rows of {@code op(A)} are packed into panels
 * of {@link #mr} rows (for each k, the {@code mr} entries of a column side by side) and its
 * columns of {@code op(B)} into panels of {@link #panelWidth} columns (for each k, a row of the
 * panel), zero-padded at the edges, so that the inner loops read both operands contiguously
 * whatever the transposes (a kernel may instead read the rows of an untransposed {@code A} in
 * place, packing only a partial panel: it then overrides {@link #packA}). The contribution of
 * the k-block is then added to {@code C}: the first block writes {@code C = α·P + β·C} (or
 * {@code α·P} when {@code β = 0}, never reading {@code C}), plus the row vector {@code v} if the
 * product has one, later blocks {@code C = α·P + C}.
 *
 * <p>Every entry of {@code C} is summed over k in the same order whichever tile or worker
 * computes it, so the result does not depend on the number of threads.
 */
abstract class GemmKernel {

    /**
     * The depth of {@code op(B)} a worker's buffer holds whole for a tile of the widest kind, two
     * k-blocks: a transposed {@code op(B)} no deeper (a dense layer's weights in its forward pass,
     * up to 512 inputs) is packed once per worker and column of tiles, not once per tile.
     */
    static final int KEPT_DEPTH = 512;

    /** rows of {@code op(A)} in one packed panel */
    final int mr;
    /** columns of {@code op(B)} in one packed panel of the widest tile */
    final int nr;
    /** largest tile height, a multiple of {@link #mr} */
    final int maxTileRows;
    /** largest tile width, a multiple of {@link #nr} */
    final int maxTileCols;
    /** largest k-block */
    final int maxDepth;
    /** tile widths are multiples of this */
    final int colStep;

    GemmKernel(int mr, int nr, int maxTileRows, int maxTileCols, int maxDepth, int colStep) {
        this.mr = mr;
        this.nr = nr;
        this.maxTileRows = maxTileRows;
        this.maxTileCols = maxTileCols;
        this.maxDepth = maxDepth;
        this.colStep = colStep;
    }

    /**
     * @return whether the kernel multiply-adds with one rounding ({@code Math.fma}), in its
     *     k-loop and in its stores, rather than rounding the product and the sum apart
     */
    abstract boolean fused();

    /**
     * @param k the inner dimension of a product
     * @return its k-block depth: k split into the fewest blocks of at most {@link #maxDepth},
     *     of equal depth but the last
     */
    final int depthBlock(int k) {
        int blocks = (k + maxDepth - 1) / maxDepth;
        return (k + blocks - 1) / blocks;
    }

    /**
     * One entry of {@code C} after a k-block whose sum is {@code acc}, as the kernels store it:
     * {@code α·acc + v} (when the block adds a row vector) {@code + β·old}, with {@code α·acc} and
     * the first addend rounded once when {@code fused}; {@code old} takes no part when
     * {@code β = 0} (it may be anything). The vector kernel's scalar edges and the thin products
     * store through this; the scalar kernel's stores are the unfused case, written as three loops the
     * compiler vectorises.
     *
     * @param acc   the k-block's sum
     * @param alpha α
     * @param beta  β for the first k-block, 1 for later ones
     * @param v     the row vector of the first k-block, or null
     * @param vAt   where the entry's addend is in {@code v}
     * @param old   the entry's current value
     * @param fused whether the kernel multiply-adds with one rounding
     * @return the entry's new value
     */
    static float storedEntry(float acc, float alpha, float beta, float[] v, int vAt, float old, boolean fused) {
        if (v != null) {
            float t = fused ? Math.fma(acc, alpha, v[vAt]) : alpha * acc + v[vAt];
            return beta == 0f ? t : t + old * beta;
        }
        if (beta == 0f) {
            return acc * alpha;
        }
        return fused ? Math.fma(acc, alpha, old * beta) : alpha * acc + beta * old;
    }

    /** @return the length of a worker's packed {@code op(B)} buffer: the widest tile, {@link #KEPT_DEPTH} deep */
    final int packedBLength() {
        return maxTileCols * Math.max(maxDepth, KEPT_DEPTH);
    }

    /** @return which implementation this is */
    abstract GemmImplementation implementation();

    /** @return a one-line description of the kernel, for diagnostics */
    abstract String description();

    /** @return fresh buffers large enough for any tile of this kernel */
    abstract PackingBuffers newBuffers();

    /**
     * @param tileCols the width of the tile being packed
     * @return the width of one packed panel of {@code op(B)} for that tile
     */
    abstract int panelWidth(int tileCols);

    /**
     * Adds the product of one packed k-block to a tile of {@code C}.
     *
     * @param op    the product
     * @param p     the first k of the k-block
     * @param depth the depth of the k-block
     * @param row0  the tile's first row in {@code C}
     * @param rows  the tile's height
     * @param col0  the tile's first column in {@code C}
     * @param cols  the tile's width
     * @param beta  the scale of the previous {@code C}: {@code op.beta} for the first block,
     *              1 for later ones
     * @param row   the row vector to add to every row of {@code C} ({@code op.row} for the first
     *              block, null for later ones), indexed by the column of {@code C}
     * @param buf   the worker's buffers, holding the packed operands
     * @param bBase where the k-block's packed {@code op(B)} starts in {@link PackingBuffers#packedB}
     */
    abstract void multiplyPacked(GemmOperands op, int p, int depth, int row0, int rows, int col0, int cols,
                                 float beta, float[] row, PackingBuffers buf, int bBase);

    /**
     * {@code sums[j] += Σ_i a[i·cols + j]} for {@code j < cols}, the rows added one after the other
     * in order, so every implementation gives the same bits.
     *
     * @param a    row-major {@code rows × cols}
     * @param rows rows of {@code a}
     * @param cols columns of {@code a}
     * @param sums the running column sums, length at least {@code cols}
     */
    void addColumnSums(float[] a, int rows, int cols, float[] sums) {
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                sums[j] += a[base + j];
            }
        }
    }

    /**
     * Computes one tile of {@code C} completely. Tiles are numbered down the columns of tiles
     * (all the tiles of the first tile column, then the next), so that a worker taking consecutive
     * tiles computes the same columns of {@code C} again and again: the packed {@code op(B)} left in
     * the worker's buffers by the previous tile is then used again rather than packed anew (the same
     * values, so the same results) when the product has a single k-block, or a transposed
     * {@code op(B)} (packed entry by entry, the slow case) no deeper than {@link #KEPT_DEPTH}, whose
     * packed k-blocks the buffer then keeps side by side.
     *
     * @param op   the product, with its tiling
     * @param tile the tile's index, column-major over the tile grid
     * @param buf  the calling worker's buffers
     */
    final void computeTile(GemmOperands op, int tile, PackingBuffers buf) {
        int tilesDown = op.tiles / op.tilesAcross;
        int row0 = (tile % tilesDown) * op.tileRows;
        int col0 = (tile / tilesDown) * op.tileCols;
        int rows = Math.min(op.tileRows, op.m - row0);
        int cols = Math.min(op.tileCols, op.n - col0);
        int width = panelWidth(cols);
        // the packed k-blocks lie one after the other when they are kept: block p at packedCols·p
        int packedCols = (cols + width - 1) / width * width;
        boolean keep = (op.kc >= op.k || op.transB) && (long) packedCols * op.k <= buf.packedB.length;
        boolean held = keep && buf.holdsPackedB(op, col0);
        for (int p = 0; p < op.k; p += op.kc) {
            int depth = Math.min(op.kc, op.k - p);
            int bBase = keep ? packedCols * p : 0;
            packA(op, row0, rows, p, depth, buf.packedA);
            if (!held) {
                packB(op, p, depth, col0, cols, width, buf.packedB, bBase);
            }
            boolean first = p == 0;
            multiplyPacked(op, p, depth, row0, rows, col0, cols, first ? op.beta : 1f, first ? op.row : null,
                    buf, bBase);
        }
        buf.packedB(keep ? op : null, col0);
    }

    /**
     * Packs {@code op(A)[row0 .. row0+rows, p .. p+depth]} into panels of {@link #mr} rows: entry
     * {@code (i, kk)} goes to {@code (i / mr)·mr·depth + kk·mr + i % mr}; rows past the end are 0.
     */
    void packA(GemmOperands op, int row0, int rows, int p, int depth, float[] dst) {
        float[] a = op.a;
        int lda = op.lda;
        int mr = this.mr;
        if (op.transA) {
            // op(A)[i][kk] = A[p + kk][row0 + i]: sweep each row of A once, across all panels,
            // rather than a narrow column of A at a time (rows 4 KiB apart share cache sets)
            for (int kk = 0; kk < depth; kk++) {
                int src = (p + kk) * lda + row0;
                for (int ir = 0; ir < rows; ir += mr) {
                    int d = ir * depth + kk * mr;
                    int valid = Math.min(mr, rows - ir);
                    for (int r = 0; r < valid; r++) {
                        dst[d + r] = a[src + ir + r];
                    }
                    for (int r = valid; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            }
            return;
        }
        // op(A)[i][kk] = A[row0 + i][p + kk]: read along the rows, write with stride mr
        for (int ir = 0; ir < rows; ir += mr) {
            int base = ir * depth;
            int valid = Math.min(mr, rows - ir);
            for (int r = 0; r < valid; r++) {
                int src = (row0 + ir + r) * lda + p;
                for (int kk = 0; kk < depth; kk++) {
                    dst[base + kk * mr + r] = a[src + kk];
                }
            }
            for (int r = valid; r < mr; r++) {
                for (int kk = 0; kk < depth; kk++) {
                    dst[base + kk * mr + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p .. p+depth, col0 .. col0+cols]} into panels of {@code width} columns:
     * entry {@code (kk, j)} goes to {@code dstOff + (j / width)·width·depth + kk·width + j % width};
     * columns past the end are 0.
     */
    void packB(GemmOperands op, int p, int depth, int col0, int cols, int width, float[] dst, int dstOff) {
        float[] b = op.b;
        int ldb = op.ldb;
        for (int jr = 0; jr < cols; jr += width) {
            int base = dstOff + jr * depth;
            int valid = Math.min(width, cols - jr);
            if (op.transB) {
                // op(B)[kk][j] = B[col0 + j][p + kk]: read along B's rows, write with stride width
                for (int c = 0; c < valid; c++) {
                    int src = (col0 + jr + c) * ldb + p;
                    for (int kk = 0; kk < depth; kk++) {
                        dst[base + kk * width + c] = b[src + kk];
                    }
                }
                for (int c = valid; c < width; c++) {
                    for (int kk = 0; kk < depth; kk++) {
                        dst[base + kk * width + c] = 0f;
                    }
                }
            } else {
                // op(B)[kk][j] = B[p + kk][col0 + j]: each k gives a run of adjacent entries
                for (int kk = 0; kk < depth; kk++) {
                    int d = base + kk * width;
                    System.arraycopy(b, (p + kk) * ldb + col0 + jr, dst, d, valid);
                    for (int c = valid; c < width; c++) {
                        dst[d + c] = 0f;
                    }
                }
            }
        }
    }
}

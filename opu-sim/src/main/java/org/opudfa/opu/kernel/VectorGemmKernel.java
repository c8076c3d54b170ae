package org.opudfa.opu.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM kernel written with the JDK Vector API ({@code jdk.incubator.vector}), on the
 * preferred float species of the machine ({@code L} lanes).
 *
 * <p>A micro-tile is {@code MR × 2L} entries of {@code C} ({@code MR = 8} when vectors have 16
 * lanes or more, which comes with 32 vector registers; 6 otherwise, to fit in 16 registers), kept
 * in registers while the k-block is swept: per k, two vectors of the packed {@code op(B)} panel
 * are multiplied by {@code MR} broadcast entries of the packed {@code op(A)} panel and added with
 * fused multiply-adds. The {@code op(B)} panel ({@code kc × 2L} floats) stays in the L1 cache
 * while the tile's rows go by; the packed block of {@code op(A)} stays in L2.
 *
 * <p>Only {@link GemmImplementation} loads this class, by name, and only when the module is
 * present: any class that refers to it directly would fail to load without the module.
 *
 * <p>Two things keep C2 compiling the kernels to plain SIMD code, and are easy to undo by
 * accident: the accumulators start from {@code FloatVector.zero(S)} created in the kernel (seeding
 * them from a {@code static final} vector made C2 keep them as heap objects, at a few GFLOP/s),
 * and the kernels contain nothing but the k-loop and plain stores (see {@link #microKernel}).
 */
final class VectorGemmKernel extends GemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** lanes per vector */
    private static final int L = S.length();
    /** rows of a micro-tile */
    private static final int MR = L >= 16 ? 8 : 6;
    /** columns of a micro-tile: two vectors */
    private static final int NR = 2 * L;
    private static final int MAX_TILE_ROWS = 256 / MR * MR;
    private static final int MAX_TILE_COLS = 256;
    private static final int MAX_DEPTH = 256;

    /** Loaded reflectively by {@link GemmImplementation}. */
    VectorGemmKernel() {
        super(MR, NR, MAX_TILE_ROWS, Math.max(NR, MAX_TILE_COLS / NR * NR), MAX_DEPTH, NR);
    }

    @Override
    boolean fused() {
        return true;
    }

    @Override
    GemmImplementation implementation() {
        return GemmImplementation.VECTOR;
    }

    @Override
    String description() {
        return "vector (jdk.incubator.vector, " + S.vectorBitSize() + "-bit, " + MR + "×" + NR
                + " micro-kernel)";
    }

    @Override
    PackingBuffers newBuffers() {
        return new PackingBuffers(maxTileRows * maxDepth, packedBLength(), 1, MR * NR);
    }

    @Override
    int panelWidth(int tileCols) {
        return NR;
    }

    /** Copies whole panels of an untransposed {@code op(B)} two vectors at a time. */
    @Override
    void packB(GemmOperands op, int p, int depth, int col0, int cols, int width, float[] dst, int dstOff) {
        if (op.transB) {
            super.packB(op, p, depth, col0, cols, width, dst, dstOff);
            return;
        }
        float[] b = op.b;
        int ldb = op.ldb;
        int jr = 0;
        for (; jr + NR <= cols; jr += NR) {
            int d = dstOff + jr * depth;
            int src = p * ldb + col0 + jr;
            for (int kk = 0; kk < depth; kk++) {
                FloatVector.fromArray(S, b, src).intoArray(dst, d);
                FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                src += ldb;
                d += NR;
            }
        }
        if (jr < cols) {
            super.packB(op, p, depth, col0 + jr, cols - jr, width, dst, dstOff + jr * depth);
        }
    }

    /**
     * Column sums four vectors of columns at a time, the running sums held in registers while the
     * rows go by; each lane adds the rows in order, as the scalar loop does.
     */
    @Override
    void addColumnSums(float[] a, int rows, int cols, float[] sums) {
        int j = 0;
        for (; j + 4 * L <= cols; j += 4 * L) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            FloatVector s1 = FloatVector.fromArray(S, sums, j + L);
            FloatVector s2 = FloatVector.fromArray(S, sums, j + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, sums, j + 3 * L);
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                s0 = s0.add(FloatVector.fromArray(S, a, o));
                s1 = s1.add(FloatVector.fromArray(S, a, o + L));
                s2 = s2.add(FloatVector.fromArray(S, a, o + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, a, o + 3 * L));
            }
            s0.intoArray(sums, j);
            s1.intoArray(sums, j + L);
            s2.intoArray(sums, j + 2 * L);
            s3.intoArray(sums, j + 3 * L);
        }
        for (; j + L <= cols; j += L) {
            FloatVector s0 = FloatVector.fromArray(S, sums, j);
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                s0 = s0.add(FloatVector.fromArray(S, a, o));
            }
            s0.intoArray(sums, j);
        }
        for (; j < cols; j++) {
            float s0 = sums[j];
            for (int i = 0, o = j; i < rows; i++, o += cols) {
                s0 += a[o];
            }
            sums[j] = s0;
        }
    }

    /**
     * Packs only what the kernels cannot read in place: all of a transposed {@code op(A)}, but of
     * an untransposed one just the last panel when the tile's height is not a multiple of
     * {@code MR} (at the start of the buffer); whole panels of {@code A}'s own rows are read where
     * they are by {@link #kernel8x2InPlace}. Packing an untransposed panel writes with a stride of
     * {@code MR} floats, one entry at a time: in a profile of the transformer language model's
     * training (inner dimensions 32 to 512) it took half as long as the micro-kernels.
     */
    @Override
    void packA(GemmOperands op, int row0, int rows, int p, int depth, float[] dst) {
        if (MR == 8 && op.transA) {
            packTransposedA(op, row0, rows, p, depth, dst);
            return;
        }
        if (!readsAInPlace(op)) {
            super.packA(op, row0, rows, p, depth, dst);
            return;
        }
        int whole = rows / MR * MR;
        if (whole < rows) {
            super.packA(op, row0 + whole, rows - whole, p, depth, dst);
        }
    }

    /**
     * Packs a transposed {@code op(A)} as {@link GemmKernel#packA} does, a whole panel's 8 entries
     * of each k (adjacent in a row of {@code A}) in 8 written-out copies that the JIT compiler
     * turns into one vector move (a second vector species here would cost the kernels their
     * intrinsics); a last partial panel one entry at a time, zero-padded.
     */
    private static void packTransposedA(GemmOperands op, int row0, int rows, int p, int depth, float[] dst) {
        float[] a = op.a;
        int lda = op.lda;
        int whole = rows / MR * MR;
        for (int kk = 0; kk < depth; kk++) {
            int src = (p + kk) * lda + row0;
            int d = kk * MR;
            for (int ir = 0; ir < whole; ir += MR, d += MR * depth) {
                int s = src + ir;
                dst[d] = a[s];
                dst[d + 1] = a[s + 1];
                dst[d + 2] = a[s + 2];
                dst[d + 3] = a[s + 3];
                dst[d + 4] = a[s + 4];
                dst[d + 5] = a[s + 5];
                dst[d + 6] = a[s + 6];
                dst[d + 7] = a[s + 7];
            }
            if (whole < rows) {
                int valid = rows - whole;
                for (int r = 0; r < valid; r++) {
                    dst[d + r] = a[src + whole + r];
                }
                for (int r = valid; r < MR; r++) {
                    dst[d + r] = 0f;
                }
            }
        }
    }

    /** @return whether whole panels of {@code op(A)} are read in place, not packed: A untransposed */
    private static boolean readsAInPlace(GemmOperands op) {
        return MR == 8 && !op.transA;
    }

    @Override
    void multiplyPacked(GemmOperands op, int p, int depth, int row0, int rows, int col0, int cols, float beta,
                        float[] row, PackingBuffers buf, int bBase) {
        float[] ap = buf.packedA;
        float[] bp = buf.packedB;
        float[] t = buf.scratch[0];
        float[] c = op.c;
        float[] a = op.a;
        int lda = op.lda;
        int ldc = op.ldc;
        float alpha = op.alpha;
        boolean inPlace = readsAInPlace(op);
        int whole = rows / MR * MR;
        for (int jr = 0; jr < cols; jr += NR) {
            int bOff = bBase + jr * depth;
            int width = Math.min(NR, cols - jr);
            for (int ir = 0; ir < rows; ir += MR) {
                int height = Math.min(MR, rows - ir);
                int cOff = (row0 + ir) * ldc + col0 + jr;
                if (!inPlace) {
                    microKernel(depth, ap, ir * depth, bp, bOff, t);
                } else if (ir < whole) {
                    kernel8x2InPlace(depth, a, (row0 + ir) * lda + p, lda, bp, bOff, t);
                } else {
                    // the last, partial panel, packed at the start of the buffer
                    microKernel(depth, ap, 0, bp, bOff, t);
                }
                if (row != null) {
                    storeWithRow(t, height, width, c, cOff, ldc, alpha, beta, row, col0 + jr);
                } else if (height == MR && width == NR) {
                    storeTile(t, c, cOff, ldc, alpha, beta);
                } else {
                    storePartial(t, height, width, c, cOff, ldc, alpha, beta);
                }
            }
        }
    }

    /**
     * Leaves the micro-tile {@code Σ_k op(A)[r][k]·op(B)[k][j]} of one k-block, row-major, in
     * {@code t}. The stores to {@code C} are kept out of the unrolled kernel: the kernel is then
     * small enough for the JIT compiler to inline every Vector API call in it, which it otherwise
     * sometimes stops doing part way, leaving the slow non-intrinsic fallback in the inner loop.
     */
    private static void microKernel(int depth, float[] ap, int aOff, float[] bp, int bOff, float[] t) {
        if (MR == 8) {
            kernel8x2(depth, ap, aOff, bp, bOff, t);
        } else {
            kernel6x2(depth, ap, aOff, bp, bOff, t);
        }
    }

    /**
     * Writes a whole micro-tile: {@code C = α·acc} when {@code β = 0} (never reading {@code C}),
     * else {@code C = fma(acc, α, β·C)}; the same arithmetic, rounding for rounding, as
     * {@link #storePartial}.
     */
    private static void storeTile(float[] t, float[] c, int cOff, int ldc, float alpha, float beta) {
        FloatVector alphas = FloatVector.broadcast(S, alpha);
        for (int r = 0; r < MR; r++) {
            int row = cOff + r * ldc;
            for (int v = 0; v < NR; v += L) {
                FloatVector acc = FloatVector.fromArray(S, t, r * NR + v);
                if (beta == 0f) {
                    acc.mul(alphas).intoArray(c, row + v);
                } else {
                    acc.fma(alphas, FloatVector.fromArray(S, c, row + v).mul(beta)).intoArray(c, row + v);
                }
            }
        }
    }

    /**
     * Writes the top-left {@code height × width} corner of a micro-tile plus a row vector:
     * {@code C[r][j] = α·acc[r][j] + v[j]} (+ {@code β·C[r][j]} when {@code β ≠ 0}); whole
     * vectors where the tile is wide enough, one entry at a time at its right edge, with the
     * same arithmetic ({@code α·acc} is added to {@code v} with one fused multiply-add, then
     * {@code β·C} is added).
     */
    private static void storeWithRow(float[] t, int height, int width, float[] c, int cOff, int ldc, float alpha,
                                     float beta, float[] row, int rowOff) {
        FloatVector alphas = FloatVector.broadcast(S, alpha);
        for (int r = 0; r < height; r++) {
            int dst = cOff + r * ldc;
            int j = 0;
            for (; j + L <= width; j += L) {
                FloatVector v = FloatVector.fromArray(S, t, r * NR + j)
                        .fma(alphas, FloatVector.fromArray(S, row, rowOff + j));
                if (beta != 0f) {
                    v = v.add(FloatVector.fromArray(S, c, dst + j).mul(beta));
                }
                v.intoArray(c, dst + j);
            }
            for (; j < width; j++) {
                c[dst + j] = storedEntry(t[r * NR + j], alpha, beta, row, rowOff + j, c[dst + j], true);
            }
        }
    }

    /** Writes the top-left {@code height × width} corner of a micro-tile held in {@code t}. */
    private static void storePartial(float[] t, int height, int width, float[] c, int cOff, int ldc,
                                     float alpha, float beta) {
        for (int r = 0; r < height; r++) {
            int row = cOff + r * ldc;
            for (int j = 0; j < width; j++) {
                c[row + j] = storedEntry(t[r * NR + j], alpha, beta, null, 0, c[row + j], true);
            }
        }
    }

    /**
     * 8 × 2L micro-kernel: 8·2 vector accumulators held in registers through the whole
     * k-block; per k it loads two vectors of the {@code op(B)} panel, broadcasts 8 entries of
     * the {@code op(A)} panel and issues 16 fused multiply-adds.
     */
    private static void kernel8x2(int depth, float[] ap, int aOff, float[] bp, int bOff, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        int a = aOff;
        int b = bOff;
        for (int kk = 0; kk < depth; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[a + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[a + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            a += 8;
            b += 2 * L;
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
        c60.intoArray(t, 12 * L);
        c61.intoArray(t, 13 * L);
        c70.intoArray(t, 14 * L);
        c71.intoArray(t, 15 * L);
    }

    /**
     * The 8 × 2L micro-kernel reading {@code op(A) = A} in place: row {@code r} of the panel is
     * {@code ap[aOff + r·lda …]}, the k-block's entries of that row side by side. The same
     * arithmetic in the same order as {@link #kernel8x2} on the packed panel, so the same bits.
     */
    private static void kernel8x2InPlace(int depth, float[] ap, int aOff, int lda, float[] bp, int bOff, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c71 = FloatVector.zero(S);
        int a = aOff;
        int l2 = 2 * lda;
        int l3 = 3 * lda;
        int l4 = 4 * lda;
        int l5 = 5 * lda;
        int l6 = 6 * lda;
        int l7 = 7 * lda;
        int b = bOff;
        for (int kk = 0; kk < depth; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + lda]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + l2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + l3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + l4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + l5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[a + l6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[a + l7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            a++;
            b += 2 * L;
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
        c60.intoArray(t, 12 * L);
        c61.intoArray(t, 13 * L);
        c70.intoArray(t, 14 * L);
        c71.intoArray(t, 15 * L);
    }

    /**
     * 6 × 2L micro-kernel: 6·2 vector accumulators held in registers through the whole
     * k-block; per k it loads two vectors of the {@code op(B)} panel, broadcasts 6 entries of
     * the {@code op(A)} panel and issues 12 fused multiply-adds.
     */
    private static void kernel6x2(int depth, float[] ap, int aOff, float[] bp, int bOff, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        int a = aOff;
        int b = bOff;
        for (int kk = 0; kk < depth; kk++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            a += 6;
            b += 2 * L;
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
    }
}

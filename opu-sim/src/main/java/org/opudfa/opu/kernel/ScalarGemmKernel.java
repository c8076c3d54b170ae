package org.opudfa.opu.kernel;

import java.util.Arrays;

/**
 * The GEMM kernel in plain Java, for JVMs without the Vector API module. Its loops are shaped so
 * that the JIT compiler vectorises them by itself.
 *
 * <p>The packed block of {@code op(B)} is one row-major {@code kc × tileCols} panel. Four rows of
 * {@code C} are accumulated at a time in four row buffers: for each k, the row of the panel is
 * copied to a buffer of its own and {@code acc_r[j] += a_r·b[j]} runs over the tile's width.
 * Every array in that loop is indexed by the same {@code j}; an offset into one of them would
 * let the arrays overlap as far as the compiler knows, and it would not vectorise.
 */
final class ScalarGemmKernel extends GemmKernel {

    private static final int MR = 4;
    private static final int MAX_TILE_ROWS = 256;
    private static final int MAX_TILE_COLS = 256;
    private static final int MAX_DEPTH = 256;
    /** tile widths stay multiples of a 512-bit vector of floats */
    private static final int COL_STEP = 16;

    ScalarGemmKernel() {
        super(MR, MAX_TILE_COLS, MAX_TILE_ROWS, MAX_TILE_COLS, MAX_DEPTH, COL_STEP);
    }

    @Override
    boolean fused() {
        return false;
    }

    @Override
    GemmImplementation implementation() {
        return GemmImplementation.SCALAR;
    }

    @Override
    String description() {
        return "scalar (plain Java loops, " + MR + " rows × tile width)";
    }

    @Override
    PackingBuffers newBuffers() {
        return new PackingBuffers(maxTileRows * maxDepth, packedBLength(), MR + 1, maxTileCols);
    }

    @Override
    int panelWidth(int tileCols) {
        return tileCols;
    }

    @Override
    void multiplyPacked(GemmOperands op, int p, int depth, int row0, int rows, int col0, int cols, float beta,
                        float[] row, PackingBuffers buf, int bBase) {
        float[] ap = buf.packedA;
        float[] bp = buf.packedB;
        float[] bRow = buf.scratch[0];
        float[] acc0 = buf.scratch[1];
        float[] acc1 = buf.scratch[2];
        float[] acc2 = buf.scratch[3];
        float[] acc3 = buf.scratch[4];
        for (int ir = 0; ir < rows; ir += MR) {
            Arrays.fill(acc0, 0, cols, 0f);
            Arrays.fill(acc1, 0, cols, 0f);
            Arrays.fill(acc2, 0, cols, 0f);
            Arrays.fill(acc3, 0, cols, 0f);
            int aOff = ir * depth;
            for (int kk = 0; kk < depth; kk++) {
                int o = aOff + kk * MR;
                float a0 = ap[o];
                float a1 = ap[o + 1];
                float a2 = ap[o + 2];
                float a3 = ap[o + 3];
                System.arraycopy(bp, bBase + kk * cols, bRow, 0, cols);
                for (int j = 0; j < cols; j++) {
                    float b = bRow[j];
                    acc0[j] += a0 * b;
                    acc1[j] += a1 * b;
                    acc2[j] += a2 * b;
                    acc3[j] += a3 * b;
                }
            }
            int height = Math.min(MR, rows - ir);
            int cOff = (row0 + ir) * op.ldc + col0;
            store(acc0, cols, op.c, cOff, op.alpha, beta, row, col0);
            if (height > 1) {
                store(acc1, cols, op.c, cOff + op.ldc, op.alpha, beta, row, col0);
            }
            if (height > 2) {
                store(acc2, cols, op.c, cOff + 2 * op.ldc, op.alpha, beta, row, col0);
            }
            if (height > 3) {
                store(acc3, cols, op.c, cOff + 3 * op.ldc, op.alpha, beta, row, col0);
            }
        }
    }

    /**
     * {@code C = α·acc} when {@code β = 0} (never reading {@code C}), else {@code C = α·acc + β·C};
     * plus {@code row[col0 + j]} in column j when {@code row} is not null.
     */
    private static void store(float[] acc, int cols, float[] c, int cOff, float alpha, float beta, float[] row,
                              int col0) {
        if (row != null) {
            for (int j = 0; j < cols; j++) {
                float v = alpha * acc[j] + row[col0 + j];
                c[cOff + j] = beta == 0f ? v : v + beta * c[cOff + j];
            }
        } else if (beta == 0f) {
            for (int j = 0; j < cols; j++) {
                c[cOff + j] = alpha * acc[j];
            }
        } else {
            for (int j = 0; j < cols; j++) {
                c[cOff + j] = alpha * acc[j] + beta * c[cOff + j];
            }
        }
    }
}

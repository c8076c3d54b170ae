package org.opudfa.opu.kernel;

/**
 * The scratch memory one worker needs to compute tiles: the packed block of {@code op(A)}, the
 * packed block of {@code op(B)}, and a few small rows the kernel uses for partial tiles or
 * accumulators. Allocated once, at the largest size the kernel can ask for, the first time the
 * worker computes, then reused by every later product.
 */
final class PackingBuffers {

    final float[] packedA;
    final float[] packedB;
    final float[][] scratch;
    /** the product whose packed {@code op(B)} {@link #packedB} holds whole, or null */
    private GemmOperands packedBOf;
    private long packedBGeneration;
    private int packedBCol0;

    PackingBuffers(int packedASize, int packedBSize, int scratchRows, int scratchLength) {
        packedA = new float[packedASize];
        packedB = new float[packedBSize];
        scratch = new float[scratchRows][scratchLength];
    }

    /**
     * @param op   the product being computed
     * @param col0 the first column of the tile
     * @return whether {@link #packedB} already holds that tile's columns of {@code op(B)}, all of
     *     its depth (packed for an earlier tile of the same product and the same columns)
     */
    boolean holdsPackedB(GemmOperands op, int col0) {
        return packedBOf == op && packedBGeneration == op.generation && packedBCol0 == col0;
    }

    /**
     * Records what {@link #packedB} now holds.
     *
     * @param op   the product whose tile columns starting at {@code col0} were packed, all of the
     *             depth in one block; or null if it holds only a block of a deeper product
     * @param col0 the tile's first column
     */
    void packedB(GemmOperands op, int col0) {
        packedBOf = op;
        packedBGeneration = op == null ? 0 : op.generation;
        packedBCol0 = col0;
    }
}

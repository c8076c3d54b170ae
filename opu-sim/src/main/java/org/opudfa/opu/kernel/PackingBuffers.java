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

    PackingBuffers(int packedASize, int packedBSize, int scratchRows, int scratchLength) {
        packedA = new float[packedASize];
        packedB = new float[packedBSize];
        scratch = new float[scratchRows][scratchLength];
    }
}

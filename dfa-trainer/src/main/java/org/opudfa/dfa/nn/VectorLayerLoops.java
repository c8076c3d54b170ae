package org.opudfa.dfa.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.opudfa.opu.rng.SplitMix64;

/**
 * {@link LayerLoops} written with the JDK Vector API ({@code jdk.incubator.vector}) on the
 * machine's preferred vectors: the same operations in the same order per value, so the same
 * bits. Only {@link LayerLoops} loads this class, by name, and only when the module is present.
 *
 * <ul>
 *   <li>Sums in double: a vector of {@code L} floats widened to two vectors of doubles; each lane
 *       is a column, adding the rows in order.</li>
 *   <li>Keyed dropout: {@code L/2} hashes at a time in 64-bit lanes. Each lane's two factors
 *       {@code keep·scale} (from the high and the low 24-bit uniform) are built as bits, those of
 *       {@code scale} or of {@code +0}, in the two 32-bit halves of the lane, low half first, so
 *       that read as {@code L} floats they are the factors of entries {@code 2q, 2q + 1, …} in
 *       order: no conversion between vector types but that reinterpretation. Only with 512-bit
 *       vectors (AVX-512, whose 64-bit lane multiply is one instruction); on narrower ones the
 *       plain loop runs.</li>
 *   <li>Batch norm's row passes: a vector of columns at a time, every operation rounded as in the
 *       plain loop (no fused multiply-add).</li>
 * </ul>
 * Tails shorter than a vector go through the plain loops.
 *
 * <p>Two things made C2 in Java 17 fall back to the slow, allocating form of Vector API calls, and
 * are easy to bring back by accident. A second float species (half-width vectors, tried for the
 * widening to double) made the GEMM kernel's own calls lose their intrinsics in a training run:
 * its backward products took 50% longer. So only {@code FloatVector.SPECIES_PREFERRED}, the GEMM
 * kernel's species, is used for floats. And a dropout mask stored as bytes through a
 * {@code ByteVector} (tried) was not compiled to a vector store in some runs; the keyed mask is
 * therefore not stored at all (backward recomputes it) and never leaves the 64-bit and float lanes.
 */
final class VectorLayerLoops extends LayerLoops {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** floats per vector */
    private static final int L = F.length();
    private static final VectorSpecies<Long> W = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** whether 64-bit lanes multiply in one instruction (512-bit vectors) */
    private static final boolean HASHES = W.vectorBitSize() >= 512;
    /** q + 1 for the lanes of a vector of hashes, q counted from the vector's first */
    private static final long[] LANE_STEPS = new long[W.length()];

    static {
        for (int l = 0; l < LANE_STEPS.length; l++) {
            LANE_STEPS[l] = l + 1;
        }
    }

    /** Loaded reflectively by {@link LayerLoops}. */
    VectorLayerLoops() {
    }

    @Override
    String description() {
        return "vector (jdk.incubator.vector, " + F.vectorBitSize() + "-bit"
                + (HASHES ? "" : ", dropout hashes scalar") + ")";
    }

    @Override
    void addRow(float[] x, int at, double[] sums, int from, int to) {
        int j = from;
        int h = D.length();
        for (; j + L <= to; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, at + j);
            DoubleVector.fromArray(D, sums, j).add(widen(v, 0)).intoArray(sums, j);
            DoubleVector.fromArray(D, sums, j + h).add(widen(v, 1)).intoArray(sums, j + h);
        }
        super.addRow(x, at, sums, j, to);
    }

    @Override
    void addSquaredDeviations(float[] x, int at, double[] mean, double[] sums, int from, int to) {
        int j = from;
        int h = D.length();
        for (; j + L <= to; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, at + j);
            DoubleVector c0 = widen(v, 0).sub(DoubleVector.fromArray(D, mean, j));
            DoubleVector c1 = widen(v, 1).sub(DoubleVector.fromArray(D, mean, j + h));
            DoubleVector.fromArray(D, sums, j).add(c0.mul(c0)).intoArray(sums, j);
            DoubleVector.fromArray(D, sums, j + h).add(c1.mul(c1)).intoArray(sums, j + h);
        }
        super.addSquaredDeviations(x, at, mean, sums, j, to);
    }

    @Override
    void addRowAndProducts(float[] a, float[] b, int at, double[] sums, double[] products, int from, int to) {
        int j = from;
        int h = D.length();
        for (; j + L <= to; j += L) {
            FloatVector av = FloatVector.fromArray(F, a, at + j);
            FloatVector bv = FloatVector.fromArray(F, b, at + j);
            DoubleVector a0 = widen(av, 0);
            DoubleVector a1 = widen(av, 1);
            DoubleVector.fromArray(D, sums, j).add(a0).intoArray(sums, j);
            DoubleVector.fromArray(D, sums, j + h).add(a1).intoArray(sums, j + h);
            DoubleVector.fromArray(D, products, j).add(a0.mul(widen(bv, 0))).intoArray(products, j);
            DoubleVector.fromArray(D, products, j + h).add(a1.mul(widen(bv, 1))).intoArray(products, j + h);
        }
        super.addRowAndProducts(a, b, at, sums, products, j, to);
    }

    @Override
    void normalizeRow(float[] x, float[] normalized, float[] y, int at, float[] shift, float[] inverseStd,
                      float[] gain, float[] bias, int from, int to) {
        int j = from;
        for (; j + L <= to; j += L) {
            FloatVector v = FloatVector.fromArray(F, x, at + j).sub(FloatVector.fromArray(F, shift, j))
                    .mul(FloatVector.fromArray(F, inverseStd, j));
            v.intoArray(normalized, at + j);
            FloatVector.fromArray(F, gain, j).mul(v).add(FloatVector.fromArray(F, bias, j)).intoArray(y, at + j);
        }
        super.normalizeRow(x, normalized, y, at, shift, inverseStd, gain, bias, j, to);
    }

    @Override
    void normalizedGradientRow(float[] gy, float[] normalized, float[] gx, int at, float[] gain, float[] meanG,
                               float[] meanGx, float[] inverseStd, int from, int to) {
        int j = from;
        for (; j + L <= to; j += L) {
            FloatVector.fromArray(F, gy, at + j).mul(FloatVector.fromArray(F, gain, j))
                    .sub(FloatVector.fromArray(F, meanG, j))
                    .sub(FloatVector.fromArray(F, normalized, at + j).mul(FloatVector.fromArray(F, meanGx, j)))
                    .mul(FloatVector.fromArray(F, inverseStd, j)).intoArray(gx, at + j);
        }
        super.normalizedGradientRow(gy, normalized, gx, at, gain, meanG, meanGx, inverseStd, j, to);
    }

    @Override
    void keyedMask(float[] x, float[] y, long key, int dropBelow, float scale, int from, int to) {
        int i = from;
        if (HASHES) {
            LongVector steps = LongVector.fromArray(W, LANE_STEPS, 0);
            long scaleBits = Float.floatToRawIntBits(scale);
            for (; i + L <= to; i += L) {
                LongVector z = steps.add(i >>> 1).mul(SplitMix64.GOLDEN_GAMMA).add(key);
                // SplitMix64.mix, lane by lane
                z = z.lanewise(VectorOperators.LSHR, 30).lanewise(VectorOperators.XOR, z)
                        .mul(SplitMix64.MIX_MULTIPLIER_1);
                z = z.lanewise(VectorOperators.LSHR, 27).lanewise(VectorOperators.XOR, z)
                        .mul(SplitMix64.MIX_MULTIPLIER_2);
                LongVector w = z.lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.XOR, z);
                // (u − t) >> 63 is all ones iff u < t (dropped): the factor has scale's bits where it is 0, else +0's
                LongVector high = w.lanewise(VectorOperators.LSHR, 40).sub(dropBelow)
                        .lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.NOT).and(scaleBits);
                LongVector low = w.lanewise(VectorOperators.LSHR, 8).and(0xFFFFFFL).sub(dropBelow)
                        .lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.NOT).and(scaleBits);
                FloatVector factor = low.lanewise(VectorOperators.LSHL, 32).or(high).reinterpretAsFloats();
                FloatVector.fromArray(F, x, i).mul(factor).intoArray(y, i);
            }
        }
        super.keyedMask(x, y, key, dropBelow, scale, i, to);
    }

    /** @return half {@code part} (0 or 1) of a vector of floats as a vector of doubles */
    private static DoubleVector widen(FloatVector v, int part) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, D, part);
    }
}

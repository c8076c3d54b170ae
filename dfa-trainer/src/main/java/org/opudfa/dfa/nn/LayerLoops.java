package org.opudfa.dfa.nn;

import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.rng.SplitMix64;

/**
 * The inner loops of {@link BatchNorm} and {@link Dropout} that C2 in Java 17 compiles to scalar
 * code: sums accumulated in double (it does not vectorise the float-to-double conversion), batch
 * norm's row passes (it does not vectorise a loop that reads arrays at two different offsets) and
 * the keyed dropout mask (64-bit hashes). On one core of an AVX-512 machine, over 2 048 × 400
 * floats, a batch norm's training pass forward takes 1.2 ms in the plain loops and 0.51 ms in the
 * Vector API form, a keyed dropout pass 1.2 and 0.24 ms, against 0.07 ms for a ReLU.
 *
 * <p>This class holds the plain loops, the reference; {@code VectorLayerLoops} is the Vector API
 * form. A layer runs the form of its run's matrix products ({@link #of}): the Vector API form when
 * the layer was given a {@link Gemm} on the {@link GemmImplementation#VECTOR} kernel, the plain
 * loops otherwise. So a run on the scalar GEMM kernel touches no Vector API code, which allocates
 * its vectors on the heap until the optimising JIT compiler has compiled it (the allocation tests
 * run short trainings on the scalar kernel for that reason). Both forms compute every value with
 * the same operations in the same order: each column's sum adds the rows in order, and no
 * operation is fused that the plain loop does not fuse, so they give the same bits, which tests
 * check.
 */
class LayerLoops {

    /** the plain loops */
    static final LayerLoops PLAIN = new LayerLoops();
    /** the Vector API form if this JVM can run it, else the plain loops */
    static final LayerLoops VECTOR = load();

    LayerLoops() {
    }

    /**
     * @param runner a layer's threads, or null
     * @return the Vector API form if {@code runner} is a {@link Gemm} on the vector kernel, else
     *     the plain loops
     */
    static LayerLoops of(TaskRunner runner) {
        return runner instanceof Gemm gemm && gemm.implementation() == GemmImplementation.VECTOR ? VECTOR : PLAIN;
    }

    /** @return a description for diagnostics: which form runs */
    String description() {
        return "scalar";
    }

    /**
     * {@code sums[j] += x[at + j]} for {@code from ≤ j < to}, each in double.
     *
     * @param x    the row's array
     * @param at   offset of the row's first entry
     * @param sums running column sums
     * @param from first column
     * @param to   end of the columns
     */
    void addRow(float[] x, int at, double[] sums, int from, int to) {
        for (int j = from; j < to; j++) {
            sums[j] += x[at + j];
        }
    }

    /**
     * {@code sums[j] += (x[at + j] − mean[j])²} for {@code from ≤ j < to}, in double (the square,
     * then the sum, each rounded).
     *
     * @param x    the row's array
     * @param at   offset of the row's first entry
     * @param mean the column means
     * @param sums running column sums of squares
     * @param from first column
     * @param to   end of the columns
     */
    void addSquaredDeviations(float[] x, int at, double[] mean, double[] sums, int from, int to) {
        for (int j = from; j < to; j++) {
            double c = x[at + j] - mean[j];
            sums[j] += c * c;
        }
    }

    /**
     * {@code sums[j] += a[at + j]} and {@code products[j] += a[at + j]·b[at + j]} for
     * {@code from ≤ j < to}, in double (the product of two floats is exact in double).
     *
     * @param a        one row
     * @param b        the other row, at the same offset in its array
     * @param at       offset of both rows' first entries
     * @param sums     running column sums of {@code a}
     * @param products running column sums of {@code a ⊙ b}
     * @param from     first column
     * @param to       end of the columns
     */
    void addRowAndProducts(float[] a, float[] b, int at, double[] sums, double[] products, int from, int to) {
        for (int j = from; j < to; j++) {
            sums[j] += a[at + j];
            products[j] += (double) a[at + j] * b[at + j];
        }
    }

    /**
     * Batch norm's normalising pass over one row: {@code v = (x[at + j] − shift[j])·inverseStd[j]},
     * {@code normalized[at + j] = v}, {@code y[at + j] = gain[j]·v + bias[j]} for
     * {@code from ≤ j < to}.
     *
     * @param x          the input
     * @param normalized x̂
     * @param y          the output
     * @param at         offset of the row's first entry in all three
     * @param shift      the column means
     * @param inverseStd the columns' {@code 1/√(σ² + ε)}
     * @param gain       γ
     * @param bias       β
     * @param from       first column
     * @param to         end of the columns
     */
    void normalizeRow(float[] x, float[] normalized, float[] y, int at, float[] shift, float[] inverseStd,
                      float[] gain, float[] bias, int from, int to) {
        for (int j = from; j < to; j++) {
            float v = (x[at + j] - shift[j]) * inverseStd[j];
            normalized[at + j] = v;
            y[at + j] = gain[j] * v + bias[j];
        }
    }

    /**
     * Batch norm's ∂x after a training pass, over one row:
     * {@code gx[at + j] = (gy[at + j]·gain[j] − meanG[j] − normalized[at + j]·meanGx[j])·inverseStd[j]}
     * for {@code from ≤ j < to}.
     *
     * @param gy         ∂y
     * @param normalized x̂
     * @param gx         ∂x
     * @param at         offset of the row's first entry in all three
     * @param gain       γ
     * @param meanG      {@code mean(∂y ⊙ γ)} per column
     * @param meanGx     {@code mean(∂y ⊙ γ ⊙ x̂)} per column
     * @param inverseStd the columns' {@code 1/√(σ² + ε)}
     * @param from       first column
     * @param to         end of the columns
     */
    void normalizedGradientRow(float[] gy, float[] normalized, float[] gx, int at, float[] gain, float[] meanG,
                               float[] meanGx, float[] inverseStd, int from, int to) {
        for (int j = from; j < to; j++) {
            gx[at + j] = (gy[at + j] * gain[j] - meanG[j] - normalized[at + j] * meanGx[j]) * inverseStd[j];
        }
    }

    /**
     * Keyed dropout's mask applied to entries {@code from ≤ i < to} (see {@link Dropout}): entry
     * {@code i = 2q} keeps iff the top 24 bits of {@code w_q = mix(key + (q + 1)·γ)} are at least
     * {@code dropBelow}, entry {@code 2q + 1} iff bits 8 to 31 are; {@code y[i] = x[i]·(keep_i·scale)}
     * with {@code keep_i} 1 or 0. Forward applies it to the input, backward to the gradient.
     *
     * @param x         what the mask multiplies
     * @param y         the product
     * @param key       the pass's key κ
     * @param dropBelow ⌈p·2²⁴⌉
     * @param scale     {@code 1/(1 − p)}
     * @param from      first entry, even
     * @param to        end of the entries
     */
    void keyedMask(float[] x, float[] y, long key, int dropBelow, float scale, int from, int to) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            long w = SplitMix64.mix(key + ((i >>> 1) + 1L) * SplitMix64.GOLDEN_GAMMA);
            int high = (int) (w >>> 40);
            int low = (int) (w >>> 8) & 0xFFFFFF;
            // (u − t) >>> 31 is 1 iff u < t (both below 2²⁵): kept entries get 1 − that, without a branch
            int keepHigh = ((high - dropBelow) >>> 31) ^ 1;
            int keepLow = ((low - dropBelow) >>> 31) ^ 1;
            y[i] = x[i] * (keepHigh * scale);
            y[i + 1] = x[i + 1] * (keepLow * scale);
        }
        if (i < to) {
            long w = SplitMix64.mix(key + ((i >>> 1) + 1L) * SplitMix64.GOLDEN_GAMMA);
            int keep = (((int) (w >>> 40) - dropBelow) >>> 31) ^ 1;
            y[i] = x[i] * (keep * scale);
        }
    }

    /** @return the Vector API form if this JVM can run it, else the plain loops */
    private static LayerLoops load() {
        if (!GemmImplementation.VECTOR.isAvailable()) {
            return PLAIN;
        }
        try {
            return (LayerLoops) Class.forName("org.opudfa.dfa.nn.VectorLayerLoops").getDeclaredConstructor()
                    .newInstance();
        } catch (Throwable e) {
            // any failure to link or initialise the Vector API means: the plain loops
            return PLAIN;
        }
    }
}

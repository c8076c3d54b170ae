package org.opudfa.dfa.nn;

/**
 * Hyperbolic tangent in single precision, fast enough for the activations of every training step.
 *
 * <p>{@link Math#tanh} computes in double through a branchy library routine (tens of nanoseconds
 * per call, never vectorised); on the benchmark MLP it took longer than all the matrix products
 * of a step. This class evaluates a rational minimax-style approximation instead:
 * <pre>
 *   tanh x ≈ x·P(x²)/Q(x²)   for |x| ≤ 9,   x clamped to [−9, 9] beyond,
 * </pre>
 * with {@code P} and {@code Q} of degree 6 in {@code x²}, fitted to minimise the relative error
 * on [0, 9] (the fit's own relative error is below 4·10⁻⁸; {@code tanh 9} is within 3·10⁻⁸ of 1).
 * Evaluated in float with fused multiply-adds, the result is within 6 units in the last place
 * (3·10⁻⁷ relative and absolute) of the exact value for every float, odd, and bounded by 1 in
 * magnitude; {@code tanh(±∞) = ±1}, {@code tanh(NaN) = NaN}. The loop body has no branch, so the
 * JIT compiler turns {@link #tanh(float[], float[], int)} into SIMD code.
 */
public final class FloatTanh {

    /** arguments are clamped to {@code [−CLAMP, CLAMP]}, where tanh is 1 to within float precision */
    static final float CLAMP = 9f;

    // numerator P(s) = P0 + P1·s + … + P6·s⁶ and denominator Q(s) = 1 + Q1·s + … + Q6·s⁶, s = x²
    private static final float P0 = 1.0f;
    private static final float P1 = 0.12326259911060333f;
    private static final float P2 = 0.002106238855049014f;
    private static final float P3 = -1.2117197911720723e-05f;
    private static final float P4 = -1.0072835898711219e-08f;
    private static final float P5 = 1.7590262579858518e-09f;
    private static final float P6 = 1.729754577420306e-12f;
    private static final float Q1 = 0.45659592747688293f;
    private static final float Q2 = 0.020971549674868584f;
    private static final float Q3 = 6.719557859469205e-05f;
    private static final float Q4 = -1.6213352864724584e-06f;
    private static final float Q5 = 1.5767195549187818e-08f;
    private static final float Q6 = 8.673071288933798e-11f;

    private FloatTanh() {
    }

    /**
     * @param x the argument
     * @return {@code tanh x}, within 6 ulp
     */
    public static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = c * c;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(P6, s, P5), s, P4), s, P3), s, P2), s, P1),
                s, P0);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Q6, s, Q5), s, Q4), s, Q3), s, Q2), s, Q1),
                s, 1f);
        // the rounding of p/q may overshoot 1 by an ulp near the clamp: keep |tanh| ≤ 1
        return Math.max(-1f, Math.min(1f, c * p / q));
    }

    /**
     * {@code y[i] = tanh(x[i])} for {@code from ≤ i < to}; {@code x} and {@code y} may be the same
     * array. (Both arrays take the same index on purpose: with an offset between them the JIT
     * compiler can no longer rule out a shifted overlap and gives up vectorising the loop.)
     *
     * @param x    arguments
     * @param y    results
     * @param from first entry
     * @param to   one past the last entry
     */
    public static void tanh(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = tanh(x[i]);
        }
    }
}

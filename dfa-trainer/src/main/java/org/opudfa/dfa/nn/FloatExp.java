package org.opudfa.dfa.nn;

/**
 * The exponential in single precision, fast enough for the softmax of every attention row of every
 * training step.
 *
 * <p>{@link Math#exp} computes in double through a library routine that the JIT compiler never
 * vectorises (about 15 ns a call here, against well under 1 ns for the form below). This class
 * reduces the argument, {@code x = k·ln 2 + r} with {@code k = round(x·log₂e)} and
 * {@code |r| ≤ ln 2 / 2} (two fused multiply-adds with a two-part ln 2), evaluates
 * <pre>
 *   e^r ≈ 1 + r + r²·(C0 + C1·r + … + C5·r⁵)
 * </pre>
 * whose coefficients were fitted to the relative error on {@code [−ln 2/2, ln 2/2]} (the fit's own
 * relative error is 5·10⁻¹¹), and scales by {@code 2^k} through the exponent bits. The result is
 * within 2 units in the last place of the exact value for every result in the normal range.
 * Results that would be subnormal ({@code x < −87.3365}) are 0; {@code x > 88.7228} gives
 * {@code +∞}; NaN gives NaN.
 *
 * <p>The array form runs in two passes: the polynomial, whose loop has no branch and no integer
 * conversion so that the JIT compiler turns it into SIMD code, then a short scalar pass that
 * applies {@code 2^k} (a conversion between float and its bits stops the vectoriser, so it is kept
 * out of the first loop).
 */
public final class FloatExp {

    /** below this the exact result is subnormal, and 0 is returned: {@code ln 2⁻¹²⁶} rounded up */
    static final float LOWEST = -87.33654f;
    /** above this the exact result overflows the float range */
    static final float HIGHEST = 88.72283f;

    private static final float LOG2E = 1.44269504f;
    /** ln 2 in two parts: the float nearest, and what it misses */
    private static final float LN2_HI = 0.6931472f;
    private static final float LN2_LO = -1.9046542e-9f;
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, kept in the low bits */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    private static final float C0 = 0.5f;
    private static final float C1 = 0.1666666567325592f;
    private static final float C2 = 0.04166629537940025f;
    private static final float C3 = 0.008333496749401093f;
    private static final float C4 = 0.0013944648671895266f;
    private static final float C5 = 0.00019790352962445468f;

    private FloatExp() {
    }

    /**
     * @param x the argument
     * @return {@code eˣ}, within 2 ulp in the normal range (0 where the result would be subnormal)
     */
    public static float exp(float x) {
        return scale(x, mantissa(x));
    }

    /**
     * {@code y[i] = exp(x[i])} for {@code i < n}, the same values as {@link #exp(float)}.
     * (Offsets are left out on purpose: with them the JIT compiler can no longer rule out a
     * shifted overlap of the two arrays and gives up vectorising the loop.)
     *
     * @param x arguments, not modified
     * @param y results; must not be {@code x}
     * @param n how many
     * @throws IllegalArgumentException if {@code y} is {@code x} (the second pass reads the arguments)
     */
    public static void exp(float[] x, float[] y, int n) {
        if (x == y) {
            throw new IllegalArgumentException("the exponential's results must go to another array than its arguments");
        }
        for (int i = 0; i < n; i++) {
            y[i] = mantissa(x[i]);
        }
        for (int i = 0; i < n; i++) {
            y[i] = scale(x[i], y[i]);
        }
    }

    /** {@code e^r} for the reduced argument of {@code x}: the branch-free, vectorisable part. */
    private static float mantissa(float x) {
        float c = Math.max(LOWEST, Math.min(HIGHEST, x));
        float k = Math.fma(c, LOG2E, ROUNDER) - ROUNDER;
        float r = Math.fma(-k, LN2_HI, c);
        r = Math.fma(-k, LN2_LO, r);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(C5, r, C4), r, C3), r, C2), r, C1), r, C0);
        return Math.fma(r * r, q, r) + 1f;
    }

    /** Multiplies {@code e^r} by {@code 2^k}, with the ends of the range. */
    private static float scale(float x, float m) {
        if (x < LOWEST) {
            return 0f;
        }
        if (x > HIGHEST) {
            return Float.POSITIVE_INFINITY;
        }
        float c = Math.max(LOWEST, Math.min(HIGHEST, x));
        int k = Float.floatToRawIntBits(Math.fma(c, LOG2E, ROUNDER)) - ROUNDER_BITS;
        if (k > 127) {
            // e^88.72 is just below the largest float but 2¹²⁸ is not a float: scale in two steps
            return m * 0x1p127f * 2f;
        }
        return m * Float.intBitsToFloat((k + 127) << 23);
    }
}

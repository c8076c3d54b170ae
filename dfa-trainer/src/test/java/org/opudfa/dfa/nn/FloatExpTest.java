package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FloatExpTest {

    /** the accuracy the class documents, in units in the last place of the exact result */
    private static final double MAX_ULP = 2.0;
    /** relative spacing of the sweep over the whole normal range */
    private static final float SWEEP_STEP = 3e-6f;
    private static final int RANDOM_ARGUMENTS = 2_000_000;

    private static double ulpError(float x) {
        double exact = Math.exp(x);
        return Math.abs(FloatExp.exp(x) - exact) / Math.ulp((float) exact);
    }

    @Test
    void withinDocumentedUlpOverTheNormalRange() {
        double worst = 0;
        float worstAt = 0;
        for (float x = FloatExp.LOWEST; x <= FloatExp.HIGHEST; x += Math.max(SWEEP_STEP, Math.abs(x) * SWEEP_STEP)) {
            double e = ulpError(x);
            if (e > worst) {
                worst = e;
                worstAt = x;
            }
        }
        assertTrue(worst <= MAX_ULP, "error " + worst + " ulp at x = " + worstAt);
    }

    @Test
    void withinDocumentedUlpForRandomArguments() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < RANDOM_ARGUMENTS; i++) {
            float x = (float) (FloatExp.LOWEST + rng.nextDouble() * (FloatExp.HIGHEST - FloatExp.LOWEST));
            double e = ulpError(x);
            assertTrue(e <= MAX_ULP, "error " + e + " ulp at x = " + x);
        }
    }

    @Test
    void endsOfTheRangeAndSpecialValues() {
        assertEquals(1f, FloatExp.exp(0f), 0f);
        assertEquals(1f, FloatExp.exp(-0f), 0f);
        assertEquals(0f, FloatExp.exp(FloatExp.LOWEST - 0.01f), 0f, "subnormal results are flushed to 0");
        assertEquals(0f, FloatExp.exp(-1000f), 0f);
        assertEquals(0f, FloatExp.exp(Float.NEGATIVE_INFINITY), 0f);
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(FloatExp.HIGHEST + 0.01f), 0f);
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(Float.POSITIVE_INFINITY), 0f);
        assertTrue(Float.isNaN(FloatExp.exp(Float.NaN)));
        float top = FloatExp.exp(FloatExp.HIGHEST);
        assertTrue(Float.isFinite(top) && ulpError(FloatExp.HIGHEST) <= MAX_ULP, "e^88.7228 is the largest finite result");
        assertTrue(FloatExp.exp(FloatExp.LOWEST) >= Float.MIN_NORMAL);
    }

    @Test
    void arrayFormMatchesTheScalarOne() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 1001;
        float[] x = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 200 - 100);
            expected[i] = FloatExp.exp(x[i]);
        }
        x[7] = Float.NaN;
        expected[7] = Float.NaN;
        float[] y = new float[n + 3];
        FloatExp.exp(x, y, n);
        assertArrayEquals(expected, java.util.Arrays.copyOf(y, n), 0f);
        assertEquals(0f, y[n], 0f, "entries past n are left alone");
    }

    @Test
    void refusesToWorkInPlace() {
        float[] x = {1f, 2f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatExp.exp(x, x, 2));
        assertEquals("the exponential's results must go to another array than its arguments", e.getMessage());
    }
}

package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FloatTanhTest {

    /** the accuracy the class documents, in units in the last place of the exact result */
    private static final double MAX_ULP = 6.0;
    /** spacing of the dense sweep over the range where tanh is not yet 1 */
    private static final float SWEEP_STEP = 1e-5f;
    private static final float SWEEP_END = 12f;
    private static final int RANDOM_BITS = 2_000_000;

    private static double ulpError(float x) {
        double exact = Math.tanh(x);
        return Math.abs(FloatTanh.tanh(x) - exact) / Math.ulp((float) exact);
    }

    @Test
    void withinDocumentedUlpOnADenseSweep() {
        double worst = 0;
        float worstAt = 0;
        for (float x = 0f; x < SWEEP_END; x += SWEEP_STEP) {
            double e = ulpError(x);
            if (e > worst) {
                worst = e;
                worstAt = x;
            }
        }
        assertTrue(worst <= MAX_ULP, "error " + worst + " ulp at x = " + worstAt);
    }

    @Test
    void withinDocumentedUlpForRandomFloatsOfEveryMagnitude() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < RANDOM_BITS; i++) {
            float x = Float.intBitsToFloat(rng.nextInt());
            if (!Float.isNaN(x)) {
                double e = ulpError(x);
                assertTrue(e <= MAX_ULP, "error " + e + " ulp at x = " + x);
            }
        }
    }

    @Test
    void isOddAndBounded() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            float x = (float) (rng.nextDouble() * 40 - 20);
            float y = FloatTanh.tanh(x);
            assertEquals(-y, FloatTanh.tanh(-x), 0f, "odd at " + x);
            assertTrue(Math.abs(y) <= 1f, "bounded at " + x);
        }
    }

    @Test
    void specialValues() {
        assertEquals(1f, FloatTanh.tanh(Float.POSITIVE_INFINITY), 0f);
        assertEquals(-1f, FloatTanh.tanh(Float.NEGATIVE_INFINITY), 0f);
        assertTrue(Float.isNaN(FloatTanh.tanh(Float.NaN)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatTanh.tanh(-0f)));
        assertEquals(Float.MIN_VALUE, FloatTanh.tanh(Float.MIN_VALUE), 0f);
        // tanh x = x to float precision for tiny x
        assertEquals(1e-10f, FloatTanh.tanh(1e-10f), 0f);
    }

    @Test
    void arrayFormMatchesTheScalarOneAndWorksInPlace() {
        SplittableRandom rng = new SplittableRandom(9);
        int n = 1001;
        float[] x = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 20 - 10);
            expected[i] = FloatTanh.tanh(x[i]);
        }
        float[] y = new float[n + 3];
        FloatTanh.tanh(x, y, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], y[i], 0f);
        }
        assertEquals(0f, y[n], 0f, "nothing written past n");
        FloatTanh.tanh(x, x, 0, n);
        assertArrayEquals(expected, x, 0f);
    }
}

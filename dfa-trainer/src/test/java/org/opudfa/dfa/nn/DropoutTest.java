package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class DropoutTest {

    private static final double P = 0.3;
    /** Dropped count within this many binomial standard deviations. */
    private static final double SIGMAS = 5.0;
    /** Float product of x and 1/(1−p). */
    private static final double FLOAT_TOLERANCE = 1e-6;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    @Test
    void gradientsMatchFiniteDifferencesWithAFixedMask() {
        RestorableUniformRandomProvider maskStream = RandomStreams.of(3).stream("dropout");
        RandomProviderState start = maskStream.saveState();
        Dropout layer = new Dropout("dropout", P, maskStream);
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        // replaying the stream's state before each forward pass fixes the mask
        GradientCheck.check(layer, GradientCheck.uniform(4, 6, rng), () -> maskStream.restoreState(start), rng);
    }

    @Test
    void dropsAboutPAndScalesTheRest() {
        Dropout layer = new Dropout("dropout", P, RandomStreams.of(5).stream("dropout"));
        int rows = 100;
        int cols = 100;
        FMatrixRMaj x = new FMatrixRMaj(rows, cols);
        java.util.Arrays.fill(x.data, 1f);
        FMatrixRMaj y = layer.newCall().forward(x, NO_SIDE_INPUTS, true);
        int dropped = 0;
        for (int i = 0; i < rows * cols; i++) {
            if (y.data[i] == 0f) {
                dropped++;
            } else {
                assertEquals(1 / (1 - P), y.data[i], FLOAT_TOLERANCE);
            }
        }
        // dropped ~ Binomial(n, p); a 5σ band fails with probability below 1e-6
        int n = rows * cols;
        double sd = Math.sqrt(n * P * (1 - P));
        assertTrue(Math.abs(dropped - n * P) < SIGMAS * sd, "dropped " + dropped + " of " + n);
    }

    @Test
    void identityOutsideTraining() {
        Dropout layer = new Dropout("dropout", P, RandomStreams.of(5).stream("dropout"));
        FMatrixRMaj x = GradientCheck.uniform(3, 4, RandomStreams.of(5).stream("data"));
        UnaryCall call = layer.newCall();
        assertArrayEquals(x.data, call.forward(x, NO_SIDE_INPUTS, false).data);
        FMatrixRMaj g = GradientCheck.uniform(3, 4, RandomStreams.of(6).stream("data"));
        assertArrayEquals(g.data, call.backward(g, true).data);
    }

    @Test
    void sameStreamSameMask() {
        FMatrixRMaj x = GradientCheck.uniform(3, 4, RandomStreams.of(5).stream("data"));
        FMatrixRMaj a = new Dropout("dropout", P, RandomStreams.of(9).stream("dropout")).newCall()
                .forward(x, NO_SIDE_INPUTS, true).copy();
        FMatrixRMaj b = new Dropout("dropout", P, RandomStreams.of(9).stream("dropout")).newCall()
                .forward(x, NO_SIDE_INPUTS, true);
        assertArrayEquals(a.data, b.data);
    }

    @Test
    void rejectsBadProbability() {
        RestorableUniformRandomProvider rng = RandomStreams.of(1).stream("dropout");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout("dropout", 1.0, rng));
        assertEquals("dropout probability p must be in [0, 1), got 1.0", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> new Dropout("dropout", Double.NaN, rng));
        assertEquals("dropout probability p must be in [0, 1), got NaN", n.getMessage());
        Dropout layer = new Dropout("dropout", P, rng);
        UnaryCall call = layer.newCall();
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> call.backward(new FMatrixRMaj(1, 1), true));
        assertEquals("dropout 'dropout' has no forward pass to go back through", s.getMessage());
        call.forward(new FMatrixRMaj(2, 3), NO_SIDE_INPUTS, true);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> call.backward(new FMatrixRMaj(3, 2), true));
        assertEquals("output gradient of dropout 'dropout' must be 2×3, got 3×2", g.getMessage());
    }
}

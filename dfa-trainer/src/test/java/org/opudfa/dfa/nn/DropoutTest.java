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
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;
import org.opudfa.opu.rng.SplitMix64;

class DropoutTest {

    private static final double P = 0.3;
    /** Dropped count within this many binomial standard deviations. */
    private static final double SIGMAS = 5.0;
    /** Float product of x and 1/(1−p). */
    private static final double FLOAT_TOLERANCE = 1e-6;

    private static final Feed NO_SIDE_INPUTS = new Feed();
    /** Rows × columns of a batch large enough for several parallel ranges, odd so that the last pair is cut. */
    private static final int LARGE_ROWS = 301;
    private static final int LARGE_COLS = 399;

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

    @Test
    void keyedMasksAreTheSameBitsOnAnyThreadCount() {
        FMatrixRMaj x = GradientCheck.uniform(LARGE_ROWS, LARGE_COLS, RandomStreams.of(5).stream("data"));
        FMatrixRMaj g = GradientCheck.uniform(LARGE_ROWS, LARGE_COLS, RandomStreams.of(6).stream("data"));
        try (Gemm one = Gemm.withThreads(1); Gemm two = Gemm.withThreads(2)) {
            UnaryCall a = new Dropout("dropout", P, RandomStreams.of(9).stream("dropout"), one).newCall();
            UnaryCall b = new Dropout("dropout", P, RandomStreams.of(9).stream("dropout"), two).newCall();
            for (int pass = 0; pass < 2; pass++) {
                assertArrayEquals(a.forward(x, NO_SIDE_INPUTS, true).data, b.forward(x, NO_SIDE_INPUTS, true).data);
                assertArrayEquals(a.backward(g, true).data, b.backward(g, true).data);
            }
        }
    }

    /**
     * Known answer: entry i is kept iff its 24 bits of {@code mix(κ + (⌊i/2⌋ + 1)·γ)} (the top ones
     * for even i, bits 8 to 31 for odd i) are at least ⌈p·2²⁴⌉, κ being the pass's draw from the
     * stream; checked on an odd number of entries (the last word's second half unused), more than
     * one range, computed on the team.
     */
    @Test
    void keyedMasksAreTheDocumentedFunctionOfTheKeyAndPosition() {
        // odd × odd entries, enough for the team: the ranges run on both threads, and the last is odd
        int rows = AbstractActivation.PARALLEL_MIN_ELEMENTS / LARGE_COLS + 3;
        FMatrixRMaj x = new FMatrixRMaj(rows | 1, LARGE_COLS);
        java.util.Arrays.fill(x.data, 1f);
        long key = RandomStreams.of(7).stream("dropout").nextLong();
        int threshold = (int) Math.ceil((float) P * 0x1p24);
        try (Gemm team = Gemm.withThreads(2)) {
            FMatrixRMaj y = new Dropout("dropout", P, RandomStreams.of(7).stream("dropout"), team).newCall()
                    .forward(x, NO_SIDE_INPUTS, true);
            assertEquals(1, y.getNumElements() % 2, "an odd number of entries");
            for (int i = 0; i < y.getNumElements(); i++) {
                long w = SplitMix64.mix(key + ((i >>> 1) + 1L) * SplitMix64.GOLDEN_GAMMA);
                int u = i % 2 == 0 ? (int) (w >>> 40) : (int) (w >>> 8) & 0xFFFFFF;
                assertEquals(u < threshold ? 0f : (float) (1.0 / (1.0 - (float) P)), y.data[i], "entry " + i);
            }
        }
    }

    @Test
    void keyedMasksDropAboutPAndDifferFromPassToPass() {
        FMatrixRMaj x = new FMatrixRMaj(LARGE_ROWS, LARGE_COLS);
        java.util.Arrays.fill(x.data, 1f);
        try (Gemm team = Gemm.withThreads(2)) {
            UnaryCall call = new Dropout("dropout", P, RandomStreams.of(5).stream("dropout"), team).newCall();
            FMatrixRMaj first = call.forward(x, NO_SIDE_INPUTS, true).copy();
            FMatrixRMaj second = call.forward(x, NO_SIDE_INPUTS, true);
            int n = x.getNumElements();
            int dropped = 0;
            int differ = 0;
            for (int i = 0; i < n; i++) {
                if (first.data[i] == 0f) {
                    dropped++;
                } else {
                    assertEquals(1 / (1 - P), first.data[i], FLOAT_TOLERANCE);
                }
                if (first.data[i] != second.data[i]) {
                    differ++;
                }
            }
            // dropped ~ Binomial(n, p), and the two passes' masks differ at ~ Binomial(n, 2p(1 − p))
            double sd = Math.sqrt(n * P * (1 - P));
            assertTrue(Math.abs(dropped - n * P) < SIGMAS * sd, "dropped " + dropped + " of " + n);
            double q = 2 * P * (1 - P);
            assertTrue(Math.abs(differ - n * q) < SIGMAS * Math.sqrt(n * q * (1 - q)), "differ at " + differ + " of " + n);
        }
    }

    @Test
    void keyedMasksFollowTheStreamAcrossARestore() {
        RestorableUniformRandomProvider stream = RandomStreams.of(4).stream("dropout");
        FMatrixRMaj x = GradientCheck.uniform(LARGE_ROWS, LARGE_COLS, RandomStreams.of(5).stream("data"));
        try (Gemm team = Gemm.withThreads(2)) {
            UnaryCall call = new Dropout("dropout", P, stream, team).newCall();
            call.forward(x, NO_SIDE_INPUTS, true);
            RandomProviderState mid = stream.saveState();
            FMatrixRMaj second = call.forward(x, NO_SIDE_INPUTS, true).copy();
            stream.restoreState(mid);
            assertArrayEquals(second.data, call.forward(x, NO_SIDE_INPUTS, true).data);
        }
    }

    @Test
    void keyedGradientsMatchFiniteDifferencesWithAFixedMask() {
        RestorableUniformRandomProvider maskStream = RandomStreams.of(3).stream("dropout");
        RandomProviderState start = maskStream.saveState();
        try (Gemm team = Gemm.withThreads(2)) {
            Dropout layer = new Dropout("dropout", P, maskStream, team);
            UniformRandomProvider rng = RandomStreams.of(3).stream("data");
            GradientCheck.check(layer, GradientCheck.uniform(4, 7, rng), () -> maskStream.restoreState(start), rng);
        }
    }
}

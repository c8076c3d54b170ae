package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class DenseTest {

    /** Float products of a few terms of size ~1 agree with double sums to this. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final long SEED = 42L;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    private static Dense dense(int in, int out, WeightInit init) {
        return new Dense("fc", in, out, init, RandomStreams.of(SEED).stream("init"), Gemm.singleThreaded());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("data");
        Dense layer = dense(5, 4, WeightInit.UNIFORM_FAN_IN);
        GradientCheck.check(layer, GradientCheck.uniform(3, 5, rng), () -> { }, rng);
    }

    @Test
    void forwardIsInputTimesWeightsTransposedPlusBias() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("data");
        Dense layer = dense(3, 2, WeightInit.UNIFORM_FAN_IN);
        FMatrixRMaj x = GradientCheck.uniform(4, 3, rng);
        FMatrixRMaj y = layer.newCall().forward(x, NO_SIDE_INPUTS, false);
        FMatrixRMaj w = layer.weight().value();
        FMatrixRMaj b = layer.bias().value();
        assertEquals(4, y.numRows);
        assertEquals(2, y.numCols);
        for (int r = 0; r < 4; r++) {
            for (int o = 0; o < 2; o++) {
                double expected = b.get(0, o);
                for (int i = 0; i < 3; i++) {
                    expected += (double) x.get(r, i) * w.get(o, i);
                }
                assertEquals(expected, y.get(r, o), FLOAT_TOLERANCE);
            }
        }
    }

    @Test
    void fanInInitStaysWithinBoundAndIsReproducible() {
        Dense a = dense(16, 8, WeightInit.UNIFORM_FAN_IN);
        Dense b = dense(16, 8, WeightInit.UNIFORM_FAN_IN);
        double bound = 1.0 / Math.sqrt(16);
        double maxAbs = 0;
        for (float v : a.weight().value().data) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        for (float v : a.bias().value().data) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs <= bound, "max |w| " + maxAbs + " exceeds " + bound);
        // 136 draws uniform on ±bound: the largest is below 0.9·bound with probability 0.9^136 < 1e-6
        assertTrue(maxAbs > 0.9 * bound, "max |w| " + maxAbs + " too small for the bound " + bound);
        assertTrue(java.util.Arrays.equals(a.weight().value().data, b.weight().value().data));
        assertTrue(java.util.Arrays.equals(a.bias().value().data, b.bias().value().data));
    }

    @Test
    void xavierInitHasZeroBiasAndItsBound() {
        Dense a = dense(16, 8, WeightInit.XAVIER_UNIFORM);
        double bound = Math.sqrt(6.0 / 24);
        for (float v : a.weight().value().data) {
            assertTrue(Math.abs(v) <= bound);
        }
        for (float v : a.bias().value().data) {
            assertEquals(0f, v);
        }
    }

    @Test
    void backwardAddsToParameterGradients() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("data");
        Dense layer = dense(3, 2, WeightInit.UNIFORM_FAN_IN);
        FMatrixRMaj x = GradientCheck.uniform(4, 3, rng);
        FMatrixRMaj g = GradientCheck.uniform(4, 2, rng);
        UnaryCall call = layer.newCall();
        call.forward(x, NO_SIDE_INPUTS, true);
        call.backward(g, true);
        FMatrixRMaj once = layer.weight().grad().copy();
        // without the input gradient, the parameter gradients are added all the same
        assertNull(call.backward(g, false));
        for (int i = 0; i < once.data.length; i++) {
            assertEquals(2 * once.data[i], layer.weight().grad().data[i], FLOAT_TOLERANCE);
        }
    }

    @Test
    void feedbackMatrixReplacesWeightsInInputGradientOnly() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("data");
        Dense layer = dense(3, 2, WeightInit.UNIFORM_FAN_IN);
        FMatrixRMaj x = GradientCheck.uniform(4, 3, rng);
        FMatrixRMaj g = GradientCheck.uniform(4, 2, rng);
        FMatrixRMaj feedback = GradientCheck.uniform(2, 3, rng);
        UnaryCall call = layer.newCall();
        call.forward(x, NO_SIDE_INPUTS, true);
        call.backward(g, true);
        FMatrixRMaj exactWeightGrad = layer.weight().grad().copy();
        layer.weight().zeroGrad();
        layer.setFeedbackMatrix(feedback);
        FMatrixRMaj gx = call.backward(g, true);
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 3; i++) {
                double expected = 0;
                for (int o = 0; o < 2; o++) {
                    expected += (double) g.get(r, o) * feedback.get(o, i);
                }
                assertEquals(expected, gx.get(r, i), FLOAT_TOLERANCE);
            }
        }
        for (int i = 0; i < exactWeightGrad.data.length; i++) {
            assertEquals(exactWeightGrad.data[i], layer.weight().grad().data[i], FLOAT_TOLERANCE);
        }
    }

    @Test
    void rejectsWrongInputWidth() {
        Dense layer = dense(3, 2, WeightInit.UNIFORM_FAN_IN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.newCall().forward(new FMatrixRMaj(4, 5), NO_SIDE_INPUTS, true));
        assertEquals("input of dense layer 'fc' must have 3 columns, got 4×5", e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> layer.outputWidth(5));
        assertEquals("dense layer 'fc' takes inputs of width 3, got 5", w.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> layer.outputWidths(new int[] {3, 3}));
        assertEquals("fc takes 1 input, got 2", n.getMessage());
    }

    @Test
    void rejectsBadSizesAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense(0, 2, WeightInit.UNIFORM_FAN_IN));
        assertEquals("dense layer 'fc' input width must be at least 1, got 0", e.getMessage());
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> dense(3, -1, WeightInit.UNIFORM_FAN_IN));
        assertEquals("dense layer 'fc' output width must be at least 1, got -1", o.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> dense(100_000, 100_000, WeightInit.UNIFORM_FAN_IN));
        assertEquals("dense layer 'fc' of 100000×100000 weights needs 10000000000 values, more than a matrix holds ("
                + Dense.MAX_WEIGHTS + ")", big.getMessage());
        Dense layer = dense(3, 2, WeightInit.UNIFORM_FAN_IN);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> layer.setFeedbackMatrix(new FMatrixRMaj(3, 2)));
        assertEquals("feedback matrix of dense layer 'fc' must be 2×3, got 3×2", f.getMessage());
        UnaryCall call = layer.newCall();
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> call.backward(new FMatrixRMaj(1, 2), true));
        assertEquals("dense layer 'fc' has no forward pass to go back through", s.getMessage());
        call.forward(new FMatrixRMaj(4, 3), NO_SIDE_INPUTS, true);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> call.backward(new FMatrixRMaj(3, 2), true));
        assertEquals("output gradient of dense layer 'fc' must be 4×2, got 3×2", g.getMessage());
    }
}

package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class LayerNormTest {

    /** Mean and variance of a float row of normalised values, with ε = 1e-5 against variances ~1. */
    private static final double MOMENT_TOLERANCE = 1e-4;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(11).stream("data");
        LayerNorm layer = new LayerNorm("ln", 5);
        FMatrixRMaj gain = GradientCheck.uniform(1, 5, rng);
        FMatrixRMaj bias = GradientCheck.uniform(1, 5, rng);
        for (int j = 0; j < 5; j++) {
            layer.gain().value().data[j] = 1f + 0.5f * gain.data[j];
            layer.bias().value().data[j] = bias.data[j];
        }
        GradientCheck.check(layer, GradientCheck.uniform(3, 5, rng), () -> { }, rng);
    }

    @Test
    void rowsHaveZeroMeanAndUnitVarianceAtInit() {
        LayerNorm layer = new LayerNorm("ln", 8);
        FMatrixRMaj x = GradientCheck.uniform(4, 8, RandomStreams.of(12).stream("data"));
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = 3f * x.data[i] + 2f;
        }
        FMatrixRMaj y = layer.newCall().forward(x, NO_SIDE_INPUTS, false);
        for (int r = 0; r < 4; r++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < 8; j++) {
                mean += y.get(r, j);
                sq += (double) y.get(r, j) * y.get(r, j);
            }
            mean /= 8;
            assertEquals(0.0, mean, MOMENT_TOLERANCE);
            assertEquals(1.0, sq / 8 - mean * mean, MOMENT_TOLERANCE);
        }
    }

    @Test
    void rejectsBadInput() {
        LayerNorm layer = new LayerNorm("ln", 4);
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> layer.newCall().forward(new FMatrixRMaj(2, 3), NO_SIDE_INPUTS, true));
        assertEquals("input of layer norm 'ln' must have 4 columns, got 2×3", w.getMessage());
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> layer.outputWidth(3));
        assertEquals("layer norm 'ln' takes inputs of width 4, got 3", o.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm("ln", 4, 0.0));
        assertEquals("layer norm 'ln' epsilon must be positive and finite, got 0.0", e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> new LayerNorm("ln", 0));
        assertEquals("layer norm 'ln' width must be at least 1, got 0", d.getMessage());
        UnaryCall call = layer.newCall();
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> call.backward(new FMatrixRMaj(1, 4), true));
        assertEquals("layer norm 'ln' has no forward pass to go back through", s.getMessage());
        call.forward(new FMatrixRMaj(2, 4), NO_SIDE_INPUTS, true);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> call.backward(new FMatrixRMaj(3, 4), true));
        assertEquals("output gradient of layer norm 'ln' must be 2×4, got 3×4", g.getMessage());
    }
}

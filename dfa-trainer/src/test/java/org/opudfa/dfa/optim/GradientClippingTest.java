package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;

class GradientClippingTest {

    /** float rounding of a rescaled gradient of entries ~1 */
    private static final double FLOAT_TOLERANCE = 1e-6;

    @Test
    void scalesTheGradientsDownToTheBoundTakenTogether() {
        Parameter a = OptimizerFixtures.row("a", new float[] {0, 0}, new float[] {3, 0});
        Parameter b = OptimizerFixtures.row("b", new float[] {0}, new float[] {4});
        GradientClipping clipped = new GradientClipping(new Sgd(List.of(a, b), new SgdConfig(0, false, 0),
                LearningRateSchedule.constant(1)), 1.0);
        clipped.step();
        assertEquals(5.0, clipped.lastNorm(), FLOAT_TOLERANCE, "the norm of (3, 0, 4)");
        assertArrayEquals(new float[] {0.6f, 0}, a.grad().data, (float) FLOAT_TOLERANCE);
        assertArrayEquals(new float[] {-0.6f, 0}, a.value().data, (float) FLOAT_TOLERANCE);
        assertArrayEquals(new float[] {-0.8f}, b.value().data, (float) FLOAT_TOLERANCE);
        assertEquals(1, clipped.stepCount());
    }

    @Test
    void leavesSmallGradientsAlone() {
        Parameter a = OptimizerFixtures.row("a", new float[] {1, 1}, new float[] {0.3f, -0.4f});
        GradientClipping clipped = new GradientClipping(new Sgd(List.of(a), new SgdConfig(0, false, 0),
                LearningRateSchedule.constant(1)), 1.0);
        clipped.step();
        assertArrayEquals(new float[] {0.3f, -0.4f}, a.grad().data, 0f);
        assertArrayEquals(new float[] {0.7f, 1.4f}, a.value().data, (float) FLOAT_TOLERANCE);
    }

    @Test
    void passesStateAndEpochsThrough() {
        List<Parameter> params = OptimizerFixtures.network(3);
        ReduceOnPlateau schedule = new ReduceOnPlateau(1, 0.5, 0);
        Adam adam = new Adam(params, AdamConfig.adam(), schedule);
        GradientClipping clipped = new GradientClipping(adam, 2.0);
        clipped.observeEpochs(List.of(1.0, 1.0));
        assertEquals(0.5, clipped.learningRate(), 0.0);
        assertEquals(adam.exportState().kind(), clipped.exportState().kind());
        assertEquals(params, clipped.parameters());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GradientClipping(adam, 0));
        assertEquals("the clipping norm must be positive and finite, got 0.0", e.getMessage());
    }
}

package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;

class AdamTest {

    /** Float rounding of a few operations on values of order 1. */
    private static final float TOLERANCE_F32 = 1e-6f;
    private static final LearningRateSchedule RATE = LearningRateSchedule.constant(0.01);

    @Test
    void firstTwoStepsMatchHandComputation() {
        Parameter p = OptimizerFixtures.row("p", new float[] {1f}, new float[] {0.5f});
        Adam adam = new Adam(List.of(p), AdamConfig.adam(), RATE);
        adam.step();
        // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25; θ = 1 − 0.01·0.5/(0.5 + 1e−8) ≈ 0.99
        assertEquals(0.99f, p.value().data[0], TOLERANCE_F32);
        p.grad().data[0] = -0.25f;
        adam.step();
        // m = 0.02, v = 0.00031225; m̂ = 0.02/0.19, v̂ = 0.00031225/0.001999;
        // θ = 0.99 − 0.01·0.1052632/0.3952247 = 0.9873366
        assertEquals(0.9873366f, p.value().data[0], TOLERANCE_F32);
        assertEquals(2, adam.stepCount());
    }

    @Test
    void firstStepMovesEachCoordinateByTheLearningRate() {
        // With zero moments, m̂/√v̂ = g/|g|: the first step is η·sign(g) whatever the gradient's scale.
        Parameter p = OptimizerFixtures.row("p", new float[] {0f, 0f, 0f}, new float[] {1000f, -0.001f, 3f});
        new Adam(List.of(p), AdamConfig.adam(), RATE).step();
        assertEquals(-0.01f, p.value().data[0], TOLERANCE_F32);
        assertEquals(0.01f, p.value().data[1], TOLERANCE_F32);
        assertEquals(-0.01f, p.value().data[2], TOLERANCE_F32);
    }

    @Test
    void adamWDecaysWeightsDirectlyWhileAdamRescalesTheDecay() {
        // Zero gradient, θ = 2, λ = 0.1, η = 0.01.
        Parameter coupled = OptimizerFixtures.row("p", new float[] {2f}, new float[] {0f});
        Parameter decoupled = OptimizerFixtures.row("p", new float[] {2f}, new float[] {0f});
        new Adam(List.of(coupled), new AdamConfig(0.9, 0.999, 1e-8, 0.1, false), RATE).step();
        Adam adamW = new Adam(List.of(decoupled), AdamConfig.adamW(0.1), RATE);
        adamW.step();
        // Adam: g = λθ = 0.2 goes through the normalisation, so θ moves by η: 2 − 0.01
        assertEquals(1.99f, coupled.value().data[0], TOLERANCE_F32);
        // AdamW: m = v = 0, only the decay acts: θ = 2·(1 − ηλ) = 1.998
        assertEquals(1.998f, decoupled.value().data[0], TOLERANCE_F32);
        assertEquals("adamw", adamW.exportState().kind());
    }

    @Test
    void adamWIsAdamWithoutDecayPlusTheDecoupledShrink() {
        Parameter plain = OptimizerFixtures.row("p", new float[] {0.7f, -1.5f}, new float[] {0.3f, 0.1f});
        Parameter decayed = OptimizerFixtures.row("p", new float[] {0.7f, -1.5f}, new float[] {0.3f, 0.1f});
        new Adam(List.of(plain), AdamConfig.adam(), RATE).step();
        new Adam(List.of(decayed), AdamConfig.adamW(0.5), RATE).step();
        for (int i = 0; i < 2; i++) {
            float theta0 = i == 0 ? 0.7f : -1.5f;
            assertEquals(plain.value().data[i] - 0.01f * 0.5f * theta0, decayed.value().data[i], TOLERANCE_F32);
        }
    }

    @Test
    void validation() {
        assertEquals("beta1 must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamConfig(1, 0.999, 1e-8, 0, false)).getMessage());
        assertEquals("beta2 must be in [0, 1), got -0.1", assertThrows(IllegalArgumentException.class,
                () -> new AdamConfig(0.9, -0.1, 1e-8, 0, false)).getMessage());
        assertEquals("epsilon must be a positive finite number, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamConfig(0.9, 0.999, 0, 0, false)).getMessage());
        assertEquals("weight decay must be a non-negative finite number, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> AdamConfig.adamW(-1)).getMessage());
        assertEquals("weight decay must be a non-negative finite number, got NaN", assertThrows(IllegalArgumentException.class,
                () -> AdamConfig.adamW(Double.NaN)).getMessage());
    }
}

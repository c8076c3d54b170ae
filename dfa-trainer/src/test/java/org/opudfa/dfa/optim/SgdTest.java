package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;

class SgdTest {

    /** Float rounding of a few operations on values of order 1. */
    private static final float TOLERANCE_F32 = 1e-6f;
    private static final LearningRateSchedule RATE = LearningRateSchedule.constant(0.1);

    private static Parameter param() {
        return OptimizerFixtures.row("p", new float[] {1f, -2f}, new float[] {0.5f, 0.25f});
    }

    @Test
    void plainStep() {
        Parameter p = param();
        new Sgd(List.of(p), SgdConfig.plain(), RATE).step();
        // θ − η·g = 1 − 0.1·0.5, −2 − 0.1·0.25
        assertEquals(0.95f, p.value().data[0], TOLERANCE_F32);
        assertEquals(-2.025f, p.value().data[1], TOLERANCE_F32);
        assertEquals(0.5f, p.grad().data[0], "step must not clear the gradient");
    }

    @Test
    void momentumTwoSteps() {
        Parameter p = param();
        Sgd sgd = new Sgd(List.of(p), SgdConfig.withMomentum(0.9), RATE);
        sgd.step();
        // v₁ = 0.5, θ₁ = 1 − 0.05
        assertEquals(0.95f, p.value().data[0], TOLERANCE_F32);
        sgd.step();
        // v₂ = 0.9·0.5 + 0.5 = 0.95, θ₂ = 0.95 − 0.095
        assertEquals(0.855f, p.value().data[0], TOLERANCE_F32);
        assertEquals(2, sgd.stepCount());
    }

    @Test
    void nesterovTwoSteps() {
        Parameter p = param();
        Sgd sgd = new Sgd(List.of(p), new SgdConfig(0.9, true, 0), RATE);
        sgd.step();
        // v₁ = 0.5, d = 0.5 + 0.9·0.5 = 0.95, θ₁ = 1 − 0.095
        assertEquals(0.905f, p.value().data[0], TOLERANCE_F32);
        sgd.step();
        // v₂ = 0.95, d = 0.5 + 0.9·0.95 = 1.355, θ₂ = 0.905 − 0.1355
        assertEquals(0.7695f, p.value().data[0], TOLERANCE_F32);
    }

    @Test
    void weightDecayAddsToTheGradient() {
        Parameter p = param();
        new Sgd(List.of(p), new SgdConfig(0, false, 0.1), RATE).step();
        // g = 0.5 + 0.1·1 = 0.6, θ = 1 − 0.06; g = 0.25 + 0.1·(−2) = 0.05, θ = −2 − 0.005
        assertEquals(0.94f, p.value().data[0], TOLERANCE_F32);
        assertEquals(-2.005f, p.value().data[1], TOLERANCE_F32);
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Parameter p = param();
        Sgd sgd = new Sgd(List.of(p), SgdConfig.plain(), RATE);
        sgd.zeroGrad();
        assertEquals(0f, p.grad().data[0]);
        assertEquals(0f, p.grad().data[1]);
    }

    @Test
    void validation() {
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new SgdConfig(1, false, 0)).getMessage());
        assertEquals("momentum must be in [0, 1), got -0.5",
                assertThrows(IllegalArgumentException.class, () -> new SgdConfig(-0.5, false, 0)).getMessage());
        assertEquals("weight decay must be a non-negative finite number, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new SgdConfig(0.5, false, -0.1)).getMessage());
        assertEquals("Nesterov momentum needs momentum in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SgdConfig(0, true, 0)).getMessage());
        assertEquals("parameters must hold at least 1 parameter, got none",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(), SgdConfig.plain(), RATE)).getMessage());
        assertEquals("parameter names must be unique, but \"p\" appears more than once",
                assertThrows(IllegalArgumentException.class,
                        () -> new Sgd(List.of(param(), param()), SgdConfig.plain(), RATE)).getMessage());
    }
}

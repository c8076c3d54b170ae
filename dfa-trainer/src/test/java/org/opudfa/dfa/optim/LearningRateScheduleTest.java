package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final double TOLERANCE_F64 = 1e-12;

    @Test
    void constant() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.3);
        assertEquals(0.3, s.learningRate(0), TOLERANCE_F64);
        assertEquals(0.3, s.learningRate(1_000_000), TOLERANCE_F64);
    }

    @Test
    void stepDecay() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 0.5, 10);
        assertEquals(0.1, s.learningRate(0), TOLERANCE_F64);
        assertEquals(0.1, s.learningRate(9), TOLERANCE_F64);
        assertEquals(0.05, s.learningRate(10), TOLERANCE_F64);
        assertEquals(0.025, s.learningRate(25), TOLERANCE_F64);
    }

    @Test
    void cosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 0.1, 100);
        assertEquals(1.0, s.learningRate(0), TOLERANCE_F64);
        // 0.1 + 0.9·(1 + cos(π/4))/2
        assertEquals(0.8681980515339464, s.learningRate(25), TOLERANCE_F64);
        assertEquals(0.55, s.learningRate(50), TOLERANCE_F64);
        assertEquals(0.1, s.learningRate(100), TOLERANCE_F64);
        assertEquals(0.1, s.learningRate(250), TOLERANCE_F64);
    }

    @Test
    void exponential() {
        LearningRateSchedule s = LearningRateSchedule.exponential(5e-4, 0.1, 1000);
        assertEquals(5e-4, s.learningRate(0), TOLERANCE_F64);
        // half way the factor is √0.1; at the end 0.1; it goes on decaying after
        assertEquals(5e-4 * Math.sqrt(0.1), s.learningRate(500), TOLERANCE_F64);
        assertEquals(5e-5, s.learningRate(1000), TOLERANCE_F64);
        assertEquals(5e-6, s.learningRate(2000), TOLERANCE_F64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.exponential(1, 1.5, 10));
        assertEquals("gamma must be in (0, 1], got 1.5", e.getMessage());
    }

    @Test
    void warmup() {
        LearningRateSchedule s = new WarmupSchedule(4, LearningRateSchedule.constant(1.0));
        assertEquals(0.25, s.learningRate(0), TOLERANCE_F64);
        assertEquals(0.75, s.learningRate(2), TOLERANCE_F64);
        assertEquals(1.0, s.learningRate(3), TOLERANCE_F64);
        assertEquals(1.0, s.learningRate(40), TOLERANCE_F64);
    }

    @Test
    void optimizerFollowsItsSchedule() {
        Sgd sgd = new Sgd(OptimizerFixtures.network(1), SgdConfig.plain(), LearningRateSchedule.stepDecay(0.1, 0.5, 3));
        assertEquals(0.1, sgd.learningRate(), TOLERANCE_F64);
        for (int i = 0; i < 3; i++) {
            sgd.step();
        }
        assertEquals(0.05, sgd.learningRate(), TOLERANCE_F64);
    }

    @Test
    void validation() {
        assertEquals("learning rate must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0)).getMessage());
        assertEquals("learning rate must be a positive finite number, got NaN",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Double.NaN)).getMessage());
        assertEquals("initial learning rate must be a positive finite number, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(-1, 0.5, 1)).getMessage());
        assertEquals("gamma must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1, 1.5, 1)).getMessage());
        assertEquals("everySteps must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1, 0.5, 0)).getMessage());
        assertEquals("floor must be between 0 and the initial learning rate 1.0, got 2.0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 2, 10)).getMessage());
        assertEquals("totalSteps must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0, 0)).getMessage());
        assertEquals("warmupSteps must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new WarmupSchedule(0, LearningRateSchedule.constant(1))).getMessage());
        assertEquals("step must be non-negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1).learningRate(-1)).getMessage());
    }
}

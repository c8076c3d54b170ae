package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

/** Optimizer steps are on the training hot path: they must not allocate. */
class StepAllocationTest {

    private static final int WARMUP_STEPS = 2000;
    private static final int MEASURED_STEPS = 1000;
    /**
     * One object per step would cost at least 16 bytes (the smallest Java object) per call, so
     * about 16 000 bytes over the ~1000 measured calls; the slack only absorbs one-off runtime
     * allocations (JIT deoptimisation, the measurement itself).
     */
    private static final long ALLOCATION_SLACK_BYTES = 4096;

    private static void assertStepsDoNotAllocate(Optimizer optimizer) {
        OptimizerFixtures.gradients(optimizer.parameters(), RandomStreams.of(3).stream("test.grads"));
        for (int i = 0; i < WARMUP_STEPS; i++) {
            optimizer.step();
        }
        long bytes = AllocationMeter.allocatedBytes(() -> {
            for (int i = 0; i < MEASURED_STEPS; i++) {
                optimizer.step();
            }
        });
        assertTrue(bytes < ALLOCATION_SLACK_BYTES, optimizer.getClass().getSimpleName() + " allocated " + bytes
                + " bytes in " + MEASURED_STEPS + " steps");
    }

    @Test
    void sgdWithNesterovMomentum() {
        List<Parameter> p = OptimizerFixtures.network(1);
        assertStepsDoNotAllocate(new Sgd(p, new SgdConfig(0.9, true, 1e-4), LearningRateSchedule.cosine(0.1, 0.01, 500)));
    }

    @Test
    void adam() {
        List<Parameter> p = OptimizerFixtures.network(1);
        assertStepsDoNotAllocate(new Adam(p, AdamConfig.adam(), LearningRateSchedule.stepDecay(1e-3, 0.5, 100)));
    }

    @Test
    void adamW() {
        List<Parameter> p = OptimizerFixtures.network(1);
        assertStepsDoNotAllocate(new Adam(p, AdamConfig.adamW(0.01),
                new WarmupSchedule(10, LearningRateSchedule.constant(1e-3))));
    }
}

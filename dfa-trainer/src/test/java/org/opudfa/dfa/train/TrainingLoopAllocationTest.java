package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opudfa.dfa.optim.AllocationMeter;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;

/**
 * The training loop allocates nothing per step: between two consecutive batches of an epoch
 * (batching, the rule's step, the optimizer, accuracy counting, alignment measurement) the
 * training thread's allocated-byte counter does not move. Measured in the later epochs, after
 * the first has warmed everything up.
 *
 * <p>A per-step allocation shows in every step (the loop runs the same code each time); a one-off
 * allocation by the JVM itself (a deoptimisation rematerialising an object while code is
 * recompiled) shows in a step or two. So most steps must allocate nothing.
 *
 * <p>The trainer multiplies with the scalar GEMM kernel here: the Vector API kernel is free of
 * allocation only once the JIT compiler has compiled it, which takes longer than these few small
 * epochs; {@code org.opudfa.dfa.rule.AllocationTest} checks the training step with that kernel
 * after a longer warm-up.
 */
class TrainingLoopAllocationTest {

    private static final int EPOCHS = 3;

    @ParameterizedTest
    @EnumSource(Method.class)
    void stepsAllocateNothing(Method method) {
        LongSupplier allocatedSoFar = AllocationMeter.threadCounter();

        SettingValues config = TrainFixtures.small(method).with(TrainingSettings.EPOCHS, EPOCHS).with(TrainingSettings.ALIGNMENT_EVERY, 1);
        int stepsPerEpoch = TrainFixtures.TRAIN_SIZE / config.get(TrainingSettings.BATCH_SIZE);
        long[][] counter = new long[EPOCHS + 1][stepsPerEpoch + 1];
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL,
                Gemm.withThreads(config.get(TrainingSettings.THREADS), GemmImplementation.SCALAR))) {
            t.run(new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batches, double loss) {
                    counter[epoch][batch] = allocatedSoFar.getAsLong();
                }
            }, null);
        }
        int measured = 0;
        int allocating = 0;
        StringBuilder bytes = new StringBuilder();
        for (int epoch = 2; epoch <= EPOCHS; epoch++) {
            // From the second batch on: the first includes the epoch's shuffle and its generator snapshot.
            for (int b = 2; b <= stepsPerEpoch; b++) {
                long allocated = counter[epoch][b] - counter[epoch][b - 1];
                measured++;
                if (allocated != 0) {
                    allocating++;
                    bytes.append(' ').append(allocated);
                }
            }
        }
        assertTrue(2 * allocating < measured, method + ": " + allocating + " of " + measured
                + " steps allocated, bytes:" + bytes);
    }
}

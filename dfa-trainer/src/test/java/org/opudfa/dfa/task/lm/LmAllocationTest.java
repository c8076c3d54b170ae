package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opudfa.dfa.optim.AllocationMeter;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.GemmImplementation;

/**
 * A language-model training step allocates nothing once warm: between two consecutive batches of
 * the later epochs (windows, attention, dropout, the rule, alignment, the optimizer with clipping)
 * the training thread's allocated-byte counter does not move in most steps (a one-off allocation
 * by the JVM while it recompiles code may show in a step or two). On one thread with the scalar
 * GEMM kernel, as the core's training-loop allocation test, for the same reasons; and on a team of
 * two threads, counting the helper's allocations too (attention, norms and activations run tasks
 * on it), with inputs large enough for the norms and activations to cut them into parallel ranges.
 */
class LmAllocationTest {

    private static final int EPOCHS = 3;
    private static final int STEPS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"BP", "DFA", "SHALLOW"})
    void stepsAllocateNothing(Method method) {
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), method).with(TrainingSettings.EPOCHS, EPOCHS)
                .with(LmSettings.EPOCH_STEPS, STEPS).with(LmSettings.DROPOUT, 0.1).with(LmSettings.CLIP_NORM, 1.0)
                .with(LmSettings.FEEDBACK, FeedbackPlacement.MICRO);
        try (Gemm gemm = Gemm.withThreads(1, GemmImplementation.SCALAR)) {
            assertMostStepsAllocateNothing(method, v, gemm, AllocationMeter.threadCounter());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"BP", "DFA"})
    void stepsOnTwoThreadsAllocateNothing(Method method) {
        // 32 windows of 64 tokens of width 32: the feed-forward layer's 2048 × 128 entries and the
        // norms' 2048 × 32 reach the parallel size
        SettingValues v = LmFixtures.small(LmFixtures.text(dir, 4000), method).with(TrainingSettings.EPOCHS, EPOCHS)
                .with(LmSettings.EPOCH_STEPS, STEPS).with(LmSettings.D_MODEL, 32).with(LmSettings.CONTEXT, 64)
                .with(TrainingSettings.BATCH_SIZE, 32).with(TrainingSettings.THREADS, 2)
                .with(LmSettings.FEEDBACK, FeedbackPlacement.MICRO);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Gemm gemm = Gemm.withThreads(2, GemmImplementation.SCALAR)) {
            long[] team = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("gemm-worker"))
                    .mapToLong(Thread::getId).toArray();
            assertEquals(1, team.length, "helper threads of a GEMM on two threads");
            long[] ids = LongStream.concat(LongStream.of(Thread.currentThread().getId()), LongStream.of(team))
                    .toArray();
            assertMostStepsAllocateNothing(method, v, gemm, AllocationMeter.threadsCounter(ids));
        }
    }

    private void assertMostStepsAllocateNothing(Method method, SettingValues v, Gemm gemm,
                                                LongSupplier allocatedSoFar) {
        long[][] counter = new long[EPOCHS + 1][STEPS + 1];
        try (Trainer t = new Trainer(LmTask.INSTANCE.build(v, LmTask.config(v), LmData.load(v),
                new RunParts(v, gemm)))) {
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
            for (int b = 2; b <= STEPS; b++) {
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

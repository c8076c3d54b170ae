package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * A run stopped after some epochs and resumed from its checkpoint by a fresh trainer ends with
 * exactly the metrics and parameters of the run that was never stopped.
 */
class TrainerResumeTest {

    private static final int TOTAL_EPOCHS = 3;
    private static final int STOP_AFTER = 1;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Method.class)
    void resumedRunEqualsUninterruptedRun(Method method) {
        SettingValues full = TrainFixtures.small(method).with(TrainingSettings.EPOCHS, TOTAL_EPOCHS);
        Path uninterruptedFile = dir.resolve("uninterrupted.ckpt");
        Trainer uninterrupted = TrainFixtures.trainer(full, TrainFixtures.SMALL);
        uninterrupted.run(TrainingListener.NONE, uninterruptedFile);

        Path stoppedFile = dir.resolve("stopped.ckpt");
        try (Trainer stopped = TrainFixtures.trainer(full.with(TrainingSettings.EPOCHS, STOP_AFTER), TrainFixtures.SMALL)) {
            stopped.run(TrainingListener.NONE, stoppedFile);
            assertEquals(STOP_AFTER, stopped.epochsDone());
        }

        try (Trainer resumed = TrainFixtures.trainer(full, TrainFixtures.SMALL)) {
            resumed.restore(Checkpoint.read(stoppedFile));
            assertEquals(STOP_AFTER, resumed.epochsDone());
            resumed.run(TrainingListener.NONE, dir.resolve("resumed.ckpt"));

            assertEquals(TOTAL_EPOCHS, resumed.history().size());
            assertEquals(withoutTiming(uninterrupted.history()), withoutTiming(resumed.history()));
            assertSameParameters(TrainFixtures.parameters(uninterrupted), TrainFixtures.parameters(resumed));
            Checkpoint last = Checkpoint.read(dir.resolve("resumed.ckpt"));
            assertEquals(TOTAL_EPOCHS, last.epochsDone());
            assertSameParameters(Checkpoint.read(uninterruptedFile).parameters(), last.parameters());
        } finally {
            uninterrupted.close();
        }
    }

    /**
     * A run killed after an epoch (same configuration, so the same learning-rate schedule) and
     * resumed from that epoch's checkpoint: with a cosine schedule and SGD momentum, whose state
     * must travel in the checkpoint.
     */
    @Test
    void interruptedRunWithScheduleAndMomentumResumesExactly() {
        SettingValues config = TrainFixtures.small(Method.DFA).with(TrainingSettings.EPOCHS, TOTAL_EPOCHS).with(TrainingSettings.OPTIMIZER, OptimizerKind.SGD)
                .with(TrainingSettings.LEARNING_RATE, 0.05).with(TrainingSettings.MOMENTUM, 0.9).with(TrainingSettings.SCHEDULE, ScheduleKind.COSINE);
        Path file = dir.resolve("run.ckpt");
        Path afterFirst = dir.resolve("after-first.ckpt");
        Trainer uninterrupted = TrainFixtures.trainer(config, TrainFixtures.SMALL);
        uninterrupted.run(new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                if (metrics.epoch() == STOP_AFTER) {
                    copy(file, afterFirst);
                }
            }
        }, file);

        try (Trainer resumed = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            resumed.restore(Checkpoint.read(afterFirst));
            resumed.run(TrainingListener.NONE, null);
            assertEquals(withoutTiming(uninterrupted.history()), withoutTiming(resumed.history()));
            assertSameParameters(TrainFixtures.parameters(uninterrupted), TrainFixtures.parameters(resumed));
        } finally {
            uninterrupted.close();
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.opu.OpuProjector;

/**
 * DFA through the simulated OPU, stopped after an epoch and resumed from its checkpoint by a fresh
 * trainer, ends with exactly the metrics (wall-clock fields aside) and parameters of the run that
 * was never stopped: the device's clock, noise and calibration travel in the checkpoint.
 */
class OpuResumeTest {

    private static final int TOTAL_EPOCHS = 3;
    private static final int STOP_AFTER = 1;
    private static final int HIDDEN = 16;
    /** Drift in radians per frame and frames between calibrations: several of each per epoch. */
    private static final double DRIFT = 1e-3;
    private static final long RECALIBRATION_PERIOD = 500;

    @TempDir
    Path dir;

    private static SettingValues opuRun() {
        return TrainFixtures.small(Method.DFA).with(TrainingSettings.PROJECTOR, ProjectorKind.OPU).with(MlpSettings.HIDDEN, List.of(HIDDEN)).with(TrainingSettings.EPOCHS, TOTAL_EPOCHS);
    }

    @Test
    void resumedOpuRunEqualsUninterruptedRun() {
        assertResumesExactly(opuRun());
    }

    @Test
    void resumedOpuRunWithDriftAndRecalibrationEqualsUninterruptedRun() {
        // The trainer sets the projector's dimensions and seed; the template carries the rest.
        assertResumesExactly(opuRun().with(OpuRegistry.DRIFT, DRIFT)
                .with(OpuRegistry.RECALIBRATE_EVERY, RECALIBRATION_PERIOD));
    }

    private void assertResumesExactly(SettingValues full) {
        Path uninterruptedFile = dir.resolve("uninterrupted.ckpt");
        try (Trainer uninterrupted = TrainFixtures.trainer(full, TrainFixtures.SMALL)) {
            uninterrupted.run(TrainingListener.NONE, uninterruptedFile);

            Path stoppedFile = dir.resolve("stopped.ckpt");
            try (Trainer stopped = TrainFixtures.trainer(full.with(TrainingSettings.EPOCHS, STOP_AFTER), TrainFixtures.SMALL)) {
                stopped.run(TrainingListener.NONE, stoppedFile);
            }
            Checkpoint checkpoint = Checkpoint.read(stoppedFile);
            try (Trainer fresh = TrainFixtures.trainer(full, TrainFixtures.SMALL)) {
                OpuProjector freshOpu = (OpuProjector) fresh.projectors().get(0);
                assertFalse(Arrays.equals(freshOpu.saveState(), checkpoint.projectorState()),
                        "the checkpoint holds the device state after an epoch, not the state at construction");
            }

            try (Trainer resumed = TrainFixtures.trainer(full, TrainFixtures.SMALL)) {
                resumed.restore(checkpoint);
                assertEquals(STOP_AFTER, resumed.epochsDone());
                resumed.run(TrainingListener.NONE, dir.resolve("resumed.ckpt"));

                assertEquals(TOTAL_EPOCHS, resumed.history().size());
                assertTrue(resumed.history().get(TOTAL_EPOCHS - 1).opuFrames() > 0, "the OPU showed frames");
                assertEquals(withoutTiming(uninterrupted.history()), withoutTiming(resumed.history()));
                assertSameParameters(TrainFixtures.parameters(uninterrupted), TrainFixtures.parameters(resumed));
                assertArrayEquals(Checkpoint.read(uninterruptedFile).projectorState(),
                        Checkpoint.read(dir.resolve("resumed.ckpt")).projectorState(), "final OPU state");
            }
        }
    }

    @Test
    void projectorStateThatDoesNotFitLeavesTheTrainerUnchanged() {
        SettingValues config = opuRun().with(TrainingSettings.EPOCHS, STOP_AFTER);
        Checkpoint good;
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            t.run(TrainingListener.NONE, null);
            good = t.checkpoint();
        }
        Checkpoint empty = new Checkpoint(good.configuration(), good.epochsDone(), good.history(), good.parameters(),
                good.optimizer(), good.batches(), new byte[0]);
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            Map<String, float[]> before = TrainFixtures.parameters(t);
            byte[] stateBefore = ((OpuProjector) t.projectors().get(0)).saveState();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.restore(empty));
            assertEquals("OPU state is truncated: its 0 bytes end before the state is complete", e.getMessage());
            assertEquals(0, t.epochsDone());
            assertTrue(t.history().isEmpty(), "history unchanged");
            assertSameParameters(before, TrainFixtures.parameters(t));
            assertArrayEquals(stateBefore, ((OpuProjector) t.projectors().get(0)).saveState(), "OPU state unchanged");
        }
    }
}

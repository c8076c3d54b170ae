package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * A non-finite or exploded loss stops the run, names the step, and leaves the last good
 * checkpoint alone.
 */
class TrainingDivergenceTest {

    /** Scales the head's weights so that its logits reach the thousands: finite, but blown up. */
    private static final float BLOW_UP = 1e4f;
    /** A learning rate at which plain SGD blows the weights up within a few steps. */
    private static final double EXPLODING_LEARNING_RATE = 100;

    @TempDir
    Path dir;

    @Test
    void nanWeightStopsTheRunAtTheNextStepAndKeepsTheCheckpoint() throws IOException {
        SettingValues config = TrainFixtures.small(Method.DFA).with(TrainingSettings.EPOCHS, 2);
        Path file = dir.resolve("run.ckpt");
        byte[][] afterFirstEpoch = new byte[1][];
        try (Trainer trainer = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            int stepsPerEpoch = TrainFixtures.TRAIN_SIZE / config.get(TrainingSettings.BATCH_SIZE);
            TrainingListener corruptAfterFirstEpoch = new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    afterFirstEpoch[0] = readAll(file);
                    Parameter w = trainer.model().parameters().get(0);
                    w.value().data[0] = Float.NaN;
                }
            };

            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.run(corruptAfterFirstEpoch, file));

            long expectedStep = stepsPerEpoch + 1L;
            assertEquals(expectedStep, e.step());
            assertTrue(e.getMessage().contains("step " + expectedStep + " (epoch 2)"), e.getMessage());
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            assertEquals(1, trainer.epochsDone(), "the failing epoch must not count as done");
            assertEquals(1, trainer.history().size());
        }
        assertArrayEquals(afterFirstEpoch[0], Files.readAllBytes(file), "the last good checkpoint must stay intact");
        assertEquals(1, Checkpoint.read(file).epochsDone());
    }

    /**
     * Weights blown up by a finite factor give a finite but enormous loss: the guard stops the run
     * at the next step, and the checkpoint of the epoch before stays the last one.
     */
    @Test
    void explodedWeightsStopTheRunAtTheNextStepAndKeepTheCheckpoint() throws IOException {
        SettingValues config = TrainFixtures.small(Method.DFA).with(TrainingSettings.EPOCHS, 2);
        Path file = dir.resolve("run.ckpt");
        byte[][] afterFirstEpoch = new byte[1][];
        try (Trainer trainer = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            int stepsPerEpoch = TrainFixtures.TRAIN_SIZE / config.get(TrainingSettings.BATCH_SIZE);
            TrainingListener explodeAfterFirstEpoch = new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    afterFirstEpoch[0] = readAll(file);
                    for (Parameter p : trainer.model().parameters()) {
                        if (p.name().equals("head.weight")) {
                            for (int i = 0; i < p.size(); i++) {
                                p.value().data[i] *= BLOW_UP;
                            }
                        }
                    }
                }
            };

            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.run(explodeAfterFirstEpoch, file));

            long expectedStep = stepsPerEpoch + 1L;
            assertEquals(expectedStep, e.step());
            assertTrue(e.getMessage().startsWith("training diverged at step " + expectedStep + " (epoch 2): the loss is "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(", above the divergence threshold "), e.getMessage());
            assertEquals(1, trainer.epochsDone(), "the failing epoch must not count as done");
        }
        assertArrayEquals(afterFirstEpoch[0], Files.readAllBytes(file), "the last good checkpoint must stay intact");
        assertEquals(1, Checkpoint.read(file).epochsDone());
    }

    /** Plain SGD at a learning rate far too large: stopped in the first epoch, with a finite loss, before any checkpoint. */
    @Test
    void aFarTooLargeLearningRateIsStoppedWhileTheLossIsFinite() {
        SettingValues config = TrainFixtures.small(Method.BP).with(TrainingSettings.OPTIMIZER, OptimizerKind.SGD).with(TrainingSettings.MOMENTUM, 0.0)
                .with(TrainingSettings.LEARNING_RATE, EXPLODING_LEARNING_RATE).with(TrainingSettings.EPOCHS, 2);
        Path file = dir.resolve("never.ckpt");
        try (Trainer trainer = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.run(TrainingListener.NONE, file));
            assertTrue(e.step() <= TrainFixtures.TRAIN_SIZE / config.get(TrainingSettings.BATCH_SIZE), "in the first epoch: " + e.getMessage());
            assertTrue(e.getMessage().contains(", above the divergence threshold "), e.getMessage());
            assertEquals(0, trainer.epochsDone());
        }
        assertFalse(Files.exists(file), "no checkpoint is written for the epoch that diverged");
    }

    @Test
    void infiniteWeightStopsTheRun() {
        SettingValues config = TrainFixtures.small(Method.BP).with(TrainingSettings.EPOCHS, 1);
        try (Trainer trainer = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            for (Parameter p : trainer.model().parameters()) {
                if (p.name().equals("head.bias")) {
                    p.value().data[0] = Float.POSITIVE_INFINITY;
                }
            }
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.run(TrainingListener.NONE, null));
            assertEquals(1, e.step());
            assertTrue(e.getMessage().startsWith("training diverged at step 1 (epoch 1)"), e.getMessage());
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

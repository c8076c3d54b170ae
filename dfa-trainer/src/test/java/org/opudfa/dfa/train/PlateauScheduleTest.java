package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;
import static org.opudfa.dfa.train.TrainFixtures.withoutTiming;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.optim.ReduceOnPlateau;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * The plateau schedule follows the first evaluated set's loss through the trainer, and a run
 * resumed after a cut continues with the cut rate, exactly as the uninterrupted run.
 */
class PlateauScheduleTest {

    private static final int TOTAL_EPOCHS = 7;
    private static final int STOP_AFTER = 5;
    /** A rate too large for the small task, so that its test loss stalls and the schedule cuts. */
    private static final double LARGE_RATE = 0.2;

    @TempDir
    Path dir;

    private static SettingValues config() {
        return TrainFixtures.small(Method.BP).with(TrainingSettings.EPOCHS, TOTAL_EPOCHS)
                .with(TrainingSettings.LEARNING_RATE, LARGE_RATE).with(TrainingSettings.SCHEDULE, ScheduleKind.PLATEAU);
    }

    @Test
    void rateAfterEachEpochIsThePlateauRuleOnTheTestLoss() {
        List<Double> rates = new ArrayList<>();
        try (Trainer t = TrainFixtures.trainer(config(), TrainFixtures.SMALL)) {
            t.run(new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics metrics) {
                    rates.add(t.run().optimizer().learningRate());
                }
            }, null);
            ReduceOnPlateau expected = new ReduceOnPlateau(LARGE_RATE, RunParts.PLATEAU_FACTOR, RunParts.PLATEAU_PATIENCE);
            List<Double> losses = new ArrayList<>();
            for (EpochMetrics m : t.history()) {
                losses.add(m.value("test_loss"));
                expected.observeEpochs(losses);
                assertEquals(expected.learningRate(0), rates.get(losses.size() - 1), 0.0, "after epoch " + losses.size());
            }
            assertTrue(rates.get(STOP_AFTER - 1) < LARGE_RATE, "the test loss stalls and the rate is cut by epoch "
                    + STOP_AFTER + ": " + rates + " for losses " + losses);
        }
    }

    @Test
    void resumedAfterACutEqualsTheUninterruptedRun() {
        Path file = dir.resolve("full.ckpt");
        Path stopped = dir.resolve("stopped.ckpt");
        try (Trainer uninterrupted = TrainFixtures.trainer(config(), TrainFixtures.SMALL);
             Trainer first = TrainFixtures.trainer(config().with(TrainingSettings.EPOCHS, STOP_AFTER), TrainFixtures.SMALL);
             Trainer resumed = TrainFixtures.trainer(config(), TrainFixtures.SMALL)) {
            uninterrupted.run(TrainingListener.NONE, file);
            first.run(TrainingListener.NONE, stopped);
            resumed.restore(Checkpoint.read(stopped));
            assertEquals(first.run().optimizer().learningRate(), resumed.run().optimizer().learningRate(), 0.0,
                    "the restored schedule has the rate the stopped run had");
            resumed.run(TrainingListener.NONE, null);
            assertEquals(withoutTiming(uninterrupted.history()), withoutTiming(resumed.history()));
            assertSameParameters(TrainFixtures.parameters(uninterrupted), TrainFixtures.parameters(resumed));
        }
    }
}

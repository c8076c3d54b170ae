package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;

/** The trainer's bookkeeping: data checks, epochs and steps, listener calls, evaluation. */
class TrainerTest {

    @Test
    void rejectsATestSetOfOtherWidths() {
        DatasetSplit wider = new SyntheticClassification(10, 65, 8, 2, 32, 0.6, 0.05).generate(10, 10, 1);
        DatasetSplit mixed = new DatasetSplit(TrainFixtures.SMALL.train(), wider.heldOut());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainFixtures.trainer(TrainFixtures.small(Method.BP), mixed));
        assertEquals("the test set synthetic-test must have the training set's 64 features and 10 classes, got 65"
                + " features and 10 classes", e.getMessage());
    }

    @Test
    void countsEpochsStepsAndCallsTheListener() {
        SettingValues config = TrainFixtures.small(Method.FA).with(TrainingSettings.EPOCHS, 2);
        int stepsPerEpoch = TrainFixtures.TRAIN_SIZE / config.get(TrainingSettings.BATCH_SIZE);
        List<String> calls = new ArrayList<>();
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            assertTrue(t.projectors().isEmpty(), "only DFA has a projector");
            List<EpochMetrics> history = t.run(new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batches, double loss) {
                    calls.add("batch " + epoch + "." + batch + "/" + batches);
                }

                @Override
                public void onEpoch(EpochMetrics metrics) {
                    calls.add("epoch " + metrics.epoch());
                }
            }, null);

            assertEquals(2, t.epochsDone());
            assertEquals(2 * (stepsPerEpoch + 1), calls.size());
            assertEquals("batch 1.1/" + stepsPerEpoch, calls.get(0));
            assertEquals("epoch 1", calls.get(stepsPerEpoch));
            assertEquals("batch 2." + stepsPerEpoch + "/" + stepsPerEpoch, calls.get(2 * stepsPerEpoch));
            assertEquals(stepsPerEpoch, history.get(0).step());
            assertEquals(2L * stepsPerEpoch, history.get(1).step());
            // Alignment every 5 steps: steps 1, 6, 11 in the first epoch; one feedback point.
            assertEquals(1, history.get(0).alignment().size());

            Map<String, Double> test = t.evaluate(t.run().evaluations().get(0));
            assertEquals(List.of("test_loss", "test_accuracy"), List.copyOf(test.keySet()));
            assertEquals(history.get(1).value("test_loss"), test.get("test_loss"),
                    "evaluation after the run repeats the last epoch's");
            assertEquals(history.get(1).value("test_accuracy"), test.get("test_accuracy"));
            assertEquals(List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy"),
                    List.copyOf(history.get(1).values().keySet()));
            assertEquals(2, t.run(TrainingListener.NONE, null).size(), "a finished run does nothing more");
            assertEquals(2, t.epochsDone());
        }
    }

    @Test
    void dfaHasAProjectorOfTheFeedbackShape() {
        try (Trainer t = TrainFixtures.trainer(TrainFixtures.small(Method.DFA), TrainFixtures.SMALL)) {
            assertNotNull(t.projectors().get(0));
            assertEquals(10, t.projectors().get(0).inputDimension(), "projects the 10-class error");
            assertEquals(32, t.projectors().get(0).outputDimension(), "onto the one feedback point of 32");
        }
    }

    @Test
    void adamWithoutDecayEqualsAdamWWithoutDecayAndDecayTellsThemApart() {
        SettingValues base = TrainFixtures.small(Method.BP).with(TrainingSettings.EPOCHS, 1);
        TrainFixtures.Run adam = TrainFixtures.run(base.with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAM).with(TrainingSettings.WEIGHT_DECAY, 0.0));
        TrainFixtures.Run adamW = TrainFixtures.run(base.with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAMW).with(TrainingSettings.WEIGHT_DECAY, 0.0));
        TrainFixtures.assertSameParameters(adam.parameters(), adamW.parameters());

        TrainFixtures.Run adamL2 = TrainFixtures.run(base.with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAM).with(TrainingSettings.WEIGHT_DECAY, 0.1));
        TrainFixtures.Run adamWDecay = TrainFixtures.run(base.with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAMW).with(TrainingSettings.WEIGHT_DECAY, 0.1));
        assertTrue(TrainFixtures.parametersDiffer(adam.parameters(), adamL2.parameters()), "Adam applies its L2 decay");
        assertTrue(TrainFixtures.parametersDiffer(adamL2.parameters(), adamWDecay.parameters()),
                "L2 and decoupled decay differ");
    }
}

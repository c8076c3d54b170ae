package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.DatasetChoice;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.dfa.task.mlp.MlpTask;

class TrainingStepTest {

    private static final long SEED = 11L;
    private static final int BATCH = 16;
    private static final int SAMPLES = 2 * BATCH;
    private static final double EXACT = 0.0;

    private static SettingValues config(Method method, ProjectorKind projector) {
        return MlpTask.INSTANCE.defaults().with(MlpSettings.DATASET, DatasetChoice.SYNTHETIC)
                .with(MlpSettings.TRAIN_LIMIT, SAMPLES).with(MlpSettings.TEST_LIMIT, 1)
                .with(MlpSettings.HIDDEN, List.of(16, 16)).with(TrainingSettings.BATCH_SIZE, BATCH)
                .with(TrainingSettings.LEARNING_RATE, 1e-3).with(TrainingSettings.SEED, SEED)
                .with(TrainingSettings.THREADS, 1).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, projector);
    }

    private static TrainingStep step(SettingValues config) {
        return new TrainingStep(MlpTask.INSTANCE.build(config));
    }

    private static double[] losses(SettingValues config, int steps) {
        double[] losses = new double[steps];
        try (TrainingStep step = step(config)) {
            for (int i = 0; i < steps; i++) {
                step.run();
                losses[i] = step.lastLoss();
            }
        }
        return losses;
    }

    @Test
    void eachRunIsOneOptimizerStepOnOneBatchAndWrapsIntoNewEpochs() {
        try (TrainingStep step = step(config(Method.DFA, ProjectorKind.EXACT))) {
            assertTrue(Double.isNaN(step.lastLoss()));
            // Five steps over a set of two batches: the batches run out twice.
            for (int i = 0; i < 5; i++) {
                step.run();
            }
            assertEquals(5, step.steps());
            assertEquals(5L * BATCH, step.items());
            assertEquals("samples", step.itemName());
            assertEquals("dfa", step.ruleName());
            assertTrue(Double.isFinite(step.lastLoss()));
        }
    }

    @Test
    void theSameSeedGivesTheSameLosses() {
        SettingValues opu = config(Method.DFA, ProjectorKind.OPU);
        double[] first = losses(opu, 3);
        double[] again = losses(opu, 3);
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], again[i], EXACT, "step " + i);
        }
    }

    @Test
    void theRuleFollowsTheConfiguredMethodAndItsUpdatesLowerTheLoss() {
        SettingValues bp = config(Method.BP, ProjectorKind.EXACT).with(TrainingSettings.LEARNING_RATE, 1e-2);
        try (TrainingStep step = step(bp)) {
            assertEquals("bp", step.ruleName());
        }
        // Fifteen epochs over the same two batches: without the optimizer's updates both epoch
        // losses would be equal; with them the second is lower.
        double[] l = losses(bp, 30);
        assertTrue(l[28] + l[29] < l[0] + l[1], "losses " + java.util.Arrays.toString(l));
    }
}

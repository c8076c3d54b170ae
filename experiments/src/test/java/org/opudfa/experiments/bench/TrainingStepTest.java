package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.train.TrainingConfig;

class TrainingStepTest {

    private static final long SEED = 11L;
    private static final int BATCH = 16;
    private static final int SAMPLES = 2 * BATCH;
    private static final double EXACT = 0.0;

    private static Dataset train() {
        return SyntheticClassification.defaults().generate(SAMPLES, 1, SEED).train();
    }

    private static TrainingConfig config(Method method, ProjectorKind projector) {
        return TrainingConfig.builder().hidden(16, 16).batchSize(BATCH).learningRate(1e-3).seed(SEED).threads(1)
                .method(method).projector(projector).build();
    }

    private static double[] losses(TrainingConfig config, int steps) {
        double[] losses = new double[steps];
        try (TrainingStep step = new TrainingStep(config, train())) {
            for (int i = 0; i < steps; i++) {
                step.run();
                losses[i] = step.lastLoss();
            }
        }
        return losses;
    }

    @Test
    void eachRunIsOneOptimizerStepOnOneBatchAndWrapsIntoNewEpochs() {
        try (TrainingStep step = new TrainingStep(config(Method.DFA, ProjectorKind.EXACT), train())) {
            assertTrue(Double.isNaN(step.lastLoss()));
            // Five steps over a set of two batches: the batches run out twice.
            for (int i = 0; i < 5; i++) {
                step.run();
            }
            assertEquals(5, step.steps());
            assertEquals(BATCH, step.samplesPerStep());
            assertEquals("dfa", step.ruleName());
            assertTrue(Double.isFinite(step.lastLoss()));
        }
    }

    @Test
    void theSameSeedGivesTheSameLosses() {
        TrainingConfig opu = config(Method.DFA, ProjectorKind.OPU);
        double[] first = losses(opu, 3);
        double[] again = losses(opu, 3);
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], again[i], EXACT, "step " + i);
        }
    }

    @Test
    void theRuleFollowsTheConfiguredMethodAndItsUpdatesLowerTheLoss() {
        TrainingConfig bp = config(Method.BP, ProjectorKind.EXACT).toBuilder().learningRate(1e-2).build();
        try (TrainingStep step = new TrainingStep(bp, train())) {
            assertEquals("bp", step.ruleName());
        }
        // Fifteen epochs over the same two batches: without the optimizer's updates both epoch
        // losses would be equal; with them the second is lower.
        double[] l = losses(bp, 30);
        assertTrue(l[28] + l[29] < l[0] + l[1], "losses " + java.util.Arrays.toString(l));
    }

    @Test
    void rejectsATrainingSetSmallerThanOneBatch() {
        Dataset small = SyntheticClassification.defaults().generate(BATCH - 1, 1, SEED).train();
        TrainingConfig config = config(Method.BP, ProjectorKind.EXACT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingStep(config, small));
        assertEquals("the training set must hold at least one batch of 16 samples, got 15", e.getMessage());
    }
}

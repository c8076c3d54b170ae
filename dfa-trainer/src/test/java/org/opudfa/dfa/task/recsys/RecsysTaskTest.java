package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.Tasks;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** The recsys task: its models' feedback points, a short run of each rule, early stopping and checkpoints. */
class RecsysTaskTest {

    private static final int ROWS = 3_000;
    /** MLP width at which a batch of 256 fills the parallel passes' thresholds (65 536 entries). */
    private static final int WIDE = 256;

    @TempDir
    static Path dir;
    private static Path log;

    @BeforeAll
    static void generate() {
        log = ClickLogGenerator.generate(dir.resolve("clicks"), ROWS, 11, 300, 0.25).log();
    }

    private static SettingValues small(RecsysModel model, Method method) {
        return RecsysTask.INSTANCE.defaults().with(RecsysSettings.MODEL, model).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(RecsysSettings.DATA, log)
                .with(RecsysSettings.MIN_COUNT, 2).with(RecsysSettings.HIDDEN, List.of(16, 16))
                .with(RecsysSettings.EMBEDDING, 4).with(TrainingSettings.BATCH_SIZE, 256)
                .with(TrainingSettings.EPOCHS, 2).with(TrainingSettings.THREADS, 1)
                .with(TrainingSettings.ALIGNMENT_EVERY, 3).with(TrainingSettings.SEED, 5L);
    }

    @Test
    void theTaskIsListedWithItsModels() {
        assertEquals(RecsysTask.INSTANCE, Tasks.get("recsys"));
        assertEquals(List.of("deepfm", "fm", "deep-cross"), RecsysTask.INSTANCE.models());
        assertEquals(2048, RecsysTask.INSTANCE.defaults().get(TrainingSettings.BATCH_SIZE));
    }

    @Test
    void feedbackPointsFollowEachMlpBlockAndEachCrossLayerAndTheErrorIsTheLogit() {
        try (Gemm gemm = Gemm.withThreads(1)) {
            RandomStreams s = RandomStreams.of(1);
            Graph deepFm = RecsysModels.build(new RecsysModels.Shape(RecsysModel.DEEPFM, 100, 10,
                    new int[] {400, 400, 400}, 3, 0.2), s.stream("init"), s.stream("dropout"), gemm);
            assertEquals(List.of("block0.dropout", "block1.dropout", "block2.dropout"),
                    deepFm.feedbackPoints().stream().map(Tensor::name).toList());
            assertEquals(deepFm.output(), deepFm.errorPoint(0));
            assertEquals(1, deepFm.errorPoint(0).width(), "e is batch × 1");
            // the embeddings lie above the feedback points through the FM term: shallow trains them
            assertTrue(deepFm.parametersAboveFeedback().stream().anyMatch(p -> p.name().equals("embedding.table")));
            assertTrue(deepFm.parametersAboveFeedback().stream().noneMatch(p -> p.name().startsWith("block")));
            Graph cross = RecsysModels.build(new RecsysModels.Shape(RecsysModel.DEEP_CROSS, 100, 16,
                    new int[] {400, 400, 400}, 3, 0.0), s.stream("init"), s.stream("dropout"), gemm);
            assertEquals(List.of("cross0", "cross1", "cross2", "block0.relu", "block1.relu", "block2.relu"),
                    cross.feedbackPoints().stream().map(Tensor::name).toList());
            assertEquals(List.of("head.weight", "head.bias"),
                    cross.parametersAboveFeedback().stream().map(p -> p.name()).toList());
            assertEquals(39 * 16, cross.tensor("cross0").width());
        }
    }

    @Test
    void everyModelAndRuleTrainsToFiniteMetricsBelowTheBayesOptimalAuc() {
        Object[][] cases = {{RecsysModel.FM, Method.BP}, {RecsysModel.DEEPFM, Method.DFA},
            {RecsysModel.DEEPFM, Method.SHALLOW}, {RecsysModel.DEEP_CROSS, Method.DFA}, {RecsysModel.DEEP_CROSS,
                Method.BP}};
        for (Object[] c : cases) {
            SettingValues v = small((RecsysModel) c[0], (Method) c[1]).with(TrainingSettings.EPOCHS, 1);
            try (Trainer t = new Trainer(RecsysTask.INSTANCE.build(v))) {
                EpochMetrics m = t.run(TrainingListener.NONE, null).get(0);
                String what = c[0] + " by " + c[1];
                assertTrue(Double.isFinite(m.value("test_auc")) && Double.isFinite(m.value("test_log_loss")), what);
                assertTrue(m.value("test_auc") < m.value("test_bayes_auc"), what + ": " + m.values());
                assertEquals(1.0, m.value("best_epoch"), what);
                assertEquals(m.value("test_auc"), m.value("best_test_auc"), what);
                if (c[1] == Method.DFA) {
                    assertEquals(t.model().feedbackPoints().size(), m.alignment().size(), what);
                }
            }
        }
    }

    @Test
    void dfaOfAModelWithoutHiddenBlocksIsOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecsysTask.INSTANCE.build(small(RecsysModel.FM, Method.DFA)));
        assertTrue(e.getMessage().startsWith("the fm model has no hidden block"), e.getMessage());
    }

    @Test
    void batchNormRunningStatisticsSurviveACheckpoint() {
        SettingValues v = small(RecsysModel.DEEPFM, Method.BP).with(TrainingSettings.EPOCHS, 1);
        Path file = dir.resolve("run.ckpt");
        Map<String, FMatrixRMaj> trained;
        try (Trainer t = new Trainer(RecsysTask.INSTANCE.build(v))) {
            t.run(TrainingListener.NONE, file);
            trained = t.model().buffers();
            assertEquals(4, trained.size(), "running mean and variance of two blocks");
            try (Trainer fresh = new Trainer(RecsysTask.INSTANCE.build(v))) {
                float[] before = fresh.model().buffers().get("block0.norm.running_mean").data.clone();
                fresh.restore(Checkpoint.read(file));
                for (Map.Entry<String, FMatrixRMaj> e : trained.entrySet()) {
                    assertArrayEquals(e.getValue().data, fresh.model().buffers().get(e.getKey()).data, e.getKey());
                }
                assertTrue(before[0] != fresh.model().buffers().get("block0.norm.running_mean").data[0]);
                // and the restored model evaluates the test set as the trained one did
                assertEquals(t.history().get(0).value("test_auc"),
                        fresh.evaluate(fresh.run().evaluations().get(1)).get("test_auc"));
            }
        }
    }

    @Test
    void earlyStoppingEndsTheRunAndKeepsTheBestEpochsTestColumns() {
        // a learning rate this large makes the validation AUC fall after the first epochs
        SettingValues v = small(RecsysModel.DEEPFM, Method.BP).with(TrainingSettings.EPOCHS, 30)
                .with(RecsysSettings.PATIENCE, 1);
        try (Trainer t = new Trainer(RecsysTask.INSTANCE.build(v))) {
            List<EpochMetrics> h = t.run(TrainingListener.NONE, null);
            assertTrue(h.size() < 30, "stopped after " + h.size() + " epochs");
            EpochMetrics last = h.get(h.size() - 1);
            int best = (int) last.value("best_epoch");
            assertEquals(h.size() - 1, best, "one epoch of patience: the last epoch did not improve");
            assertEquals(h.get(best - 1).value("test_auc"), last.value("best_test_auc"));
            assertTrue(h.get(best - 1).value("validation_auc") >= last.value("validation_auc"));
        }
    }

    @Test
    void aRunGivesTheSameBitsOnOneAndTwoThreadsWithOrWithoutLayerThreads() {
        Object[][] cases = {{RecsysModel.DEEPFM, Method.BP}, {RecsysModel.DEEPFM, Method.DFA},
            {RecsysModel.DEEP_CROSS, Method.DFA}};
        for (Object[] c : cases) {
            String what = c[0] + " by " + c[1];
            SettingValues v = small((RecsysModel) c[0], (Method) c[1]).with(TrainingSettings.EPOCHS, 1)
                    .with(RecsysSettings.HIDDEN, List.of(WIDE, WIDE)).with(RecsysSettings.EMBEDDING, 8);
            Map<String, Double> one = runOn(v.with(TrainingSettings.THREADS, 1));
            assertEquals(one, runOn(v.with(TrainingSettings.THREADS, 2)), what);
            assertEquals(one, runOn(v.with(TrainingSettings.THREADS, 2).with(RecsysSettings.LAYER_THREADS, false)),
                    what + ", products alone on the threads");
        }
    }

    private static Map<String, Double> runOn(SettingValues v) {
        try (Trainer t = new Trainer(RecsysTask.INSTANCE.build(v))) {
            return t.run(TrainingListener.NONE, null).get(0).values();
        }
    }
}

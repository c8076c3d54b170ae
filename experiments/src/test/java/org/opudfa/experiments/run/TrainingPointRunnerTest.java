package org.opudfa.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.task.recsys.ClickLogGenerator;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.experiments.spec.SweepPoint;

class TrainingPointRunnerTest {

    private static Map<String, Object> settings(double learningRate, String method) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", "synthetic");
        s.put("trainLimit", 200);
        s.put("testLimit", 50);
        s.put("hidden", List.of(8));
        s.put("epochs", 2);
        s.put("batchSize", 20);
        s.put("optimizer", "sgd");
        s.put("learningRate", learningRate);
        s.put("method", method);
        s.put("projector", "exact");
        s.put("alignmentEvery", 1);
        s.put("seed", 4L);
        return s;
    }

    @Test
    void reportsTheLastEpochAndEveryEpoch() {
        List<Integer> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                epochs.add(m.epoch());
            }
        };
        SweepPoint point = new SweepPoint(0, "p", null, Map.of(), settings(0.1, "dfa"));
        PointResult r = TrainingPointRunner.run(point, 1, listener);
        assertEquals(List.of(1, 2), epochs);
        assertEquals(2, r.epochs().size());
        assertEquals(r.epochs().get(1).get("test_accuracy"), r.results().get("test_accuracy"));
        assertTrue((Double) r.results().get("best_test_accuracy") >= (Double) r.results().get("test_accuracy"));
        assertTrue(r.results().get("alignment_mean") instanceof Double);
        assertEquals(false, r.results().get("diverged"));
        assertTrue(r.data().startsWith("synthetic classification task (generated, seed 4) (first 200 training and 50 "
                + "test samples)"), r.data());
        assertTrue(r.files().isEmpty());
    }

    @Test
    void aDivergingRunIsReportedNotThrown() {
        Map<String, Object> s = settings(1e300, "bp");
        PointResult r = TrainingPointRunner.run(new SweepPoint(0, "p", null, Map.of(), s), 1, TrainingListener.NONE);
        assertEquals(true, r.results().get("diverged"));
        // The first update overflows the weights, so the loss is non-finite within the first epoch.
        assertEquals(List.of(), r.epochs());
        assertNull(r.results().get("test_accuracy"));
        assertNull(r.results().get("alignment_mean"));
    }

    @Test
    void aRunWithEarlyStoppingReportsTheTestMetricsOfItsBestValidationEpoch(@TempDir Path dir) {
        Path log = ClickLogGenerator.generate(dir.resolve("clicks"), 3_000, 11, 300, 0.25).log();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", "recsys");
        s.put("data", log.toString());
        s.put("model", "deepfm");
        s.put("method", "bp");
        s.put("projector", "exact");
        s.put("hidden", List.of(8));
        s.put("embedding", 4);
        s.put("minCount", 2);
        s.put("batchSize", 256);
        s.put("evaluationRecords", 512);
        s.put("epochs", 4);
        s.put("patience", 4);
        s.put("alignmentEvery", 0);
        s.put("seed", 5L);
        PointResult r = TrainingPointRunner.run(new SweepPoint(0, "p", null, Map.of(), s), 1, TrainingListener.NONE);
        Map<String, Object> best = r.epochs().get(0);
        for (Map<String, Object> e : r.epochs()) {
            if ((Double) e.get("validation_auc") > (Double) best.get("validation_auc")) {
                best = e;
            }
        }
        assertEquals(best.get("test_auc"), r.results().get("best_test_auc"));
        assertEquals(best.get("validation_auc"), r.results().get("best_validation_auc"));
        assertEquals(((Integer) best.get("epoch")).doubleValue(), r.results().get("best_epoch"));
    }
}

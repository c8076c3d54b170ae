package org.opudfa.dfa.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.mlp.DatasetChoice;
import org.opudfa.dfa.task.mlp.MlpData;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingListener;

/**
 * {@link TrainingSettings#PARALLEL_BLOCKS}: off by default; on, DFA runs its backward segments on
 * the run's GEMM and a whole run (through the simulated OPU, with alignment measured) gives the
 * same numbers as without it; the other rules ignore it.
 */
class ParallelBlocksSettingTest {

    private static final int THREADS = 2;
    private static final DatasetSplit DATA = new SyntheticClassification(10, 64, 8, 2, 32, 0.6, 0.05)
            .generate(256, 64, 3);

    private static SettingValues config(Method method, boolean parallel) {
        return MlpTask.INSTANCE.defaults().with(MlpSettings.DATASET, DatasetChoice.SYNTHETIC)
                .with(MlpSettings.HIDDEN, List.of(48, 32, 32)).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.BATCH_SIZE, 32).with(TrainingSettings.LEARNING_RATE, 1e-3)
                .with(TrainingSettings.EPOCHS, 2).with(TrainingSettings.SEED, 4L)
                .with(TrainingSettings.THREADS, THREADS).with(TrainingSettings.ALIGNMENT_EVERY, 3)
                .with(TrainingSettings.PARALLEL_BLOCKS, parallel);
    }

    private static Trainer trainer(SettingValues config) {
        return new Trainer(MlpTask.INSTANCE.build(config, new MlpData(DATA, new DataDescription("test data", List.of())),
                new RunParts(config)));
    }

    /** The metrics without wall-clock fields, and the final parameters, of a whole run. */
    private record Outcome(List<String> metrics, List<float[]> parameters) {
    }

    private static Outcome run(SettingValues config) {
        try (Trainer t = trainer(config)) {
            List<String> metrics = new ArrayList<>();
            for (EpochMetrics m : t.run(TrainingListener.NONE, null)) {
                metrics.add(m.epoch() + " " + m.step() + " " + m.values() + " " + m.alignment() + " " + m.opuFrames());
            }
            List<float[]> parameters = new ArrayList<>();
            for (Parameter p : t.model().parameters()) {
                parameters.add(p.value().data.clone());
            }
            return new Outcome(metrics, parameters);
        }
    }

    @Test
    void offByDefault() {
        assertFalse(MlpTask.INSTANCE.defaults().get(TrainingSettings.PARALLEL_BLOCKS));
        try (Trainer t = trainer(config(Method.DFA, false))) {
            assertNull(((DirectFeedbackAlignment) t.rule()).segmentRunner());
        }
    }

    @Test
    void dfaRunsItsSegmentsOnTheRunsGemm() {
        SettingValues config = config(Method.DFA, true);
        RunParts parts = new RunParts(config);
        try (Trainer t = new Trainer(MlpTask.INSTANCE.build(config,
                new MlpData(DATA, new DataDescription("test data", List.of())), parts))) {
            assertSame(parts.gemm(), ((DirectFeedbackAlignment) t.rule()).segmentRunner());
        }
    }

    @Test
    void aDfaRunWithParallelBlocksIsTheSameRun() {
        Outcome sequential = run(config(Method.DFA, false));
        Outcome parallel = run(config(Method.DFA, true));
        assertEquals(sequential.metrics(), parallel.metrics());
        for (int i = 0; i < sequential.parameters().size(); i++) {
            assertArrayEquals(sequential.parameters().get(i), parallel.parameters().get(i), "parameter " + i);
        }
    }

    @Test
    void theOtherRulesIgnoreIt() {
        for (Method method : List.of(Method.BP, Method.FA, Method.SHALLOW)) {
            Outcome off = run(config(method, false));
            Outcome on = run(config(method, true));
            assertEquals(off.metrics(), on.metrics(), method.name());
        }
    }
}

package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.ProjectorKind;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.DatasetChoice;
import org.opudfa.dfa.task.mlp.MlpData;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.kernel.Gemm;

/** Small seeded data, a fast configuration and comparisons shared by the trainer tests. */
final class TrainFixtures {

    /** Seed of the small data set; independent of the runs' seeds. */
    static final long DATA_SEED = 7;
    /** Training samples of the small data set: 12 batches of 32. */
    static final int TRAIN_SIZE = 384;
    /** Test samples of the small data set. */
    static final int TEST_SIZE = 128;

    /** A 10-class task of 64 features, small enough to train in a fraction of a second. */
    static final DatasetSplit SMALL = new SyntheticClassification(10, 64, 8, 2, 32, 0.6, 0.05)
            .generate(TRAIN_SIZE, TEST_SIZE, DATA_SEED);

    private TrainFixtures() {
    }

    /**
     * @param method the training rule
     * @return a 64-32-10 tanh MLP, Adam at 1e-3, batch 32, 2 epochs, one thread, exact projector,
     *     alignment measured every 5 steps (so DFA and FA report it)
     */
    static SettingValues small(Method method) {
        return MlpTask.INSTANCE.defaults().with(MlpSettings.DATASET, DatasetChoice.SYNTHETIC).with(MlpSettings.HIDDEN, List.of(32)).with(TrainingSettings.METHOD, method)
                .with(TrainingSettings.PROJECTOR, ProjectorKind.EXACT).with(TrainingSettings.OPTIMIZER, OptimizerKind.ADAM).with(TrainingSettings.LEARNING_RATE, 1e-3).with(TrainingSettings.BATCH_SIZE, 32)
                .with(TrainingSettings.EPOCHS, 2).with(TrainingSettings.SEED, 11L).with(TrainingSettings.THREADS, 1).with(TrainingSettings.ALIGNMENT_EVERY, 5);
    }

    /**
     * @param config the configuration
     * @param data   the training and test sets
     * @return a trainer of the MLP run the configuration describes, on the configured number of threads
     */
    static Trainer trainer(SettingValues config, DatasetSplit data) {
        return new Trainer(MlpTask.INSTANCE.build(config, data(data), new RunParts(config)));
    }

    /**
     * @param config the configuration
     * @param data   the training and test sets
     * @param gemm   the matrix product, owned and closed by the trainer (lets tests pick a kernel)
     * @return a trainer of the MLP run the configuration describes
     */
    static Trainer trainer(SettingValues config, DatasetSplit data, Gemm gemm) {
        return new Trainer(MlpTask.INSTANCE.build(config, data(data), new RunParts(config, gemm)));
    }

    /**
     * @param split the training and test sets
     * @return them as the MLP task's data
     */
    static MlpData data(DatasetSplit split) {
        return new MlpData(split, new DataDescription("test data", List.of()));
    }

    /**
     * @param config the configuration
     * @return the trainer's history after running every epoch on {@link #SMALL}, with final parameters
     */
    static Run run(SettingValues config) {
        try (Trainer t = trainer(config, SMALL)) {
            t.run(TrainingListener.NONE, null);
            return new Run(t.history(), parameters(t));
        }
    }

    /** The outcome of a run: per-epoch metrics and final parameter values by name. */
    record Run(List<EpochMetrics> history, Map<String, float[]> parameters) {
    }

    /**
     * @param t a trainer
     * @return copies of its parameter values by name, in model order
     */
    static Map<String, float[]> parameters(Trainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : t.model().parameters()) {
            out.put(p.name(), p.value().data.clone());
        }
        return out;
    }

    /**
     * @param m an epoch's metrics
     * @return the same metrics with the wall-clock fields ({@code itemsPerSecond}, {@code seconds}) zeroed
     */
    static EpochMetrics withoutTiming(EpochMetrics m) {
        return new EpochMetrics(m.epoch(), m.step(), m.values(), m.alignment(), m.itemName(), 0, 0, m.opuFrames(),
                m.opuDeviceSeconds(), m.opuDeviceJoules());
    }

    /**
     * @param history metrics of several epochs
     * @return them without the wall-clock fields
     */
    static List<EpochMetrics> withoutTiming(List<EpochMetrics> history) {
        List<EpochMetrics> out = new ArrayList<>();
        history.forEach(m -> out.add(withoutTiming(m)));
        return out;
    }

    /** Asserts two parameter maps hold the same names and bit-identical values. */
    static void assertSameParameters(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "parameter names");
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), "parameter " + e.getKey());
        }
    }

    /** @return true if some parameter differs in some value */
    static boolean parametersDiffer(Map<String, float[]> a, Map<String, float[]> b) {
        for (Map.Entry<String, float[]> e : a.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }
}

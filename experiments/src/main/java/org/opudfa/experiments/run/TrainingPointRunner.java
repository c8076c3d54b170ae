package org.opudfa.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingConfig;
import org.opudfa.dfa.train.TrainingData;
import org.opudfa.dfa.train.TrainingDivergedException;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.TrainingSetup;
import org.opudfa.opu.kernel.Gemm;

/**
 * Runs a training point: builds its {@link TrainingConfig}, loads (or reuses) its data, trains,
 * and reports the last epoch's test accuracy and alignment, the best test accuracy, and the
 * simulated OPU's frames, seconds and joules over the whole run. A run whose loss diverges is
 * reported with {@code diverged = true} and the epochs it finished (none: null measurements).
 */
final class TrainingPointRunner {

    private TrainingPointRunner() {
    }

    /**
     * @param point    the point
     * @param threads  compute threads for this training
     * @param data     where loaded data is shared between points
     * @param listener receives each finished epoch
     * @return the point's result
     */
    static PointResult run(SweepPoint point, int threads, DataCache data, TrainingListener listener) {
        TrainingConfig config = TrainingSetup.config(point.settings(), threads);
        DatasetSplit split = data.get(config);
        List<EpochMetrics> history;
        boolean diverged = false;
        try (Trainer trainer = new Trainer(MlpTask.build(config, split, Gemm.withThreads(config.threads())))) {
            try {
                trainer.run(listener, null);
            } catch (TrainingDivergedException e) {
                diverged = true;
            }
            history = trainer.history();
        }
        List<Map<String, Object>> epochs = new ArrayList<>();
        double best = 0;
        long frames = 0;
        double deviceSeconds = 0;
        double joules = 0;
        double seconds = 0;
        long samples = 0;
        for (EpochMetrics m : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", m.epoch());
            e.put("step", m.step());
            m.values().forEach((name, value) -> e.put(name, PointResult.finite(value)));
            e.put("alignment_mean", PointResult.finite(m.meanAlignment()));
            StringJoiner perLayer = new StringJoiner(";");
            m.alignment().forEach(a -> perLayer.add(Double.toString(a)));
            e.put("alignment_per_layer", perLayer.toString());
            e.put("opu_frames", m.opuFrames());
            e.put("opu_device_seconds", m.opuDeviceSeconds());
            e.put("opu_device_joules", m.opuDeviceJoules());
            epochs.add(e);
            best = Math.max(best, m.value("test_accuracy"));
            frames += m.opuFrames();
            deviceSeconds += m.opuDeviceSeconds();
            joules += m.opuDeviceJoules();
            seconds += m.seconds();
            samples += Math.round(m.itemsPerSecond() * m.seconds());
        }
        EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("test_accuracy", last == null ? null : PointResult.finite(last.value("test_accuracy")));
        results.put("best_test_accuracy", last == null ? null : best);
        results.put("test_loss", last == null ? null : PointResult.finite(last.value("test_loss")));
        results.put("train_loss", last == null ? null : PointResult.finite(last.trainLoss()));
        results.put("train_accuracy", last == null ? null : PointResult.finite(last.value("train_accuracy")));
        results.put("alignment_mean", last == null ? null : PointResult.finite(last.meanAlignment()));
        results.put("opu_frames", frames);
        results.put("opu_device_seconds", deviceSeconds);
        results.put("opu_device_joules", joules);
        results.put("diverged", diverged);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("seconds", seconds);
        timings.put("samples_per_second", seconds > 0 ? samples / seconds : null);
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : split.train().source().files()) {
            files.put(fileName(f.path()), f.sha256());
        }
        for (SourceFile f : split.heldOut().source().files()) {
            files.put(fileName(f.path()), f.sha256());
        }
        String description = (files.isEmpty() ? "synthetic task (seed " + config.seed() + ")" : "Fashion-MNIST")
                + " (" + split.train().size() + " training, " + split.heldOut().size() + " test samples)";
        return new PointResult(point, results, timings, epochs, description, files);
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /**
     * Loads each distinct data selection once and shares it between points, sweeps and runs in this
     * JVM (datasets are read-only once built). Entries are softly held, so the garbage collector
     * may drop them under memory pressure; they are then loaded again.
     */
    static final class DataCache {
        private static final Map<String, java.lang.ref.SoftReference<DatasetSplit>> SPLITS = new java.util.HashMap<>();

        private static String key(TrainingConfig config) {
            return config.dataset() + "|" + config.dataFolder() + "|" + config.trainLimit() + "|"
                    + config.testLimit() + "|" + config.standardise() + "|" + config.seed();
        }

        /**
         * Supplies the data of a configuration instead of loading it (tests use a small generated set).
         *
         * @param config the configuration whose data selection this is
         * @param split  the data
         */
        static void put(TrainingConfig config, DatasetSplit split) {
            synchronized (SPLITS) {
                SPLITS.put(key(config), new java.lang.ref.SoftReference<>(split));
            }
        }

        DatasetSplit get(TrainingConfig config) {
            String key = key(config);
            synchronized (SPLITS) {
                java.lang.ref.SoftReference<DatasetSplit> ref = SPLITS.get(key);
                DatasetSplit split = ref == null ? null : ref.get();
                if (split == null) {
                    split = TrainingData.load(config).split();
                    SPLITS.put(key, new java.lang.ref.SoftReference<>(split));
                }
                return split;
            }
        }
    }
}

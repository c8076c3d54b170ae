package org.opudfa.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.train.EarlyStopping;
import org.opudfa.dfa.train.EpochMetrics;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingDivergedException;
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.TrainingSetup;

/**
 * Runs a training point: builds its task's run from the point's settings (the task loads or
 * reuses its data), trains, and reports the last epoch's measurements, the best of each evaluated
 * metric over the epochs (or, for a run with early stopping, which writes its own {@code best_}
 * columns, every metric of the epoch with the best monitored value: {@code best_test_auc} is then
 * the test AUC at the best validation AUC, not the highest test AUC), the alignment, and the simulated OPU's frames, seconds and joules over
 * the whole run. A run whose loss diverges is reported with {@code diverged = true} and the epochs
 * it finished (none: null measurements).
 */
final class TrainingPointRunner {

    private TrainingPointRunner() {
    }

    /**
     * @param point    the point
     * @param threads  compute threads for this training
     * @param listener receives each finished epoch
     * @return the point's result
     */
    static PointResult run(SweepPoint point, int threads, TrainingListener listener) {
        return run(point, threads, listener, null);
    }

    /**
     * @param point    the point
     * @param threads  compute threads for this training
     * @param listener receives each finished epoch
     * @param folder   where the task writes its own output ({@link Task#listener}), or null for nowhere
     * @return the point's result
     */
    static PointResult run(SweepPoint point, int threads, TrainingListener listener, Path folder) {
        Task task = TrainingSetup.task(point.settings());
        SettingValues values = TrainingSetup.values(point.settings(), threads);
        TrainingRun run = task.build(values);
        List<EpochMetrics> history;
        boolean diverged = false;
        TrainingListener written = folder == null ? TrainingListener.NONE : task.listener(run, values, folder);
        try (Trainer trainer = new Trainer(run)) {
            try {
                trainer.run(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        listener.onBatch(epoch, batch, batches, loss);
                        written.onBatch(epoch, batch, batches, loss);
                    }

                    @Override
                    public void onEpoch(EpochMetrics metrics) {
                        written.onEpoch(metrics);
                        listener.onEpoch(metrics);
                    }
                }, null);
            } catch (TrainingDivergedException e) {
                diverged = true;
            }
            history = trainer.history();
        }
        List<Map<String, Object>> epochs = new ArrayList<>();
        long frames = 0;
        double deviceSeconds = 0;
        double joules = 0;
        double seconds = 0;
        long items = 0;
        for (EpochMetrics m : history) {
            items += Math.round(m.itemsPerSecond() * m.seconds());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", m.epoch());
            e.put("step", m.step());
            // the items trained on by the end of the epoch, e.g. "rays": a task-independent x axis
            e.put(m.itemName(), items);
            m.values().forEach((name, value) -> e.put(name, PointResult.finite(value)));
            e.put("alignment_mean", PointResult.finite(m.meanAlignment()));
            StringJoiner perLayer = new StringJoiner(";");
            m.alignment().forEach(a -> perLayer.add(Double.toString(a)));
            e.put("alignment_per_layer", perLayer.toString());
            e.put("opu_frames", m.opuFrames());
            e.put("opu_device_seconds", m.opuDeviceSeconds());
            e.put("opu_device_joules", m.opuDeviceJoules());
            epochs.add(e);
            frames += m.opuFrames();
            deviceSeconds += m.opuDeviceSeconds();
            joules += m.opuDeviceJoules();
            seconds += m.seconds();
        }
        EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
        Map<String, Object> results = new LinkedHashMap<>();
        for (Evaluation set : run.evaluations()) {
            for (Metric metric : set.metrics()) {
                String column = set.name() + "_" + metric.name();
                results.put(column, last == null ? null : PointResult.finite(last.value(column)));
                String bestColumn = EarlyStopping.BEST_PREFIX + column;
                if (last != null && last.values().containsKey(bestColumn)) {
                    results.put(bestColumn, PointResult.finite(last.value(bestColumn)));
                } else {
                    results.put(bestColumn, last == null ? null : PointResult.finite(best(history, column,
                            metric.higherIsBetter())));
                }
            }
        }
        if (last != null) {
            last.values().forEach((name, value) -> results.putIfAbsent(name, PointResult.finite(value)));
        }
        results.put("alignment_mean", last == null ? null : PointResult.finite(last.meanAlignment()));
        results.put("opu_frames", frames);
        results.put("opu_device_seconds", deviceSeconds);
        results.put("opu_device_joules", joules);
        results.put("diverged", diverged);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("seconds", seconds);
        timings.put((last == null ? "samples" : last.itemName()) + "_per_second", seconds > 0 ? items / seconds : null);
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : run.data().files()) {
            files.put(fileName(f.path()), f.sha256());
        }
        return new PointResult(point, results, timings, epochs, run.data().note(), files);
    }

    private static double best(List<EpochMetrics> history, String column, boolean higherIsBetter) {
        double best = Double.NaN;
        for (EpochMetrics m : history) {
            double v = m.value(column);
            if (Double.isNaN(best) || (higherIsBetter ? v > best : v < best)) {
                best = v;
            }
        }
        return best;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}

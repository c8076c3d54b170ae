package org.opudfa.dfa.task.recsys;

import java.util.ArrayList;
import java.util.List;

import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.BinaryCrossEntropy;
import org.opudfa.dfa.metric.Auc;
import org.opudfa.dfa.metric.LogLoss;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.EarlyStopping;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The recommender task ({@code recsys}): click-through-rate prediction on click logs in the
 * Criteo format with FM, DeepFM or Deep &amp; Cross ({@link RecsysModels}), binary cross-entropy
 * on the click logit, Adam, batches of 2,048 records, AUC and log loss on the training records
 * (as they are seen), the validation and the test records, and the Bayes-optimal test AUC beside
 * them on a generated log. Training stops when the validation AUC has not improved for
 * {@link RecsysSettings#PATIENCE} epochs; the {@code best_*} columns hold the test metrics of the
 * epoch with the best validation AUC ({@link EarlyStopping}).
 *
 * <p>Random streams, derived from the run's seed: {@code "init"} (weights and embeddings),
 * {@code "dropout"} (masks), {@code "data.generate"} (the generated log, when no log is given),
 * and those of {@link RunParts} (feedback matrix, simulated device).
 */
public final class RecsysTask implements Task {

    /** The task. */
    public static final RecsysTask INSTANCE = new RecsysTask();

    /** Every setting of the task: the shared training settings, the recommender's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("recsys", TrainingSettings.SETTINGS,
            RecsysSettings.SETTINGS, OpuRegistry.SETTINGS);

    /** The column early stopping watches. */
    public static final String MONITOR = "validation_auc";

    private RecsysTask() {
    }

    @Override
    public String name() {
        return "recsys";
    }

    @Override
    public String summary() {
        return "click-through-rate prediction (FM, DeepFM, Deep & Cross) on Criteo-format click logs";
    }

    @Override
    public List<String> models() {
        return List.of("deepfm", "fm", "deep-cross");
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    /** @return the defaults, with the paper's batch size 2,048, Adam at 1e-3 and at most 10 epochs */
    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS).with(TrainingSettings.BATCH_SIZE, 2048)
                .with(TrainingSettings.LEARNING_RATE, 1e-3).with(TrainingSettings.EPOCHS, 10);
    }

    /**
     * Loads (or generates) the click logs and builds the run.
     *
     * @param values values of {@link #settings()}
     * @return the run
     * @throws IllegalArgumentException if the data is malformed or DFA is asked of FM
     */
    @Override
    public TrainingRun build(SettingValues values) {
        requireFeedbackPoints(values);
        ClickLogData data = ClickLogData.load(values);
        return build(values, data, new RunParts(values));
    }

    /**
     * Builds the run on given data and parts.
     *
     * @param values the settings
     * @param data   the click logs
     * @param parts  the run's shared parts
     * @return the run
     */
    public TrainingRun build(SettingValues values, ClickLogData data, RunParts parts) {
        requireFeedbackPoints(values);
        RecsysModel kind = values.get(RecsysSettings.MODEL);
        int k = values.get(RecsysSettings.EMBEDDING) == 0 ? kind.defaultEmbedding() : values.get(RecsysSettings.EMBEDDING);
        int[] hidden = values.get(RecsysSettings.HIDDEN).stream().mapToInt(Integer::intValue).toArray();
        RandomStreams streams = parts.streams();
        Graph model = RecsysModels.build(new RecsysModels.Shape(kind, data.vocabulary().size(), k, hidden,
                values.get(RecsysSettings.CROSS_LAYERS), values.get(RecsysSettings.DROPOUT)), streams.stream("init"),
                streams.stream("dropout"), parts.gemm(), values.get(RecsysSettings.LAYER_THREADS));
        TrainingRule rule = parts.rule(model, new BinaryCrossEntropy(ClickLogBatches.CLICKS));
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), data.train().batchesPerEpoch());
        List<Metric> testMetrics = new ArrayList<>(metrics());
        if (data.test().hasProbabilities()) {
            testMetrics.add(new BayesAuc());
        }
        List<Evaluation> evaluations = List.of(new Evaluation("validation", data.validation(), metrics()),
                new Evaluation("test", data.test(), testMetrics));
        return parts.run(rule, optimizer, data.train(), metrics(), evaluations, data.description(),
                new EarlyStopping(MONITOR, true, values.get(RecsysSettings.PATIENCE)));
    }

    private static List<Metric> metrics() {
        return List.of(new Auc(ClickLogBatches.CLICKS), new LogLoss(ClickLogBatches.CLICKS));
    }

    private static void requireFeedbackPoints(SettingValues values) {
        if (values.get(RecsysSettings.MODEL) == RecsysModel.FM && values.get(TrainingSettings.METHOD) == Method.DFA) {
            throw new IllegalArgumentException("the fm model has no hidden block, so DFA has no feedback point to "
                    + "send the error to; train it with --method bp (shallow and DFA would both be backprop)");
        }
    }
}

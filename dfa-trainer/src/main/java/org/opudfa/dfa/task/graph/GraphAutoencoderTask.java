package org.opudfa.dfa.task.graph;

import java.util.List;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.BinaryCrossEntropy;
import org.opudfa.dfa.metric.Auc;
import org.opudfa.dfa.metric.AveragePrecision;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Link prediction with a graph autoencoder (Kipf and Welling 2016; the paper's GAE experiment):
 * a GCN encoder F → 32 → 16 over the training edges, the inner-product decoder, binary
 * cross-entropy on the training edges and as many non-edges drawn each epoch; after every epoch
 * the ROC AUC and average precision on held-out validation and test edges (each with as many
 * non-edges), and the test values at the best validation AUC so far. DFA: a feedback point after
 * the encoder's hidden ReLU, the error at the embeddings (through the parameter-free decoder);
 * shallow trains the encoder's second layer only.
 *
 * <p>Defaults: 200 epochs, Adam with learning rate 0.01, no weight decay, no dropout; the 85/5/10
 * edge split. Random streams: {@code "init"}, {@code "dropout"}, {@code "data.split"} (edge split
 * and held-out non-edges), {@code "data.negatives"} (training non-edges), and those of
 * {@link RunParts}.
 */
public final class GraphAutoencoderTask implements Task {

    /** The task. */
    public static final GraphAutoencoderTask INSTANCE = new GraphAutoencoderTask();

    /** Every setting of the task: the shared training settings, the graph data's, the task's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("graph-ae", TrainingSettings.SETTINGS,
            GraphDataSettings.SETTINGS, GraphAeSettings.SETTINGS, OpuRegistry.SETTINGS);

    private GraphAutoencoderTask() {
    }

    @Override
    public String name() {
        return "graph-ae";
    }

    @Override
    public String summary() {
        return "link prediction with a graph autoencoder (GCN encoder, inner-product decoder), AUC and AP";
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS).with(TrainingSettings.EPOCHS, GraphTask.DEFAULT_EPOCHS)
                .with(TrainingSettings.LEARNING_RATE, GraphTask.DEFAULT_LEARNING_RATE);
    }

    /**
     * Loads the graph ({@link GraphData#load}) and builds the run on the run's own threads.
     *
     * @param values values of {@link #settings()}
     * @return the run
     */
    @Override
    public TrainingRun build(SettingValues values) {
        GraphTask.requireFullBatch(values);
        GraphData data = GraphData.load(values);
        RunParts parts = new RunParts(values);
        try {
            return build(values, data, parts);
        } catch (RuntimeException e) {
            parts.gemm().close();
            throw e;
        }
    }

    /**
     * Builds the run on given data and parts.
     *
     * @param values the settings
     * @param data   the graph
     * @param parts  the run's shared parts
     * @return the run
     * @throws IllegalArgumentException if the edge split does not fit the graph
     */
    public TrainingRun build(SettingValues values, GraphData data, RunParts parts) {
        RandomStreams streams = parts.streams();
        LinkSplit split = LinkSplit.of(data.graph(), values.get(GraphAeSettings.VALIDATION_EDGES),
                values.get(GraphAeSettings.TEST_EDGES), streams.stream("data.split"));
        GraphInputs inputs = GraphInputs.of(split.trainGraph());
        Graph model = GraphModels.autoencoder(data.graph().featureCount(), values.get(GraphAeSettings.HIDDEN),
                values.get(GraphAeSettings.EMBEDDING), values.get(GraphAeSettings.INPUT_DROPOUT),
                values.get(GraphAeSettings.DROPOUT), values.get(GraphAeSettings.FEEDBACK_AT), streams.stream("init"),
                streams.stream("dropout"), parts.gemm());
        TrainingRule rule = parts.rule(model, new BinaryCrossEntropy(GraphKeys.PAIR_LABELS));
        LinkBatches train = LinkBatches.training(inputs, streams.stream("data.negatives"));
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), train.batchesPerEpoch());
        Auc validationAuc = new Auc(GraphKeys.PAIR_LABELS);
        Evaluation validation = new Evaluation("validation",
                LinkBatches.fixed(inputs, split.validationPairs(), split.validationLabels()),
                List.of(validationAuc, new AveragePrecision(GraphKeys.PAIR_LABELS)));
        Evaluation test = new Evaluation("test", LinkBatches.fixed(inputs, split.testPairs(), split.testLabels()),
                List.of(new Auc(GraphKeys.PAIR_LABELS), new AveragePrecision(GraphKeys.PAIR_LABELS),
                        new AtBestValidation(validationAuc, "validation", new Auc(GraphKeys.PAIR_LABELS)),
                        new AtBestValidation(validationAuc, "validation", new AveragePrecision(GraphKeys.PAIR_LABELS))));
        DataDescription description = new DataDescription(data.description().note() + "; " + split.description(),
                data.description().files());
        return parts.run(rule, optimizer, train, List.of(new Auc(GraphKeys.PAIR_LABELS)), List.of(validation, test),
                description);
    }
}

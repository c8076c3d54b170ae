package org.opudfa.dfa.task.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.metric.Accuracy;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.EnumSpelling;
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
 * Semi-supervised node classification on a citation graph (the paper's GCN, ChebConv and GAT
 * experiments): full-batch training on the whole graph, the loss on the labelled nodes only,
 * Adam with L2 weight decay; after every epoch the accuracy on the validation and test nodes, and
 * the test accuracy at the best validation accuracy so far
 * ({@code test_accuracy_at_best_validation}, the number to quote). DFA: a feedback point after the
 * first layer's activation, the error at the logits (zero on unlabelled nodes); shallow trains the
 * second layer only.
 *
 * <p>Defaults, as Kipf and Welling's and the DFA paper's BP runs: 200 epochs, learning rate 0.01,
 * weight decay 5e-4 (on every parameter; their code decays the first layer only), dropout 0.5 on
 * the hidden layer and none on the features (as the paper's code); the data is the generated
 * Cora-like graph unless {@code --data} names LINQS files. The {@code batchSize} setting does not
 * apply (every step sees the whole graph).
 *
 * <p>Random streams, derived from the run's seed: {@code "init"} (weights), {@code "dropout"}
 * (feature, hidden and attention dropout), {@code "data.split"} (the standard split), and those
 * of {@link RunParts}. The generated graph has its own seed ({@code graphSeed}), so that it is one
 * fixed data set across the seeds of an experiment.
 */
public final class GraphTask implements Task {

    /** The task. */
    public static final GraphTask INSTANCE = new GraphTask();

    /** Every setting of the task: the shared training settings, the graph data's, the task's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("graph", TrainingSettings.SETTINGS,
            GraphDataSettings.SETTINGS, GraphSettings.SETTINGS, OpuRegistry.SETTINGS);

    /** Epochs by default. */
    public static final int DEFAULT_EPOCHS = 200;
    /** Learning rate by default. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Weight decay by default. */
    public static final double DEFAULT_WEIGHT_DECAY = 5e-4;

    private GraphTask() {
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public String summary() {
        return "node classification (GCN, ChebConv, GAT) on a citation graph: LINQS files, generated or karate";
    }

    @Override
    public List<String> models() {
        return Arrays.stream(GraphModel.values()).map(EnumSpelling::spell).toList();
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS).with(TrainingSettings.EPOCHS, DEFAULT_EPOCHS)
                .with(TrainingSettings.LEARNING_RATE, DEFAULT_LEARNING_RATE)
                .with(TrainingSettings.WEIGHT_DECAY, DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Loads the graph ({@link GraphData#load}) and builds the run on the run's own threads.
     *
     * @param values values of {@link #settings()}
     * @return the run
     */
    @Override
    public TrainingRun build(SettingValues values) {
        requireFullBatch(values);
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
     * Refuses a batch size: full-batch tasks would silently ignore it.
     *
     * @param values the settings
     * @throws IllegalArgumentException if {@code batchSize} was given
     */
    static void requireFullBatch(SettingValues values) {
        if (values.isSet(TrainingSettings.BATCH_SIZE)) {
            throw new IllegalArgumentException("graph tasks train on the whole graph at every step; "
                    + TrainingSettings.BATCH_SIZE.optionName() + " does not apply");
        }
    }

    /**
     * Builds the run on given data and parts.
     *
     * @param values the settings
     * @param data   the graph
     * @param parts  the run's shared parts (threads, streams)
     * @return the run
     * @throws IllegalArgumentException if the split does not fit the graph
     */
    public TrainingRun build(SettingValues values, GraphData data, RunParts parts) {
        CitationGraph graph = data.graph();
        RandomStreams streams = parts.streams();
        NodeSplit split = split(values, graph, streams);
        GraphInputs inputs = GraphInputs.of(graph);
        GraphModel which = values.get(GraphSettings.MODEL);
        GraphModels.Shape shape = new GraphModels.Shape(graph.featureCount(), graph.classCount(),
                values.get(GraphSettings.HIDDEN), values.get(GraphSettings.CHEBYSHEV_ORDER),
                values.get(GraphSettings.HEADS), values.get(GraphSettings.HEAD_WIDTH),
                values.get(GraphSettings.OUTPUT_HEADS), values.get(GraphSettings.INPUT_DROPOUT),
                values.get(GraphSettings.DROPOUT),
                values.get(GraphSettings.ATTENTION_DROPOUT), values.get(GraphSettings.FEEDBACK_AT));
        Graph model = GraphModels.classifier(which, shape, streams.stream("init"), streams.stream("dropout"),
                parts.gemm());
        TrainingRule rule = parts.rule(model, new SoftmaxCrossEntropy(GraphKeys.LABELS));
        WholeGraph train = new WholeGraph(inputs, NodeSplit.labels(graph, split.train()));
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), train.batchesPerEpoch());
        Accuracy validationAccuracy = new Accuracy(GraphKeys.LABELS);
        Evaluation validation = new Evaluation("validation",
                new WholeGraph(inputs, NodeSplit.labels(graph, split.validation())), List.of(validationAccuracy));
        Evaluation test = new Evaluation("test", new WholeGraph(inputs, NodeSplit.labels(graph, split.test())),
                List.of(new Accuracy(GraphKeys.LABELS),
                        new AtBestValidation(validationAccuracy, "validation", new Accuracy(GraphKeys.LABELS))));
        DataDescription description = new DataDescription(data.description().note() + "; " + split.description(),
                data.description().files());
        return parts.run(rule, optimizer, train, List.of(new Accuracy(GraphKeys.LABELS)), List.of(validation, test),
                description);
    }

    private static NodeSplit split(SettingValues values, CitationGraph graph, RandomStreams streams) {
        Path file = values.get(GraphSettings.SPLIT);
        if (file != null) {
            try {
                return NodeSplit.read(file, graph);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the split file " + file + ": " + e.getMessage(), e);
            }
        }
        return NodeSplit.standard(graph, values.get(GraphSettings.TRAIN_PER_CLASS),
                values.get(GraphSettings.VALIDATION_NODES), values.get(GraphSettings.TEST_NODES),
                streams.stream("data.split"));
    }
}

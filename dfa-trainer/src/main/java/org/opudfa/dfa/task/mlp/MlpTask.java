package org.opudfa.dfa.task.mlp;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.metric.Accuracy;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.dfa.task.MemoryEstimate;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.task.Task;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The MLP classifier task (the paper's baseline architecture): hidden blocks
 * {@code Dense → activation}, a feedback point after each, a dense output layer to the classes
 * whose logits are the error point, softmax cross-entropy, accuracy; rows are samples.
 *
 * <p>Random streams, derived from the run's seed: {@code "init"} (weights), {@code "data.shuffle"}
 * (batch order), and those of {@link RunParts} (feedback matrices, the simulated device).
 */
public final class MlpTask implements Task {

    /** The task. */
    public static final MlpTask INSTANCE = new MlpTask();

    /** Every setting of the task: the shared training settings, the MLP's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("mlp", TrainingSettings.SETTINGS,
            MlpSettings.SETTINGS, OpuRegistry.SETTINGS);

    private MlpTask() {
    }

    /**
     * The classifier graph: input {@link RowBatches#FEATURES}, blocks
     * {@code block<l>.dense → block<l>.<activation>} with a feedback point on each block's output,
     * output layer {@code head}.
     *
     * @param inputWidth features per sample
     * @param hidden     widths of the hidden layers, in order; may be empty
     * @param activation the activation after each hidden dense layer
     * @param classes    number of classes (outputs of the head)
     * @param rng        the weight-initialisation stream
     * @param gemm       the matrix product the layers use
     * @return the model; parameters are named {@code block<l>.dense.weight}, …,
     *     {@code head.weight}, {@code head.bias}
     * @throws IllegalArgumentException on a non-positive width
     */
    public static Graph classifier(int inputWidth, int[] hidden, Activation activation, int classes,
                                   UniformRandomProvider rng, Gemm gemm) {
        GraphBuilder g = Graph.builder();
        Tensor h = g.input("features", RowBatches.FEATURES, inputWidth);
        int width = inputWidth;
        for (int l = 0; l < hidden.length; l++) {
            if (hidden[l] < 1) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " must have at least 1 unit, got "
                        + hidden[l]);
            }
            h = g.apply(new Dense("block" + l + ".dense", width, hidden[l], rng, gemm), h);
            h = g.feedback(g.apply(activation.newModule("block" + l + "." + activation.name().toLowerCase()), h));
            width = hidden[l];
        }
        return g.build(g.apply(new Dense("head", width, classes, rng, gemm), h));
    }

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String summary() {
        return "MLP classifier (dense blocks, feedback after each) on Fashion-MNIST or a generated task";
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS);
    }

    /**
     * Loads the data ({@link MlpData#load}, kept for {@link #build}) and estimates the run's heap
     * from its size and the settings (formula in {@link MlpMemory}).
     *
     * @param values values of {@link #settings()}
     * @return the estimate: the data, the network, the batches and DFA's projector
     */
    @Override
    public MemoryEstimate memoryEstimate(SettingValues values) {
        return MlpMemory.estimate(values, MlpData.load(values));
    }

    /**
     * Loads the data ({@link MlpData#load}) and builds the run on the run's own threads.
     *
     * @param values values of {@link #settings()}
     * @return the run
     */
    @Override
    public TrainingRun build(SettingValues values) {
        return build(values, MlpData.load(values), new RunParts(values));
    }

    /**
     * Builds the run on given data and parts.
     *
     * @param values the settings
     * @param data   the training and test sets; their feature count is the input width and their
     *               class count the output width
     * @param parts  the run's shared parts (threads, streams)
     * @return the run
     * @throws IllegalArgumentException if the test set's feature or class count differs from the
     *     training set's
     */
    public TrainingRun build(SettingValues values, MlpData data, RunParts parts) {
        DatasetSplit split = data.split();
        // The model's widths come from the training set; a test set of other widths would only
        // fail at the first evaluation, after a whole epoch of training.
        if (split.heldOut().featureCount() != split.train().featureCount()
                || split.heldOut().numClasses() != split.train().numClasses()) {
            throw new IllegalArgumentException("the test set " + split.heldOut().name() + " must have the training "
                    + "set's " + split.train().featureCount() + " features and " + split.train().numClasses()
                    + " classes, got " + split.heldOut().featureCount() + " features and "
                    + split.heldOut().numClasses() + " classes");
        }
        RandomStreams streams = parts.streams();
        int[] hidden = values.get(MlpSettings.HIDDEN).stream().mapToInt(Integer::intValue).toArray();
        Graph model = classifier(split.train().featureCount(), hidden, values.get(MlpSettings.ACTIVATION),
                split.train().numClasses(), streams.stream("init"), parts.gemm());
        TrainingRule rule = parts.rule(model, new SoftmaxCrossEntropy(RowBatches.LABELS));
        int batchSize = values.get(TrainingSettings.BATCH_SIZE);
        MiniBatches batches = MiniBatches.shuffled(split.train(), batchSize, MiniBatches.LastBatch.KEEP,
                streams.stream("data.shuffle"));
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), batches.batchesPerEpoch());
        Evaluation test = new Evaluation("test", new RowBatches(MiniBatches.sequential(split.heldOut(), batchSize)),
                List.of(new Accuracy(RowBatches.LABELS)));
        return parts.run(rule, optimizer, new RowBatches(batches), List.of(new Accuracy(RowBatches.LABELS)),
                List.of(test), data.description());
    }
}

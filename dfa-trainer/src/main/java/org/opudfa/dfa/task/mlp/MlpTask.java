package org.opudfa.dfa.task.mlp;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.metric.Accuracy;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.task.RunParts;
import org.opudfa.dfa.train.Activation;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingConfig;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The MLP classifier task (the paper's baseline architecture): hidden blocks
 * {@code Dense → activation}, a feedback point after each, a dense output layer to the classes
 * whose logits are the error point, softmax cross-entropy, accuracy; rows are samples.
 *
 * <p>Random streams, all derived from the run's seed: {@code "init"} (weights),
 * {@code "data.shuffle"} (batch order), {@code "feedback"} (the exact projector's B and FA's
 * matrices), {@code "opu"} (the simulated device's medium and noise).
 */
public final class MlpTask {

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
        Graph.Builder g = Graph.builder();
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

    /**
     * Builds the run a configuration describes on a data split.
     *
     * @param config the configuration
     * @param data   the training and test sets; their feature count is the input width and their
     *               class count the output width
     * @param gemm   the matrix product and thread team, owned and closed by the run
     * @return the run
     * @throws IllegalArgumentException if the test set's feature or class count differs from the
     *     training set's
     */
    public static TrainingRun build(TrainingConfig config, DatasetSplit data, Gemm gemm) {
        // The model's widths come from the training set; a test set of other widths would only
        // fail at the first evaluation, after a whole epoch of training.
        if (data.heldOut().featureCount() != data.train().featureCount()
                || data.heldOut().numClasses() != data.train().numClasses()) {
            throw new IllegalArgumentException("the test set " + data.heldOut().name() + " must have the training set's "
                    + data.train().featureCount() + " features and " + data.train().numClasses() + " classes, got "
                    + data.heldOut().featureCount() + " features and " + data.heldOut().numClasses() + " classes");
        }
        RandomStreams streams = RandomStreams.of(config.seed());
        Graph model = classifier(data.train().featureCount(), config.hidden(), config.activation(),
                data.train().numClasses(), streams.stream("init"), gemm);
        RandomProjector[] projector = new RandomProjector[1];
        TrainingRule rule = config.method().newRule(model, new SoftmaxCrossEntropy(RowBatches.LABELS),
                config.feedbackLayout(), config.feedbackScale(),
                shape -> projector[0] = RunParts.projector(shape, config.projector(), config.feedbackDistribution(),
                        config.opu(), config.seed(), gemm),
                streams.stream("feedback"));
        MiniBatches batches = MiniBatches.shuffled(data.train(), config.batchSize(), MiniBatches.LastBatch.KEEP,
                streams.stream("data.shuffle"));
        Optimizer optimizer = RunParts.optimizer(config.optimizer(), config.learningRate(), config.momentum(),
                config.weightDecay(), config.schedule(), (long) batches.batchesPerEpoch() * config.epochs(),
                rule.trainedParameters());
        Evaluation test = new Evaluation("test", new RowBatches(MiniBatches.sequential(data.heldOut(),
                config.batchSize())), List.of(new Accuracy(RowBatches.LABELS)));
        return new TrainingRun(rule, optimizer, new RowBatches(batches), List.of(new Accuracy(RowBatches.LABELS)),
                List.of(test), projector[0], config.epochs(), config.alignmentEvery(), config.describe(), gemm);
    }
}

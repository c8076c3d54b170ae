package org.opudfa.experiments.bench;

import java.util.Objects;

import org.opudfa.dfa.data.Batch;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.optim.Adam;
import org.opudfa.dfa.optim.AdamConfig;
import org.opudfa.dfa.optim.LearningRateSchedule;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.rule.Backpropagation;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.FeedbackAlignment;
import org.opudfa.dfa.rule.Shallow;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.train.Mlp;
import org.opudfa.dfa.train.Trainer;
import org.opudfa.dfa.train.TrainingConfig;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * One training step of the MLP a {@link TrainingConfig} describes, as a task for
 * {@link BenchTimer}: fetch the next shuffled mini-batch, compute the rule's gradients
 * ({@link TrainingRule#step}) and apply one Adam update. This is the loop body of
 * {@link Trainer} without its bookkeeping (accuracy, alignment, evaluation), so its time per
 * step is the training cost of the method.
 *
 * <p>The network, the DFA projector (exact or simulated OPU, by the configuration's projector
 * kind) and the batch order come from the configuration's seed as in {@link Trainer}. The
 * optimizer is always Adam with a constant learning rate, {@link TrainingConfig#learningRate()}.
 * A step allocates nothing beyond what the rule and optimizer allocate; a new epoch starts when
 * the batches run out.
 */
public final class TrainingStep implements Runnable, AutoCloseable {

    private final Gemm gemm;
    private final Network network;
    private final TrainingRule rule;
    private final Optimizer optimizer;
    private final MiniBatches batches;
    private final Batch batch;
    private double lastLoss = Double.NaN;

    /**
     * @param config the network, method, projector kind, batch size, learning rate, seed and threads
     * @param train  the training set; its feature and class counts set the network's widths
     * @throws IllegalArgumentException if the training set is smaller than one batch
     */
    public TrainingStep(TrainingConfig config, Dataset train) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(train, "train");
        if (train.size() < config.batchSize()) {
            throw new IllegalArgumentException("the training set must hold at least one batch of "
                    + config.batchSize() + " samples, got " + train.size());
        }
        RandomStreams streams = RandomStreams.of(config.seed());
        this.gemm = Gemm.withThreads(config.threads());
        this.network = Mlp.classifier(train.featureCount(), config.hidden(), config.activation(), train.numClasses(),
                streams.stream("init"), gemm);
        this.rule = switch (config.method()) {
            case BP -> new Backpropagation(network);
            case DFA -> {
                RandomProjector projector = Trainer.buildProjector(config, network, gemm);
                yield new DirectFeedbackAlignment(network, projector, config.feedbackLayout(), config.feedbackScale());
            }
            case FA -> new FeedbackAlignment(network, streams.stream("feedback"));
            case SHALLOW -> new Shallow(network);
        };
        this.optimizer = new Adam(rule.trainedParameters(), AdamConfig.adam(),
                LearningRateSchedule.constant(config.learningRate()));
        this.batches = MiniBatches.shuffled(train, config.batchSize(), MiniBatches.LastBatch.DROP,
                streams.stream("data.shuffle"));
        this.batch = batches.newBatch();
    }

    /** Runs one step: next batch, gradients, one optimizer update. */
    @Override
    public void run() {
        if (!batches.next(batch)) {
            batches.next(batch);
        }
        lastLoss = rule.step(batch.features(), batch.targets());
        optimizer.step();
    }

    /** @return the rule's short name, e.g. {@code "dfa"} */
    public String ruleName() {
        return rule.name();
    }

    /** @return the samples each step trains on (the batch size) */
    public int samplesPerStep() {
        return batches.batchSize();
    }

    /** @return optimizer steps taken so far */
    public long steps() {
        return optimizer.stepCount();
    }

    /** @return the mean batch loss of the last step, NaN before the first */
    public double lastLoss() {
        return lastLoss;
    }

    /** Stops the matrix product's worker threads. */
    @Override
    public void close() {
        gemm.close();
    }
}

package org.opudfa.dfa.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.Batch;
import org.opudfa.dfa.data.ConfusionMatrix;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.Adam;
import org.opudfa.dfa.optim.AdamConfig;
import org.opudfa.dfa.optim.LearningRateSchedule;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.optim.Sgd;
import org.opudfa.dfa.optim.SgdConfig;
import org.opudfa.dfa.rule.Backpropagation;
import org.opudfa.dfa.rule.DirectFeedbackAlignment;
import org.opudfa.dfa.rule.FeedbackAlignment;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.rule.Shallow;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Trains an MLP classifier as a {@link TrainingConfig} says: builds the network, the training
 * rule (with its projector for DFA), the optimizer and the seeded data order, then runs epochs,
 * evaluating on the test set after each and, when asked, writing a checkpoint after each.
 *
 * <p>Random streams, all derived from the configuration's seed: {@code "init"} (weights),
 * {@code "data.shuffle"} (batch order), {@code "feedback"} (the exact projector's B and FA's
 * matrices); the simulated OPU derives its medium and noise from the same seed.
 *
 * <p>A run resumed from a checkpoint ({@link #restore}) continues exactly as the uninterrupted
 * run would have: same batches, same updates, same noise (the OPU's state travels in the
 * checkpoint), same metrics.
 */
public final class Trainer implements AutoCloseable {

    private final TrainingConfig config;
    private final DatasetSplit data;
    private final Gemm gemm;
    private final Network network;
    private final RandomProjector projector;
    private final TrainingRule rule;
    private final Optimizer optimizer;
    private final MiniBatches batches;
    private final Batch batch;
    private final Batch evalBatch;
    private final MiniBatches evalBatches;
    private final double[] cosines;
    private final int[] alignedWeights;
    private final DivergenceGuard divergence;
    private final List<EpochMetrics> history = new ArrayList<>();
    private int epochsDone;

    /**
     * @param config the run's configuration
     * @param data   the training and test sets; their feature count is the network's input width
     *               and their class count its output width
     * @throws IllegalArgumentException if the test set's feature or class count differs from the
     *     training set's
     */
    public Trainer(TrainingConfig config, DatasetSplit data) {
        this(config, data, Gemm.withThreads(config.threads()));
    }

    /**
     * @param config the run's configuration
     * @param data   the training and test sets
     * @param gemm   the matrix product to use, owned and closed by the trainer (lets tests pick a kernel)
     */
    Trainer(TrainingConfig config, DatasetSplit data, Gemm gemm) {
        this.config = Objects.requireNonNull(config, "config");
        this.data = Objects.requireNonNull(data, "data");
        Dataset train = data.train();
        Dataset test = data.heldOut();
        // The network's widths come from the training set; a test set of other widths would only
        // fail at the first evaluation, after a whole epoch of training.
        if (test.featureCount() != train.featureCount() || test.numClasses() != train.numClasses()) {
            throw new IllegalArgumentException("the test set " + test.name() + " must have the training set's "
                    + train.featureCount() + " features and " + train.numClasses() + " classes, got "
                    + test.featureCount() + " features and " + test.numClasses() + " classes");
        }
        this.gemm = gemm;
        RandomStreams streams = RandomStreams.of(config.seed());
        this.network = Mlp.classifier(train.featureCount(), config.hidden(), config.activation(), train.numClasses(),
                streams.stream("init"), gemm);
        this.projector = config.method() == Method.DFA ? buildProjector(config, network, gemm) : null;
        this.rule = switch (config.method()) {
            case BP -> new Backpropagation(network);
            case DFA -> new DirectFeedbackAlignment(network, projector, config.feedbackLayout(), config.feedbackScale());
            case FA -> new FeedbackAlignment(network, streams.stream("feedback"));
            case SHALLOW -> new Shallow(network);
        };
        this.batches = MiniBatches.shuffled(train, config.batchSize(), MiniBatches.LastBatch.KEEP,
                streams.stream("data.shuffle"));
        this.optimizer = buildOptimizer(config, rule.trainedParameters(), batches.batchesPerEpoch());
        this.batch = batches.newBatch();
        this.evalBatches = MiniBatches.sequential(data.heldOut(), config.batchSize());
        this.evalBatch = evalBatches.newBatch();
        List<Parameter> hidden = network.hiddenParameters();
        this.cosines = new double[hidden.size()];
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i).name().endsWith(".weight")) {
                weights.add(i);
            }
        }
        this.alignedWeights = weights.stream().mapToInt(Integer::intValue).toArray();
        // The MLP's loss is softmax cross-entropy over the training set's classes.
        this.divergence = new DivergenceGuard(DivergenceGuard.softmaxCrossEntropyBound(train.numClasses()));
    }

    /**
     * Builds the projector DFA needs for this network: the exact {@link DenseProjector} with B drawn
     * from the stream {@code "feedback"}, or an {@link OpuProjector} whose medium and noise derive
     * from the run's seed and which projects the rows of a batch on the gemm's threads.
     *
     * @param config  the run's configuration
     * @param network the network DFA will train
     * @param gemm    the run's matrix product and thread team, used by either projector
     * @return the projector, of the dimensions DFA needs
     */
    public static RandomProjector buildProjector(TrainingConfig config, Network network, Gemm gemm) {
        ProjectorShape shape = DirectFeedbackAlignment.projectorShape(network, config.feedbackLayout());
        if (config.projector() == ProjectorKind.EXACT) {
            return DenseProjector.random(shape.outputDimension(), shape.inputDimension(),
                    config.feedbackDistribution(), 1.0, RandomStreams.of(config.seed()).derive("feedback"), gemm);
        }
        OpuConfig.Builder opu = config.opu() == null
                ? OpuConfig.builder(shape.inputDimension(), shape.outputDimension())
                : config.opu().toBuilder();
        return new OpuProjector(opu.inputDimension(shape.inputDimension()).outputDimension(shape.outputDimension())
                .seed(RandomStreams.of(config.seed()).derive("opu")).build(), gemm);
    }

    private static Optimizer buildOptimizer(TrainingConfig config, List<Parameter> params, int stepsPerEpoch) {
        long total = (long) stepsPerEpoch * config.epochs();
        LearningRateSchedule schedule = switch (config.schedule()) {
            case CONSTANT -> LearningRateSchedule.constant(config.learningRate());
            case STEP -> LearningRateSchedule.stepDecay(config.learningRate(), 0.5, Math.max(1, total / 4));
            case COSINE -> LearningRateSchedule.cosine(config.learningRate(), 0.0, Math.max(1, total));
        };
        return switch (config.optimizer()) {
            case ADAM -> new Adam(params, weightDecayed(AdamConfig.adam(), config.weightDecay()), schedule);
            case ADAMW -> new Adam(params, AdamConfig.adamW(config.weightDecay()), schedule);
            case SGD -> new Sgd(params, new SgdConfig(config.momentum(), false, config.weightDecay()), schedule);
        };
    }

    private static AdamConfig weightDecayed(AdamConfig adam, double weightDecay) {
        return new AdamConfig(adam.beta1(), adam.beta2(), adam.epsilon(), weightDecay, false);
    }

    /** @return the configuration */
    public TrainingConfig config() {
        return config;
    }

    /** @return the network being trained */
    public Network network() {
        return network;
    }

    /** @return the training rule */
    public TrainingRule rule() {
        return rule;
    }

    /** @return DFA's projector, or null for other methods */
    public RandomProjector projector() {
        return projector;
    }

    /** @return epochs completed so far (including those restored from a checkpoint) */
    public int epochsDone() {
        return epochsDone;
    }

    /** @return the metrics of the epochs completed so far */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /**
     * Runs the remaining epochs, up to {@link TrainingConfig#epochs()}.
     *
     * @param listener   receives progress
     * @param checkpoint where to write a checkpoint after each epoch, or null for none
     * @return the metrics of every epoch of the run
     * @throws TrainingDivergedException if a loss becomes NaN or infinite or explodes
     *     ({@link DivergenceGuard}); no checkpoint is written for the failing epoch
     */
    public List<EpochMetrics> run(TrainingListener listener, Path checkpoint) {
        while (epochsDone < config.epochs()) {
            EpochMetrics m = trainEpoch(listener);
            history.add(m);
            epochsDone++;
            if (checkpoint != null) {
                checkpoint().write(checkpoint);
            }
            listener.onEpoch(m);
        }
        return history();
    }

    private EpochMetrics trainEpoch(TrainingListener listener) {
        int epoch = epochsDone + 1;
        int perEpoch = batches.batchesPerEpoch();
        ProjectionCost before = projector == null ? ProjectionCost.ZERO : projector.cost();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        double[] alignmentSums = new double[alignedWeights.length];
        int alignmentCount = 0;
        long trainNanos = 0;
        int b = 0;
        while (true) {
            long start = System.nanoTime();
            if (!batches.next(batch)) {
                break;
            }
            double loss = rule.step(batch.features(), batch.targets());
            long step = optimizer.stepCount() + 1;
            if (divergence.diverges(loss)) {
                throw new TrainingDivergedException(step, epoch, loss, divergence.threshold());
            }
            FMatrixRMaj prediction = rule.prediction();
            int rows = batch.size();
            int[] labels = batch.labels();
            for (int r = 0; r < rows; r++) {
                if (ConfusionMatrix.argmax(prediction, r) == labels[r]) {
                    correct++;
                }
            }
            boolean measure = config.alignmentEvery() > 0 && config.method() != Method.BP
                    && config.method() != Method.SHALLOW && (step - 1) % config.alignmentEvery() == 0;
            long pause = 0;
            if (measure) {
                long t = System.nanoTime();
                rule.measureAlignment(cosines);
                for (int i = 0; i < alignedWeights.length; i++) {
                    alignmentSums[i] += cosines[alignedWeights[i]];
                }
                alignmentCount++;
                pause = System.nanoTime() - t;
            }
            optimizer.step();
            trainNanos += System.nanoTime() - start - pause;
            lossSum += loss * rows;
            seen += rows;
            b++;
            listener.onBatch(epoch, b, perEpoch, loss);
        }
        List<Double> alignment = new ArrayList<>();
        if (alignmentCount > 0) {
            for (double s : alignmentSums) {
                alignment.add(s / alignmentCount);
            }
        }
        double[] test = evaluate(data.heldOut());
        ProjectionCost cost = projector == null ? ProjectionCost.ZERO : projector.cost();
        double seconds = trainNanos * 1e-9;
        return new EpochMetrics(epoch, optimizer.stepCount(), lossSum / seen, (double) correct / seen, test[0], test[1],
                List.copyOf(alignment), seen / seconds, seconds, cost.frames() - before.frames(),
                cost.deviceSeconds() - before.deviceSeconds(), cost.deviceJoules() - before.deviceJoules());
    }

    /**
     * Evaluates the network (inference mode) on a dataset.
     *
     * @param set the dataset, with the training set's feature and class counts
     * @return {mean loss, accuracy}
     */
    public double[] evaluate(Dataset set) {
        MiniBatches sequential = set == data.heldOut() ? evalBatches : MiniBatches.sequential(set, config.batchSize());
        Batch buffer = set == data.heldOut() ? evalBatch : sequential.newBatch();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        while (sequential.next(buffer)) {
            FMatrixRMaj prediction = network.forward(buffer.features(), false);
            int rows = buffer.size();
            lossSum += network.loss().value(prediction, buffer.targets()) * rows;
            int[] labels = buffer.labels();
            for (int r = 0; r < rows; r++) {
                if (ConfusionMatrix.argmax(prediction, r) == labels[r]) {
                    correct++;
                }
            }
            seen += rows;
        }
        return new double[] {lossSum / seen, (double) correct / seen};
    }

    /**
     * @return a checkpoint of the run as it is now (between epochs); with the simulated OPU it
     *     holds the projector's state ({@link OpuProjector#saveState()}), so that the device's
     *     clock, noise and calibration resume where they were
     */
    public Checkpoint checkpoint() {
        Map<String, float[]> params = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            params.put(p.name(), java.util.Arrays.copyOf(p.value().data, p.size()));
        }
        byte[] projectorState = projector instanceof OpuProjector opu ? opu.saveState() : new byte[0];
        return new Checkpoint(config.describe(), epochsDone, List.copyOf(history), params, optimizer.exportState(),
                batches.saveState(), projectorState);
    }

    /**
     * Continues from a checkpoint written by a run of the same configuration (only the number of
     * epochs and the thread count may differ). A run interrupted after an epoch and restored with the same configuration
     * continues exactly as if it had not stopped. A finished run restored with more epochs continues
     * from its last state; with the step or cosine schedule, which are laid out over the configured
     * number of epochs, its learning rates from then on follow the longer schedule, so it matches a
     * run started with the larger epoch count only for the constant schedule.
     *
     * <p>With the simulated OPU the projector's state is restored as well, so the resumed run
     * sees the same drift, noise and calibrations. When the configuration, a parameter or the
     * projector's state does not fit, the trainer is left unchanged.
     *
     * @param checkpoint the checkpoint
     * @throws IllegalArgumentException if it was written by a different configuration or network, or
     *                                  its projector state does not fit this run's OPU projector
     */
    public void restore(Checkpoint checkpoint) {
        Map<String, Object> mine = new LinkedHashMap<>(config.describe());
        Map<String, Object> theirs = new LinkedHashMap<>(checkpoint.configuration());
        // The thread count does not change the numbers (the GEMM partitions work so that every
        // output element has one summation order), so a run may resume with another.
        for (String free : new String[] {"epochs", "threads"}) {
            mine.remove(free);
            theirs.remove(free);
        }
        for (Map.Entry<String, Object> e : mine.entrySet()) {
            Object other = theirs.get(e.getKey());
            if (!String.valueOf(e.getValue()).equals(String.valueOf(other))) {
                throw new IllegalArgumentException("the checkpoint was written with " + e.getKey() + " = " + other
                        + ", but this run has " + e.getKey() + " = " + e.getValue()
                        + "; resume with the same settings (only --epochs and --threads may change)");
            }
        }
        // Check every parameter before copying any, so a checkpoint that does not fit leaves the
        // network as it was instead of half overwritten.
        for (Parameter p : network.parameters()) {
            float[] values = checkpoint.parameters().get(p.name());
            if (values == null || values.length != p.size()) {
                throw new IllegalArgumentException("the checkpoint has no parameter '" + p.name() + "' of "
                        + p.size() + " values");
            }
        }
        // The projector checks its whole state before changing anything, so a state that does not
        // fit is refused here, before the rest of the trainer is touched.
        if (projector instanceof OpuProjector opu) {
            opu.restoreState(checkpoint.projectorState());
        }
        optimizer.importState(checkpoint.optimizer());
        batches.restoreState(checkpoint.batches());
        for (Parameter p : network.parameters()) {
            float[] values = checkpoint.parameters().get(p.name());
            System.arraycopy(values, 0, p.value().data, 0, values.length);
        }
        history.clear();
        history.addAll(checkpoint.history());
        epochsDone = checkpoint.epochsDone();
    }

    /** Releases the compute threads. */
    @Override
    public void close() {
        gemm.close();
    }
}

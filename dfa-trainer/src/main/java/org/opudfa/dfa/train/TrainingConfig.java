package org.opudfa.dfa.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.OpuConfig;

/**
 * Everything that defines a training run of an MLP classifier. Immutable and validated when
 * built: a bad value throws {@link IllegalArgumentException} naming the field and its allowed
 * range. Two runs with equal configurations produce identical numbers.
 *
 * @param dataset          which data to train on
 * @param dataFolder       where Fashion-MNIST lives, or null for the default locations
 * @param trainLimit       use only the first N training samples (0 = all)
 * @param testLimit        use only the first N test samples (0 = all)
 * @param standardise      shift and scale every feature by the mean and standard deviation of all
 *                         training features ({@code x' = (x − μ)/σ}, one μ and σ for the whole set,
 *                         the usual image normalisation), or train on the raw features
 * @param hidden           widths of the hidden layers
 * @param activation       the hidden activation
 * @param method           the training rule
 * @param projector        what computes DFA's projection (ignored by other methods)
 * @param feedbackDistribution distribution of the exact projector's matrix B
 * @param feedbackLayout   one shared projection sliced per block, or one slice per block
 * @param feedbackScale    the factor applied to the projection
 * @param opu              the simulated OPU's settings when {@code projector} is OPU (its input and
 *                         output dimensions and seed are set by the trainer), or null for defaults
 * @param epochs           passes over the training set
 * @param batchSize        samples per step
 * @param optimizer        the optimizer
 * @param learningRate     the initial learning rate
 * @param momentum         SGD momentum (ignored by Adam)
 * @param weightDecay      weight decay: an L2 penalty on the gradient (SGD, Adam) or decoupled
 *                         decay (AdamW)
 * @param schedule         the learning-rate schedule
 * @param seed             the root seed of every random stream of the run
 * @param threads          compute threads
 * @param alignmentEvery   measure gradient alignment every N steps (0 = never)
 */
public record TrainingConfig(DatasetChoice dataset, Path dataFolder, int trainLimit, int testLimit,
                             boolean standardise, int[] hidden,
                             Activation activation, Method method, ProjectorKind projector,
                             Distribution feedbackDistribution, FeedbackLayout feedbackLayout,
                             FeedbackScale feedbackScale, OpuConfig opu, int epochs, int batchSize,
                             OptimizerKind optimizer, double learningRate, double momentum, double weightDecay,
                             ScheduleKind schedule, long seed, int threads, int alignmentEvery) {

    /** Training samples of the synthetic task. */
    public static final int SYNTHETIC_TRAIN_SIZE = 20_000;
    /** Test samples of the synthetic task. */
    public static final int SYNTHETIC_TEST_SIZE = 5_000;

    /**
     * @throws IllegalArgumentException if a field is out of range
     */
    public TrainingConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(projector, "projector");
        Objects.requireNonNull(feedbackDistribution, "feedbackDistribution");
        Objects.requireNonNull(feedbackLayout, "feedbackLayout");
        Objects.requireNonNull(feedbackScale, "feedbackScale");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        hidden = hidden.clone();
        atLeast("train limit", trainLimit, 0);
        atLeast("test limit", testLimit, 0);
        for (int h : hidden) {
            atLeast("every hidden width", h, 1);
        }
        if ((method == Method.DFA || method == Method.FA) && hidden.length == 0) {
            throw new IllegalArgumentException("method " + method.name().toLowerCase()
                    + " needs at least one hidden layer, got none");
        }
        atLeast("epochs", epochs, 1);
        atLeast("batch size", batchSize, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a non-negative finite number, got " + weightDecay);
        }
        atLeast("threads", threads, 1);
        atLeast("alignment interval", alignmentEvery, 0);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
        }
    }

    /** @return a copy of the hidden widths */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * The defaults of {@code opu-dfa train}: DFA through the simulated OPU, MLP 784-1024-1024-10 with
     * tanh, Adam at 1e-4, batch 128, 10 epochs, seed 0, alignment measured every 50 steps.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataset = dataset;
        b.dataFolder = dataFolder;
        b.trainLimit = trainLimit;
        b.testLimit = testLimit;
        b.standardise = standardise;
        b.hidden = hidden.clone();
        b.activation = activation;
        b.method = method;
        b.projector = projector;
        b.feedbackDistribution = feedbackDistribution;
        b.feedbackLayout = feedbackLayout;
        b.feedbackScale = feedbackScale;
        b.opu = opu;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.schedule = schedule;
        b.seed = seed;
        b.threads = threads;
        b.alignmentEvery = alignmentEvery;
        return b;
    }

    /**
     * @return every field by name, in declaration order, with enums in lower case and the OPU
     *     settings expanded; for provenance records and checkpoints
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", lower(dataset));
        m.put("dataFolder", dataFolder == null ? null : dataFolder.toString());
        m.put("trainLimit", trainLimit);
        m.put("testLimit", testLimit);
        m.put("standardise", standardise);
        m.put("hidden", Arrays.toString(hidden));
        m.put("activation", lower(activation));
        m.put("method", lower(method));
        m.put("projector", lower(projector));
        m.put("feedbackDistribution", lower(feedbackDistribution));
        m.put("feedbackLayout", lower(feedbackLayout));
        m.put("feedbackScale", lower(feedbackScale));
        m.put("opu", method == Method.DFA && projector == ProjectorKind.OPU
                ? String.valueOf(opu == null ? "defaults" : opu) : null);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("optimizer", lower(optimizer));
        m.put("learningRate", learningRate);
        m.put("momentum", momentum);
        m.put("weightDecay", weightDecay);
        m.put("schedule", lower(schedule));
        m.put("seed", seed);
        m.put("threads", threads);
        m.put("alignmentEvery", alignmentEvery);
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase().replace('_', '-');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig t && describe().equals(t.describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return "TrainingConfig" + describe();
    }

    /** A mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private DatasetChoice dataset = DatasetChoice.AUTO;
        private Path dataFolder;
        private int trainLimit;
        private int testLimit;
        private boolean standardise = true;
        private int[] hidden = {1024, 1024};
        private Activation activation = Activation.TANH;
        private Method method = Method.DFA;
        private ProjectorKind projector = ProjectorKind.OPU;
        private Distribution feedbackDistribution = Distribution.GAUSSIAN;
        private FeedbackLayout feedbackLayout = FeedbackLayout.SHARED;
        private FeedbackScale feedbackScale = FeedbackScale.INVERSE_SQRT_SIZE;
        private OpuConfig opu;
        private int epochs = 10;
        private int batchSize = 128;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 1e-4;
        private double momentum = 0.9;
        private double weightDecay;
        private ScheduleKind schedule = ScheduleKind.CONSTANT;
        private long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int alignmentEvery = 50;

        private Builder() {
        }

        /** @param v which data @return this builder */
        public Builder dataset(DatasetChoice v) { dataset = v; return this; }
        /** @param v the Fashion-MNIST folder, or null @return this builder */
        public Builder dataFolder(Path v) { dataFolder = v; return this; }
        /** @param v training samples to use (0 = all) @return this builder */
        public Builder trainLimit(int v) { trainLimit = v; return this; }
        /** @param v test samples to use (0 = all) @return this builder */
        public Builder testLimit(int v) { testLimit = v; return this; }
        /** @param v whether to standardise the features (default true) @return this builder */
        public Builder standardise(boolean v) { standardise = v; return this; }
        /** @param v hidden widths @return this builder */
        public Builder hidden(int... v) { hidden = v.clone(); return this; }
        /** @param v the activation @return this builder */
        public Builder activation(Activation v) { activation = v; return this; }
        /** @param v the training rule @return this builder */
        public Builder method(Method v) { method = v; return this; }
        /** @param v the projector kind @return this builder */
        public Builder projector(ProjectorKind v) { projector = v; return this; }
        /** @param v distribution of the exact B @return this builder */
        public Builder feedbackDistribution(Distribution v) { feedbackDistribution = v; return this; }
        /** @param v the feedback layout @return this builder */
        public Builder feedbackLayout(FeedbackLayout v) { feedbackLayout = v; return this; }
        /** @param v the feedback scale @return this builder */
        public Builder feedbackScale(FeedbackScale v) { feedbackScale = v; return this; }
        /** @param v OPU settings, or null for defaults @return this builder */
        public Builder opu(OpuConfig v) { opu = v; return this; }
        /** @param v epochs @return this builder */
        public Builder epochs(int v) { epochs = v; return this; }
        /** @param v batch size @return this builder */
        public Builder batchSize(int v) { batchSize = v; return this; }
        /** @param v the optimizer @return this builder */
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        /** @param v the learning rate @return this builder */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** @param v SGD momentum @return this builder */
        public Builder momentum(double v) { momentum = v; return this; }
        /** @param v weight decay @return this builder */
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        /** @param v the schedule @return this builder */
        public Builder schedule(ScheduleKind v) { schedule = v; return this; }
        /** @param v the root seed @return this builder */
        public Builder seed(long v) { seed = v; return this; }
        /** @param v compute threads @return this builder */
        public Builder threads(int v) { threads = v; return this; }
        /** @param v alignment interval in steps (0 = never) @return this builder */
        public Builder alignmentEvery(int v) { alignmentEvery = v; return this; }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException if a field is out of range
         */
        public TrainingConfig build() {
            return new TrainingConfig(dataset, dataFolder, trainLimit, testLimit, standardise, hidden, activation, method,
                    projector, feedbackDistribution, feedbackLayout, feedbackScale, opu, epochs, batchSize,
                    optimizer, learningRate, momentum, weightDecay, schedule, seed, threads, alignmentEvery);
        }
    }
}

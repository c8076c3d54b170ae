package org.opudfa.dfa.task;

import org.opudfa.dfa.optim.OptimizerKind;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.dfa.rule.FeedbackScale;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.kernel.Gemm;

/**
 * The settings every task shares, declared once: the training rule and DFA's feedback, the
 * optimisation, the seed, threads and alignment measurement. A task composes them with its own
 * and the OPU's ({@link org.opudfa.dfa.settings.OpuRegistry}) and may give them other defaults.
 */
public final class TrainingSettings {

    /** The training rule. */
    public static final Setting<Method> METHOD = Setting.of("method",
            "training rule (fa: feedback alignment; shallow: only what lies above the feedback points learns)",
            SettingType.choice(Method.class), Method.DFA);
    /** What computes DFA's projection. */
    public static final Setting<ProjectorKind> PROJECTOR = Setting.of("projector",
            "what computes DFA's projection: the simulated device or exact arithmetic", SettingType.choice(ProjectorKind.class),
            ProjectorKind.OPU);
    /** Entries of the exact projector's matrix. */
    public static final Setting<Distribution> FEEDBACK_DISTRIBUTION = Setting.of("feedbackDistribution",
            "distribution of the entries of the exact projector's B", SettingType.choice(Distribution.class),
            Distribution.GAUSSIAN);
    /** How feedback points share the projection. */
    public static final Setting<FeedbackLayout> FEEDBACK_LAYOUT = Setting.of("feedbackLayout",
            "one projection sliced for every feedback point (shared) or one slice per point (separate)",
            SettingType.choice(FeedbackLayout.class), FeedbackLayout.SHARED);
    /** The projection's scale. */
    public static final Setting<FeedbackScale> FEEDBACK_SCALE = Setting.of("feedbackScale",
            "factor on the projection: none, or 1/sqrt of the projection size", SettingType.choice(FeedbackScale.class),
            FeedbackScale.INVERSE_SQRT_SIZE);
    /** Passes over the training data. */
    public static final Setting<Integer> EPOCHS = Setting.of("epochs", "passes over the training data",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 10);
    /** Items per step. */
    public static final Setting<Integer> BATCH_SIZE = Setting.of("batchSize", "samples per step",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 128).alsoSpelled("--batch");
    /** The optimizer. */
    public static final Setting<OptimizerKind> OPTIMIZER = Setting.of("optimizer", "the optimizer",
            SettingType.choice(OptimizerKind.class), OptimizerKind.ADAM);
    /** The initial learning rate. */
    public static final Setting<Double> LEARNING_RATE = Setting.of("learningRate", "initial learning rate",
            SettingType.realNumber(RealRange.greaterThan(0)), 1e-4).alsoSpelled("--lr");
    /** SGD momentum. */
    public static final Setting<Double> MOMENTUM = Setting.of("momentum", "SGD momentum",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.9);
    /** Weight decay. */
    public static final Setting<Double> WEIGHT_DECAY = Setting.of("weightDecay",
            "weight decay: L2 for sgd and adam, decoupled for adamw", SettingType.realNumber(RealRange.atLeast(0)),
            0.0);
    /** The learning-rate schedule. */
    public static final Setting<ScheduleKind> SCHEDULE = Setting.of("schedule",
            "learning-rate schedule: constant, step (halve every quarter), cosine (to 0), plateau (cut by 5 after "
                    + "2 epochs without progress) or exponential (to a tenth)", SettingType.choice(ScheduleKind.class),
            ScheduleKind.CONSTANT);
    /** The root seed. */
    public static final Setting<Long> SEED = Setting.of("seed", "root seed of every random stream of the run",
            SettingType.longNumber(Long.MIN_VALUE, Long.MAX_VALUE), 0L);
    /** Compute threads; unset means every available processor. */
    public static final Setting<Integer> THREADS = Setting.optional("threads",
            "compute threads (unset: the available processors)", SettingType.wholeNumber(1, Gemm.MAX_THREADS));
    /**
     * Whether DFA's backward pass runs the segments below its feedback points concurrently on the
     * run's threads (layer-parallel DFA). The gradients, and so the whole run, are bit for bit
     * those of the sequential pass; only the speed changes. BP and FA do not cut the backward pass
     * at the feedback points, and under shallow nothing below them learns, so they ignore it.
     */
    public static final Setting<Boolean> PARALLEL_BLOCKS = Setting.of("parallelBlocks",
            "DFA: backpropagate the blocks below the feedback points concurrently on the compute threads "
                    + "(same results; bp, fa and shallow ignore it)", SettingType.onOff(), false);
    /** Steps between alignment measurements. */
    public static final Setting<Integer> ALIGNMENT_EVERY = Setting.of("alignmentEvery",
            "measure DFA/FA gradient alignment every N steps, 0 = never", SettingType.wholeNumber(0, Integer.MAX_VALUE),
            50);

    /** The shared settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("training", METHOD, PROJECTOR,
            FEEDBACK_DISTRIBUTION, FEEDBACK_LAYOUT, FEEDBACK_SCALE, EPOCHS, BATCH_SIZE, OPTIMIZER, LEARNING_RATE,
            MOMENTUM, WEIGHT_DECAY, SCHEDULE, SEED, THREADS, PARALLEL_BLOCKS, ALIGNMENT_EVERY);

    private TrainingSettings() {
    }

    /**
     * @param threads the value of {@link #THREADS}, or null
     * @return the threads to run on: the value, or every available processor when unset
     */
    public static int threads(Integer threads) {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}

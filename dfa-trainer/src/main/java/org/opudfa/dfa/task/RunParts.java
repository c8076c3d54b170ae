package org.opudfa.dfa.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

import org.opudfa.dfa.data.BatchSource;
import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.optim.Adam;
import org.opudfa.dfa.optim.AdamConfig;
import org.opudfa.dfa.optim.LearningRateSchedule;
import org.opudfa.dfa.optim.Optimizer;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.optim.Sgd;
import org.opudfa.dfa.optim.SgdConfig;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.rule.ProjectorShape;
import org.opudfa.dfa.rule.TrainingRule;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.train.EarlyStopping;
import org.opudfa.dfa.train.Evaluation;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuMemory;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The parts every task builds the same way from the {@link TrainingSettings}: the run's compute
 * threads, its seeded random streams, the training rule with DFA's projector, the optimizer with
 * its learning-rate schedule, and the {@link TrainingRun} itself. A task makes one per run, builds
 * its model, loss and data, and asks this for the rest.
 *
 * <p>Random streams, all derived from the run's seed: {@code "feedback"} (the exact projector's
 * B and FA's matrices), {@code "opu"} (the simulated device's medium and noise), and for the
 * projectors of a model's further error groups g ≥ 1 {@code "feedback.g"} and {@code "opu.g"}
 * (group 0 draws exactly as a model of one group); tasks take their
 * own ({@code "init"}, {@code "data.shuffle"}, {@code "dropout"}, …) from {@link #streams()}.
 */
public final class RunParts {

    /** The plateau schedule's cut, as in the paper's transformer runs. */
    public static final double PLATEAU_FACTOR = 0.2;
    /** The plateau schedule's patience in epochs, as in the paper's transformer runs. */
    public static final int PLATEAU_PATIENCE = 1;

    private final SettingValues values;
    private final Gemm gemm;
    private final RandomStreams streams;
    private final List<RandomProjector> projectors = new ArrayList<>();

    /**
     * Starts the run's compute threads.
     *
     * @param values the run's settings (a registry holding the {@link TrainingSettings} and the OPU's)
     */
    public RunParts(SettingValues values) {
        this(values, Gemm.withThreads(TrainingSettings.threads(values.get(TrainingSettings.THREADS))));
    }

    /**
     * @param values the run's settings
     * @param gemm   the matrix product and thread team the run uses, owned by the run (lets tests pick a kernel)
     */
    public RunParts(SettingValues values, Gemm gemm) {
        this.values = Objects.requireNonNull(values, "values");
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        this.streams = RandomStreams.of(values.get(TrainingSettings.SEED));
    }

    /** @return the run's settings */
    public SettingValues values() {
        return values;
    }

    /** @return the run's matrix product and thread team */
    public Gemm gemm() {
        return gemm;
    }

    /** @return the run's random streams, derived from its seed */
    public RandomStreams streams() {
        return streams;
    }

    /**
     * The rule the {@link TrainingSettings#METHOD} names, with DFA's projectors (exact or simulated
     * OPU, by {@link TrainingSettings#PROJECTOR}) sized for the model, one per error group. With
     * {@link TrainingSettings#PARALLEL_BLOCKS}, DFA runs the segments of its backward pass as
     * concurrent tasks of the run's {@link #gemm()} (which the model's modules should multiply
     * with); the other rules ignore it.
     *
     * @param model the model
     * @param loss  the loss on its output
     * @return the rule
     * @throws IllegalArgumentException if the model does not suit the rule
     */
    public TrainingRule rule(Graph model, Loss loss) {
        return rule(model, loss, (group, projector) -> projector);
    }

    /**
     * The rule, as {@link #rule(Graph, Loss)}, with DFA sending error group g's error through
     * {@code wrap.apply(g, projector)} (e.g. to rescale the error before the projector sees it); the
     * run keeps the unwrapped projectors (their cost, their states in checkpoints), which
     * {@link #projectors()} returns.
     *
     * @param model the model
     * @param loss  the loss on its output
     * @param wrap  what DFA's rule projects a group's error with, given the group (from 0) and the
     *              projector the settings describe for it
     * @return the rule
     * @throws IllegalArgumentException if the model does not suit the rule
     */
    public TrainingRule rule(Graph model, Loss loss, BiFunction<Integer, RandomProjector, RandomProjector> wrap) {
        Objects.requireNonNull(wrap, "wrap");
        return values.get(TrainingSettings.METHOD).newRule(model, loss, values.get(TrainingSettings.FEEDBACK_LAYOUT),
                values.get(TrainingSettings.FEEDBACK_SCALE), (group, shape) -> {
                    RandomProjector p = projector(group, shape);
                    projectors.add(p);
                    return wrap.apply(group, p);
                }, streams.stream("feedback"), values.get(TrainingSettings.PARALLEL_BLOCKS) ? gemm : null);
    }

    /** @return DFA's projectors, one per error group, once {@link #rule} made them, else empty */
    public List<RandomProjector> projectors() {
        return List.copyOf(projectors);
    }

    /**
     * DFA's projector of an error group for the shape it needs: the exact {@link DenseProjector}
     * with B drawn from the stream {@code "feedback"} (group 0) or {@code "feedback.g"}, or an
     * {@link OpuProjector} set by the OPU settings, whose medium and noise derive from the stream
     * {@code "opu"} (group 0) or {@code "opu.g"}, projecting the rows of a batch on the run's threads.
     *
     * @param group the error group, from 0
     * @param shape the projector's dimensions
     * @return the projector
     */
    private RandomProjector projector(int group, ProjectorShape shape) {
        long seed = values.get(TrainingSettings.SEED);
        if (values.get(TrainingSettings.PROJECTOR) == ProjectorKind.EXACT) {
            return DenseProjector.random(shape.outputDimension(), shape.inputDimension(),
                    values.get(TrainingSettings.FEEDBACK_DISTRIBUTION), 1.0,
                    RandomStreams.of(seed).derive(streamName("feedback", group)), gemm);
        }
        return new OpuProjector(opuConfig(values, shape, group), gemm);
    }

    /** @return {@code base} for group 0 (as a model of one group), {@code base.g} for the others */
    private static String streamName(String base, int group) {
        return group == 0 ? base : base + "." + group;
    }

    /** The simulated device's configuration of an error group, from the OPU settings and the run's seed. */
    private static OpuConfig opuConfig(SettingValues values, ProjectorShape shape, int group) {
        OpuConfig.Builder b = OpuRegistry.apply(values,
                OpuConfig.builder(shape.inputDimension(), shape.outputDimension()));
        return b.seed(RandomStreams.of(values.get(TrainingSettings.SEED)).derive(streamName("opu", group))).build();
    }

    /**
     * The heap DFA's projector takes, for a task's {@link Task#memoryEstimate}: the exact
     * projector's matrix ({@code 4·m·n} bytes) or the simulated device's {@link OpuMemory} on the
     * run's threads; 0 when the method is not DFA, which has no projector.
     *
     * @param values the run's settings
     * @param shape  the projector's dimensions ({@link org.opudfa.dfa.rule.FeedbackLayout#projectionSize}
     *               outputs for the model's feedback points, the error point's width as inputs)
     * @return the estimated bytes
     * @throws IllegalArgumentException if the OPU settings do not suit the shape
     */
    public static long projectorBytes(SettingValues values, ProjectorShape shape) {
        if (values.get(TrainingSettings.METHOD) != Method.DFA) {
            return 0;
        }
        if (values.get(TrainingSettings.PROJECTOR) == ProjectorKind.EXACT) {
            return 4L * shape.outputDimension() * shape.inputDimension();
        }
        return OpuMemory.bytes(opuConfig(values, shape, 0),
                TrainingSettings.threads(values.get(TrainingSettings.THREADS)));
    }

    /**
     * The optimizer the settings name: Adam (L2 weight decay), AdamW (decoupled) or SGD (momentum,
     * L2), with the schedule laid out over the run: constant, step (halved every quarter), cosine
     * (to 0) or plateau (cut by {@link #PLATEAU_FACTOR} after more than {@link #PLATEAU_PATIENCE}
     * epochs without improvement of the watched loss) or exponential (to a tenth).
     *
     * @param parameters    the parameters to update (the rule's trained ones)
     * @param stepsPerEpoch optimizer steps per epoch
     * @return the optimizer
     */
    public Optimizer optimizer(List<Parameter> parameters, int stepsPerEpoch) {
        double lr = values.get(TrainingSettings.LEARNING_RATE);
        double weightDecay = values.get(TrainingSettings.WEIGHT_DECAY);
        long total = (long) stepsPerEpoch * values.get(TrainingSettings.EPOCHS);
        LearningRateSchedule s = switch (values.get(TrainingSettings.SCHEDULE)) {
            case CONSTANT -> LearningRateSchedule.constant(lr);
            case STEP -> LearningRateSchedule.stepDecay(lr, 0.5, Math.max(1, total / 4));
            case COSINE -> LearningRateSchedule.cosine(lr, 0.0, Math.max(1, total));
            case PLATEAU -> LearningRateSchedule.reduceOnPlateau(lr, PLATEAU_FACTOR, PLATEAU_PATIENCE);
            case EXPONENTIAL -> LearningRateSchedule.exponential(lr, 0.1, Math.max(1, total));
        };
        return switch (values.get(TrainingSettings.OPTIMIZER)) {
            case ADAM -> {
                AdamConfig adam = AdamConfig.adam();
                yield new Adam(parameters, new AdamConfig(adam.beta1(), adam.beta2(), adam.epsilon(), weightDecay,
                        false), s);
            }
            case ADAMW -> new Adam(parameters, AdamConfig.adamW(weightDecay), s);
            case SGD -> new Sgd(parameters, new SgdConfig(values.get(TrainingSettings.MOMENTUM), false, weightDecay),
                    s);
        };
    }

    /**
     * The settings a run resumed from a checkpoint may set otherwise than the run that wrote it.
     * The thread count may always change: the matrix products give every output element one
     * summation order whatever the threads, so the numbers do not change; for the same reason
     * {@link TrainingSettings#PARALLEL_BLOCKS} may change (its pass is bit-identical to the
     * sequential one). The number of epochs
     * may change with the constant and the plateau schedules only (the plateau schedule follows the
     * losses, not the run's length): {@link #optimizer} lays the step and cosine
     * schedules out over the run's {@code steps per epoch × epochs}, so another epoch count would
     * give the resumed steps learning rates that no uninterrupted run takes. Every other setting
     * must stay as the checkpoint has it.
     *
     * @param written the settings of the run that wrote the checkpoint
     * @return {@link TrainingSettings#EPOCHS} when the schedule is constant, and
     *     {@link TrainingSettings#THREADS} and {@link TrainingSettings#PARALLEL_BLOCKS}
     */
    public static List<Setting<?>> changeableOnResume(SettingValues written) {
        ScheduleKind schedule = written.get(TrainingSettings.SCHEDULE);
        return schedule == ScheduleKind.CONSTANT || schedule == ScheduleKind.PLATEAU
                ? List.of(TrainingSettings.EPOCHS, TrainingSettings.THREADS, TrainingSettings.PARALLEL_BLOCKS)
                : List.of(TrainingSettings.THREADS, TrainingSettings.PARALLEL_BLOCKS);
    }

    /**
     * The run, with the epochs, alignment interval and configuration of the settings, the
     * projectors {@link #rule} made, and the compute threads as its resource. Its configuration
     * names the task (the settings' registry is named after it, see {@link Task#settings()}) under
     * {@link TrainingRun#TASK}, then holds every setting ({@link SettingValues#describe()}); the
     * settings it may change on resume are {@link #changeableOnResume}.
     *
     * @param rule         the rule
     * @param optimizer    the optimizer
     * @param train        the training batches
     * @param trainMetrics measured on the training batches
     * @param evaluations  evaluated after every epoch
     * @param data         what the data is
     * @return the run
     */
    public TrainingRun run(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                           List<Evaluation> evaluations, DataDescription data) {
        return run(rule, optimizer, train, trainMetrics, evaluations, data, null);
    }

    /**
     * The run, as {@link #run(TrainingRule, Optimizer, BatchSource, List, List, DataDescription)},
     * stopped early by {@code stopping}.
     *
     * @param rule         the rule
     * @param optimizer    the optimizer
     * @param train        the training batches
     * @param trainMetrics measured on the training batches
     * @param evaluations  evaluated after every epoch
     * @param data         what the data is
     * @param stopping     when to stop early, or null
     * @return the run
     */
    public TrainingRun run(TrainingRule rule, Optimizer optimizer, BatchSource train, List<Metric> trainMetrics,
                           List<Evaluation> evaluations, DataDescription data, EarlyStopping stopping) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put(TrainingRun.TASK, values.registry().name());
        configuration.putAll(values.describe());
        Set<String> changeable = new LinkedHashSet<>();
        changeableOnResume(values).forEach(s -> changeable.add(s.name()));
        return new TrainingRun(rule, optimizer, train, trainMetrics, evaluations, projectors(),
                values.get(TrainingSettings.EPOCHS), values.get(TrainingSettings.ALIGNMENT_EVERY), configuration,
                changeable, data, gemm, stopping);
    }

    /**
     * The settings a checkpoint was written with, read against a task's settings.
     *
     * @param checkpoint a checkpoint
     * @param task       the task that should have written it
     * @return its settings
     * @throws IllegalArgumentException if another task wrote it, or a setting does not fit the task's
     */
    public static SettingValues settingsOf(org.opudfa.dfa.train.Checkpoint checkpoint, Task task) {
        Map<String, Object> written = new LinkedHashMap<>(checkpoint.configuration());
        Object name = written.remove(TrainingRun.TASK);
        if (name != null && !task.name().equals(name)) {
            throw new IllegalArgumentException("the checkpoint was written by a " + name + " run, not " + task.name());
        }
        return SettingValues.fromDescribe(task.settings(), written);
    }
}

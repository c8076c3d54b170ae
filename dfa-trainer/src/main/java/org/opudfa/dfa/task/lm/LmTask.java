package org.opudfa.dfa.task.lm;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.metric.BitsPerCharacter;
import org.opudfa.dfa.metric.Perplexity;
import org.opudfa.dfa.optim.GradientClipping;
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
import org.opudfa.dfa.train.TrainingListener;
import org.opudfa.dfa.train.TrainingRun;
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The causal transformer language model task (the paper's NLP experiment, scaled to two cores):
 * byte-level next-token prediction on a text corpus ({@link TextCorpus}, by default the fortunes
 * package's), the model of {@link TransformerLm} with DFA's feedback after each block
 * ({@code macro}) or three per block ({@code micro}) and the error at the last block's output, one
 * error row per token; softmax cross-entropy; validation and test bits per character and
 * perplexity after each epoch; throughput in tokens per second.
 *
 * <p>Defaults, sized so that the default run takes minutes on two cores: 4 blocks, d = 128, 4
 * heads, feed-forward width 512, context 128, 32 windows per step, post-norm, sinusoidal
 * positions, no dropout, Adam (β₂ = 0.999) at a constant rate of 2·10⁻³, epochs of one pass over the
 * training text in expectation; through the simulated OPU, the error encoded in bit planes
 * ({@link #DEFAULT_ENCODING}).
 *
 * <p>Random streams, derived from the run's seed: {@code "init"} (weights), {@code "data"} (the
 * training windows, and the dropout masks drawn from the same generator between them, so that the
 * generator's state in a checkpoint resumes both exactly), and those of {@link RunParts}
 * (feedback matrices, the simulated device).
 */
public final class LmTask implements Task {

    /** The task. */
    public static final LmTask INSTANCE = new LmTask();

    /** Every setting of the task: the shared training settings, the language model's, the OPU's. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("lm", TrainingSettings.SETTINGS,
            LmSettings.SETTINGS, OpuRegistry.SETTINGS);

    /** Windows per step by default. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /**
     * Adam's rate by default: short runs of 150 steps did best at 2e-3 for BP (of 5e-4, 1e-3, 2e-3)
     * and at 3e-3 for DFA macro (of 1e-4 … 5e-3, 1e-3 a little behind).
     */
    public static final double DEFAULT_LEARNING_RATE = 2e-3;
    /** Epochs by default. */
    public static final int DEFAULT_EPOCHS = 1;
    /**
     * How the simulated OPU encodes the error by default: bit planes ({@code p} = 4 bits per sign,
     * {@code 4p} = 16 device frames per token), not the ternary frames of the other tasks. The error
     * of a token is dense (after 60 steps of DFA macro, about 84% of its 128 entries lie past the
     * ternary threshold of a tenth of the largest, against a few of a classifier's softmax error),
     * and ternary frames keep only each entry's sign: the cosine of the device's projection with
     * the exact {@code B·e} is 0.884 at the threshold 0.1 (0.909 at 0.3, 0.804 at 0.5), while the device
     * reproduces the projection of what it is shown at 0.998. Bit planes keep 0.972, 0.993 and 0.997
     * with 2, 3 and 4 bits.
     */
    public static final EncodingType DEFAULT_ENCODING = EncodingType.BIT_PLANES;

    private LmTask() {
    }

    @Override
    public String name() {
        return "lm";
    }

    @Override
    public String summary() {
        return "causal transformer language model (feedback after each block or three per block) on bytes of text";
    }

    @Override
    public SettingsRegistry settings() {
        return SETTINGS;
    }

    @Override
    public SettingValues defaults() {
        return SettingValues.defaults(SETTINGS).with(TrainingSettings.BATCH_SIZE, DEFAULT_BATCH_SIZE)
                .with(TrainingSettings.LEARNING_RATE, DEFAULT_LEARNING_RATE)
                .with(TrainingSettings.EPOCHS, DEFAULT_EPOCHS).with(OpuRegistry.ENCODING, DEFAULT_ENCODING);
    }

    /**
     * @param values values of {@link #settings()}
     * @return the model's shape those values give (byte vocabulary)
     * @throws IllegalArgumentException if the shape is inconsistent (a width not a multiple of the heads)
     */
    public static TransformerConfig config(SettingValues values) {
        int d = values.get(LmSettings.D_MODEL);
        Integer ffn = values.get(LmSettings.FFN_WIDTH);
        return new TransformerConfig(ByteVocabulary.SIZE, values.get(LmSettings.CONTEXT), values.get(LmSettings.LAYERS),
                d, values.get(LmSettings.HEADS), ffn == null ? 4 * d : ffn, values.get(LmSettings.DROPOUT),
                values.get(LmSettings.POSITIONAL), values.get(LmSettings.NORM), values.get(LmSettings.TIED),
                values.get(LmSettings.FEEDBACK));
    }

    /**
     * Reads the text ({@link LmData#load}, kept for {@link #build}) and estimates the run's heap from
     * its size and the settings (formula in {@link LmMemory}).
     *
     * @param values values of {@link #settings()}
     * @return the estimate: the text, the network, the activations of a step and DFA's projector
     */
    @Override
    public MemoryEstimate memoryEstimate(SettingValues values) {
        CorpusSplit split = LmData.load(values).split();
        return LmMemory.estimate(values, config(values),
                (long) split.train().length + split.validation().length + split.test().length);
    }

    /**
     * Reads the text ({@link LmData#load}) and builds the run on the run's own threads.
     *
     * @param values values of {@link #settings()}
     * @return the run
     */
    @Override
    public TrainingRun build(SettingValues values) {
        TransformerConfig config = config(values);
        return build(values, config, LmData.load(values), new RunParts(values));
    }

    /**
     * Builds the run on given text and parts.
     *
     * @param values the settings
     * @param config the model's shape, {@link #config(SettingValues)}
     * @param data   the text
     * @param parts  the run's shared parts (threads, streams)
     * @return the run
     */
    public TrainingRun build(SettingValues values, TransformerConfig config, LmData data, RunParts parts) {
        RandomStreams streams = parts.streams();
        RestorableUniformRandomProvider dataStream = streams.stream("data");
        Graph model = TransformerLm.build(config, streams.stream("init"), dataStream, parts.gemm());
        TrainingRule rule = parts.rule(model, new SoftmaxCrossEntropy(TokenWindows.NEXT_TOKENS));
        int batchSize = values.get(TrainingSettings.BATCH_SIZE);
        int context = config.context();
        CorpusSplit split = data.split();
        int steps = values.get(LmSettings.EPOCH_STEPS);
        if (steps == 0) {
            steps = TokenWindows.batchesForOnePass(split.train().length, context, batchSize);
        }
        TokenWindows train = TokenWindows.random(split.train(), context, batchSize, steps, dataStream);
        Optimizer optimizer = parts.optimizer(rule.trainedParameters(), steps);
        double clip = values.get(LmSettings.CLIP_NORM);
        if (clip > 0) {
            optimizer = new GradientClipping(optimizer, clip);
        }
        Evaluation validation = new Evaluation("validation", TokenWindows.covering(split.validation(), context,
                batchSize), metrics());
        Evaluation test = new Evaluation("test", TokenWindows.covering(split.test(), context, batchSize), metrics());
        return parts.run(rule, optimizer, train, List.of(), List.of(validation, test), data.description());
    }

    /**
     * Writes samples of the model after every epoch into {@code out}'s {@link Task#REPORT_FILE}
     * ({@link SampleReport}: three prompts, 240 bytes each at temperature 0.8).
     *
     * @param run    a run this task built
     * @param values its settings
     * @param out    its output folder
     * @return the sample writer
     */
    @Override
    public TrainingListener listener(TrainingRun run, SettingValues values, Path out) {
        return new SampleReport(new TextGenerator(run.rule().model(), values.get(LmSettings.CONTEXT)), out);
    }

    private static List<org.opudfa.dfa.metric.Metric> metrics() {
        return List.of(new BitsPerCharacter(TokenWindows.NEXT_TOKENS), new Perplexity(TokenWindows.NEXT_TOKENS));
    }
}

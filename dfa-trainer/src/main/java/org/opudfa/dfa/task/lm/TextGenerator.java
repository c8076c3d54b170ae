package org.opudfa.dfa.task.lm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.train.Checkpoint;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Samples text from a trained language model, one byte at a time: the model reads the last
 * {@code context} tokens (the prompt, then what it wrote), and the next token is drawn from
 * {@code softmax(z/τ)} of the logits {@code z} at the last position, at temperature {@code τ}
 * ({@code τ = 0} takes the most likely token). The draws come from the stream {@code "generate"}
 * of the given seed, so a model, prompt, length, temperature and seed always give the same text.
 * An empty prompt starts the model after a line break (which is not part of the result).
 */
public final class TextGenerator {

    private final Graph model;
    private final int context;
    private final int vocabulary;
    private final Labels tokens;
    private final Sequences sequences = new Sequences();
    private final Feed feed;

    /**
     * @param model   a model built by {@link TransformerLm#build} (in inference mode: no dropout is drawn)
     * @param context the longest window it reads, its configured context
     */
    public TextGenerator(Graph model, int context) {
        this.model = Objects.requireNonNull(model, "model");
        if (context < 1) {
            throw new IllegalArgumentException("the context must be at least 1 token, got " + context);
        }
        this.context = context;
        this.vocabulary = model.output().width();
        this.tokens = new Labels(context);
        this.feed = new Feed().put(TokenWindows.TOKENS, tokens).put(TokenWindows.SEQUENCES, sequences);
    }

    /**
     * Rebuilds the model a language-model run saved in a checkpoint, with its trained weights.
     *
     * @param checkpoint a checkpoint of a {@link LmTask} run
     * @param gemm       the matrix product the model uses
     * @return a generator for it
     * @throws IllegalArgumentException if the checkpoint is not a language-model run's
     */
    public static TextGenerator fromCheckpoint(Checkpoint checkpoint, Gemm gemm) {
        Map<String, Object> known = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : checkpoint.configuration().entrySet()) {
            if (LmTask.SETTINGS.find(e.getKey()).isPresent()) {
                known.put(e.getKey(), e.getValue());
            }
        }
        if (!known.containsKey(LmSettings.D_MODEL.name()) || !known.containsKey(LmSettings.CONTEXT.name())) {
            throw new IllegalArgumentException("the checkpoint was not written by a language-model run "
                    + "(train one with --task lm)");
        }
        SettingValues values = SettingValues.fromDescribe(LmTask.SETTINGS, known);
        TransformerConfig config = LmTask.config(values);
        RandomStreams unused = RandomStreams.of(0);
        Graph model = TransformerLm.build(config, unused.stream("init"), unused.stream("data"), gemm);
        for (Parameter p : model.parameters()) {
            float[] saved = checkpoint.parameters().get(p.name());
            if (saved == null || saved.length != p.size()) {
                throw new IllegalArgumentException("the checkpoint has no parameter '" + p.name() + "' of " + p.size()
                        + " values: it does not hold the model its settings describe");
            }
            System.arraycopy(saved, 0, p.value().data, 0, saved.length);
        }
        return new TextGenerator(model, config.context());
    }

    /** @return the model */
    public Graph model() {
        return model;
    }

    /** @return the longest window the model reads */
    public int context() {
        return context;
    }

    /**
     * @param prompt      the text to continue (may be empty)
     * @param length      how many tokens (bytes) to write, at least 0
     * @param temperature τ, at least 0 (0: the most likely token each time)
     * @param seed        the seed of the draws
     * @return the bytes written after the prompt, as token ids
     * @throws IllegalArgumentException if the length or temperature is out of range
     */
    public int[] generate(String prompt, int length, double temperature, long seed) {
        Objects.requireNonNull(prompt, "prompt");
        if (length < 0) {
            throw new IllegalArgumentException("the length must be at least 0 tokens, got " + length);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be at least 0 and finite, got " + temperature);
        }
        int[] start = prompt.isEmpty() ? ByteVocabulary.encode("\n") : ByteVocabulary.encode(prompt);
        int[] text = java.util.Arrays.copyOf(start, start.length + length);
        UniformRandomProvider rng = RandomStreams.of(seed).stream("generate");
        double[] weights = new double[vocabulary];
        for (int n = start.length; n < text.length; n++) {
            int window = Math.min(n, context);
            tokens.resize(window);
            System.arraycopy(text, n - window, tokens.ids(), 0, window);
            sequences.set(1, window);
            FMatrixRMaj logits = model.forward(feed, false);
            text[n] = sample(logits.data, (window - 1) * vocabulary, temperature, rng, weights);
        }
        return java.util.Arrays.copyOfRange(text, start.length, text.length);
    }

    private int sample(float[] logits, int offset, double temperature, UniformRandomProvider rng, double[] weights) {
        int best = 0;
        for (int j = 1; j < vocabulary; j++) {
            if (logits[offset + j] > logits[offset + best]) {
                best = j;
            }
        }
        if (temperature == 0) {
            return best;
        }
        double max = logits[offset + best];
        double total = 0;
        for (int j = 0; j < vocabulary; j++) {
            weights[j] = Math.exp((logits[offset + j] - max) / temperature);
            total += weights[j];
        }
        double u = rng.nextDouble() * total;
        for (int j = 0; j < vocabulary; j++) {
            u -= weights[j];
            if (u < 0) {
                return j;
            }
        }
        return best;
    }
}

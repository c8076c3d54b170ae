package org.opudfa.dfa.task.lm;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Dropout;
import org.opudfa.dfa.nn.Embedding;
import org.opudfa.dfa.nn.GELU;
import org.opudfa.dfa.nn.LayerNorm;
import org.opudfa.opu.kernel.Gemm;

/**
 * The causal transformer language model, as a {@link Graph} with DFA's feedback and error points:
 * <pre>
 *   x  = dropout(√d·E[token] + P[position])                       embedding, position
 *   block l, post-norm (the paper's code):
 *     h = LN(x + dropout(W_o·attention(W_qkv·x)))                  block&lt;l&gt;.attention.*
 *     y = LN(h + dropout(W_2·dropout(GELU(W_1·h))))                block&lt;l&gt;.ffn.*
 *   block l, pre-norm:
 *     h = x + dropout(W_o·attention(W_qkv·LN(x)))
 *     y = h + dropout(W_2·dropout(GELU(W_1·LN(h))))
 *   logits = head(LN(y_L))                                         norm, head (or E, tied)
 * </pre>
 * with {@link CausalSelfAttention} between the query-key-value and output projections (both
 * {@link Dense}), one row per token. The error point is the last block's output {@code y_L}, before
 * the final norm and the vocabulary projection: one error row per token. Feedback points
 * ({@link FeedbackPlacement}): {@code macro}, each block's output {@code y}; {@code micro}, also
 * {@code h} (after attention, its residual sum and, post-norm, its norm) and the feed-forward
 * hidden layer after its activation (and dropout). Under the shallow rule only the final norm and
 * the projection learn.
 *
 * <p>Initialisation, from the {@code init} stream in model order: the embedding table uniform in
 * {@code [−0.1, 0.1)} (looked up times √d, as in the paper's code), a learned position table, every
 * dense layer as {@link Dense}'s default ({@code U[−1/√in, 1/√in)}), norms with gain 1 and bias 0.
 */
public final class TransformerLm {

    /** Half-width of the uniform initial embedding entries. */
    public static final double EMBEDDING_INIT = 0.1;

    private TransformerLm() {
    }

    /**
     * Builds the model.
     *
     * @param config  its shape
     * @param init    the stream initial weights are drawn from
     * @param dropout the stream dropout masks are drawn from (unused when the dropout is 0)
     * @param gemm    the matrix product every layer uses, and the threads its attention, norms and
     *                activations run on
     * @return the model; its input is {@link TokenWindows#TOKENS} under the layout
     *     {@link TokenWindows#SEQUENCES}, its output the logits (rows × vocabulary)
     */
    public static Graph build(TransformerConfig config, UniformRandomProvider init, RestorableUniformRandomProvider dropout,
                              Gemm gemm) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(dropout, "dropout");
        Objects.requireNonNull(gemm, "gemm");
        int d = config.width();
        Parts parts = new Parts(config, dropout);
        GraphBuilder g = Graph.builder();
        Embedding embedding = new Embedding("embedding", config.vocabulary(), d, EMBEDDING_INIT, Math.sqrt(d),
                TokenWindows.TOKENS, init, gemm);
        Tensor x = g.apply(embedding);
        x = g.apply(new PositionalEncoding("position", config.positional(), d, config.context(),
                TokenWindows.SEQUENCES, init), x);
        x = parts.dropout(g, "embedding.dropout", x);
        for (int l = 0; l < config.layers(); l++) {
            x = block(g, parts, "block" + l, x, init, gemm);
        }
        g.error(x);
        Tensor normalised = g.apply(new LayerNorm("norm", d, gemm), x);
        Tensor logits = config.tied() ? g.apply(embedding, normalised)
                : g.apply(new Dense("head", d, config.vocabulary(), init, gemm), normalised);
        return g.build(logits);
    }

    /** Adds one block after tensor x and returns its output (a feedback point). */
    private static Tensor block(GraphBuilder g, Parts parts, String name, Tensor x, UniformRandomProvider init,
                                Gemm gemm) {
        TransformerConfig c = parts.config;
        int d = c.width();
        boolean pre = c.norm() == NormPlacement.PRE;
        boolean micro = c.feedback() == FeedbackPlacement.MICRO;
        String at = name + ".attention";
        Tensor in = pre ? g.apply(new LayerNorm(at + ".norm", d, gemm), x) : x;
        Tensor a = g.apply(new Dense(at + ".qkv", d, 3 * d, init, gemm), in);
        a = g.apply(new CausalSelfAttention(at, d, c.heads(), TokenWindows.SEQUENCES, gemm), a);
        a = g.apply(new Dense(at + ".out", d, d, init, gemm), a);
        a = parts.dropout(g, at + ".dropout", a);
        Tensor h = g.apply(new Add(at + ".residual"), x, a);
        if (!pre) {
            h = g.apply(new LayerNorm(at + ".norm", d, gemm), h);
        }
        if (micro) {
            g.feedback(h);
        }
        String ffn = name + ".ffn";
        Tensor f = pre ? g.apply(new LayerNorm(ffn + ".norm", d, gemm), h) : h;
        f = g.apply(new Dense(ffn + ".in", d, c.ffnWidth(), init, gemm), f);
        f = g.apply(new GELU(ffn + ".gelu", gemm), f);
        f = parts.dropout(g, ffn + ".hidden.dropout", f);
        if (micro) {
            g.feedback(f);
        }
        f = g.apply(new Dense(ffn + ".out", c.ffnWidth(), d, init, gemm), f);
        f = parts.dropout(g, ffn + ".dropout", f);
        Tensor y = g.apply(new Add(ffn + ".residual"), h, f);
        if (!pre) {
            y = g.apply(new LayerNorm(ffn + ".norm", d, gemm), y);
        }
        return g.feedback(y);
    }

    /** What every block shares: the shape and the dropout stream. */
    private static final class Parts {
        final TransformerConfig config;
        final RestorableUniformRandomProvider dropoutStream;

        Parts(TransformerConfig config, RestorableUniformRandomProvider dropoutStream) {
            this.config = config;
            this.dropoutStream = dropoutStream;
        }

        /** A dropout layer on t, or t itself when the dropout is 0. */
        Tensor dropout(GraphBuilder g, String name, Tensor t) {
            return config.dropout() > 0 ? g.apply(new Dropout(name, config.dropout(), dropoutStream), t) : t;
        }
    }
}

package org.opudfa.dfa.task.lm;

import java.util.Objects;

/**
 * The shape of a transformer language model ({@link TransformerLm}).
 *
 * @param vocabulary the number of token ids (256 for bytes)
 * @param context    the longest sequence the model reads, in tokens (the positional table's length)
 * @param layers     the number of blocks
 * @param width      d, the model width
 * @param heads      attention heads per block; d must be a multiple
 * @param ffnWidth   the feed-forward layer's hidden width
 * @param dropout    the drop probability of every dropout layer, in [0, 1); 0 leaves them out
 * @param positional sinusoidal or learned positions
 * @param norm       post-norm or pre-norm blocks
 * @param tied       whether the output projection is the embedding table ({@code logits = h·Eᵀ})
 * @param feedback   where DFA's feedback points go
 */
public record TransformerConfig(int vocabulary, int context, int layers, int width, int heads, int ffnWidth,
                                double dropout, PositionalKind positional, NormPlacement norm, boolean tied,
                                FeedbackPlacement feedback) {

    /**
     * Validates the shape.
     *
     * @param vocabulary the number of token ids, at least 1
     * @param context    the longest sequence, at least 1
     * @param layers     the number of blocks, at least 1
     * @param width      d, at least 1
     * @param heads      attention heads, at least 1, dividing d
     * @param ffnWidth   the feed-forward hidden width, at least 1
     * @param dropout    in [0, 1)
     * @param positional sinusoidal or learned
     * @param norm       post or pre
     * @param tied       tied output projection
     * @param feedback   macro or micro
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public TransformerConfig {
        requireAtLeastOne("vocabulary", vocabulary);
        requireAtLeastOne("context", context);
        requireAtLeastOne("layers", layers);
        requireAtLeastOne("dModel", width);
        requireAtLeastOne("heads", heads);
        requireAtLeastOne("ffnWidth", ffnWidth);
        if (width % heads != 0) {
            throw new IllegalArgumentException("dModel (" + width + ") must be a multiple of heads (" + heads + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        Objects.requireNonNull(positional, "positional");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(feedback, "feedback");
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}

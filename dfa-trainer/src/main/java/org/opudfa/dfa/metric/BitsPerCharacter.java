package org.opudfa.dfa.metric;

import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Bits per character of a character-level language model: the mean softmax cross-entropy of the
 * next-token logits over the labelled tokens, in bits, {@code (1/N)·Σ −log₂ p(y_t)}.
 */
public final class BitsPerCharacter extends CrossEntropyMetric {

    /**
     * @param labels where the batch holds the next-token ids, one per row
     */
    public BitsPerCharacter(Feed.Key<Labels> labels) {
        super(labels);
    }

    @Override
    public String name() {
        return "bits_per_character";
    }

    @Override
    double fromMeanNats(double meanNats) {
        return meanNats / Math.log(2);
    }
}

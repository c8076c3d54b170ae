package org.opudfa.dfa.metric;

import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Perplexity of a language model: the exponential of the mean softmax cross-entropy (nats) of the
 * next-token logits over the labelled tokens, {@code exp((1/N)·Σ −ln p(y_t))}.
 */
public final class Perplexity extends CrossEntropyMetric {

    /**
     * @param labels where the batch holds the next-token ids, one per row
     */
    public Perplexity(Feed.Key<Labels> labels) {
        super(labels);
    }

    @Override
    public String name() {
        return "perplexity";
    }

    @Override
    double fromMeanNats(double meanNats) {
        return Math.exp(meanNats);
    }
}

package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Perplexity of a language model: the exponential of the mean softmax cross-entropy (nats) of the
 * next-token logits over the labelled tokens, {@code exp((1/N)·Σ −ln p(y_t))}.
 */
public final class Perplexity implements Metric {

    private final Feed.Key<Labels> labels;
    private final CrossEntropySum sum = new CrossEntropySum();

    /**
     * @param labels where the batch holds the next-token ids, one per row
     */
    public Perplexity(Feed.Key<Labels> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "perplexity";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public void reset() {
        sum.reset();
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        sum.add(prediction, batch.get(labels));
    }

    @Override
    public double value() {
        return Math.exp(sum.meanNats());
    }
}

package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Bits per character of a character-level language model: the mean softmax cross-entropy of the
 * next-token logits over the labelled tokens, in bits, {@code (1/N)·Σ −log₂ p(y_t)}.
 */
public final class BitsPerCharacter implements Metric {

    private final Feed.Key<Labels> labels;
    private final CrossEntropySum sum = new CrossEntropySum();

    /**
     * @param labels where the batch holds the next-token ids, one per row
     */
    public BitsPerCharacter(Feed.Key<Labels> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "bits_per_character";
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
        return sum.meanNats() / Math.log(2);
    }
}

package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.nn.Feed;

/**
 * Skeleton of a language-model metric: the mean softmax cross-entropy (nats) of next-token
 * logits over the labelled tokens of a pass, turned into the subclass's unit by
 * {@link #fromMeanNats}. Lower is better.
 */
abstract class CrossEntropyMetric implements Metric {

    private final Feed.Key<Labels> labels;
    private double nats;
    private long items;

    /**
     * @param labels where the batch holds the next-token ids, one per row
     */
    CrossEntropyMetric(Feed.Key<Labels> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    /**
     * @param meanNats the mean cross-entropy per labelled token, in nats
     * @return the metric's value
     */
    abstract double fromMeanNats(double meanNats);

    @Override
    public final boolean higherIsBetter() {
        return false;
    }

    @Override
    public final void reset() {
        nats = 0;
        items = 0;
    }

    @Override
    public final void add(FMatrixRMaj prediction, Feed batch) {
        Labels l = batch.get(labels);
        int labelled = l.requireFits(prediction.numRows, prediction.numCols);
        if (labelled > 0) {
            nats += SoftmaxCrossEntropy.compute(prediction, l, null) * labelled;
            items += labelled;
        }
    }

    @Override
    public final double value() {
        return items == 0 ? Double.NaN : fromMeanNats(nats / items);
    }
}

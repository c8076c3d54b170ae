package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Skeleton of a ranking metric of scores (one per item) against 0/1 labels ({@link Auc},
 * {@link AveragePrecision}): it keeps every score and label of the pass, and the subclass ranks
 * them once in {@link #value()}. Higher is better.
 */
abstract class RankingMetric implements Metric {

    private final Feed.Key<FMatrixRMaj> labels;
    private final String what;
    /** The scores and labels of the pass. */
    final BinaryScores seen = new BinaryScores();

    /**
     * @param labels where the batch holds the 0/1 labels, one per item
     * @param what   the metric's name in messages
     */
    RankingMetric(Feed.Key<FMatrixRMaj> labels, String what) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.what = what;
    }

    @Override
    public final boolean higherIsBetter() {
        return true;
    }

    @Override
    public final void reset() {
        seen.reset();
    }

    @Override
    public final void add(FMatrixRMaj prediction, Feed batch) {
        seen.add(prediction, batch.get(labels), what);
    }
}

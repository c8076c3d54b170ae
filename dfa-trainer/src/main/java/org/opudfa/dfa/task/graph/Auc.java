package org.opudfa.dfa.task.graph;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * STAND-IN, to be replaced by {@code org.opudfa.dfa.metric.Auc} when it lands on the
 * integration branch (same name, same constructor): the area under the ROC curve of binary
 * predictions (logits, one column) against 0/1 labels, the probability that a random positive
 * scores above a random negative, ties counting half:
 * {@code AUC = (Σ_{positives} rank − P(P+1)/2) / (P·N)} with mid-ranks for ties. NaN unless both
 * classes were seen.
 */
public final class Auc implements Metric {

    private final RankedScores ranked;

    /**
     * @param labels where the batch holds the 0/1 labels, one per prediction row
     */
    public Auc(Feed.Key<FMatrixRMaj> labels) {
        this.ranked = new RankedScores(labels);
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void reset() {
        ranked.reset();
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        ranked.add(prediction, batch);
    }

    @Override
    public double value() {
        int n = ranked.size();
        int[] order = ranked.byDecreasingScore();
        long positives = 0;
        double rankSum = 0;
        // ranks ascend with the score: the item at position k (decreasing order) has rank n − k
        int k = 0;
        while (k < n) {
            int end = k;
            while (end + 1 < n && ranked.score(order[end + 1]) == ranked.score(order[k])) {
                end++;
            }
            double midRank = n - (k + end) / 2.0;
            for (int i = k; i <= end; i++) {
                if (ranked.positive(order[i])) {
                    positives++;
                    rankSum += midRank;
                }
            }
            k = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

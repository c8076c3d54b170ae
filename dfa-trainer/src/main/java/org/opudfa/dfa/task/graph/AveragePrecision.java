package org.opudfa.dfa.task.graph;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * STAND-IN, to be replaced by {@code org.opudfa.dfa.metric.AveragePrecision} when it lands on
 * the integration branch (same name, same constructor): the average precision of binary
 * predictions (logits, one column) against 0/1 labels, the precision at each score threshold
 * weighted by the recall it adds, {@code AP = Σ_k (R_k − R_{k−1})·P_k} over the distinct scores
 * in decreasing order (tied scores form one threshold). NaN without positives.
 */
public final class AveragePrecision implements Metric {

    private final RankedScores ranked;

    /**
     * @param labels where the batch holds the 0/1 labels, one per prediction row
     */
    public AveragePrecision(Feed.Key<FMatrixRMaj> labels) {
        this.ranked = new RankedScores(labels);
    }

    @Override
    public String name() {
        return "average_precision";
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
        long totalPositives = 0;
        for (int i = 0; i < n; i++) {
            totalPositives += ranked.positive(i) ? 1 : 0;
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long truePositives = 0;
        int k = 0;
        while (k < n) {
            int end = k;
            while (end + 1 < n && ranked.score(order[end + 1]) == ranked.score(order[k])) {
                end++;
            }
            long added = 0;
            for (int i = k; i <= end; i++) {
                added += ranked.positive(order[i]) ? 1 : 0;
            }
            truePositives += added;
            double precision = (double) truePositives / (end + 1);
            ap += (double) added / totalPositives * precision;
            k = end + 1;
        }
        return ap;
    }
}

package org.opudfa.dfa.metric;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Average precision of scores against 0/1 labels (as scikit-learn's
 * {@code average_precision_score}): items ranked by descending score,
 * {@code AP = Σ_k (R_k − R_{k−1})·P_k} over the distinct score thresholds, where {@code P_k} and
 * {@code R_k} are the precision and recall of the items scoring at least the k-th threshold (tied
 * scores enter together). NaN when the pass has no positive.
 */
public final class AveragePrecision extends RankingMetric {


    /**
     * @param labels where the batch holds the 0/1 labels, one per item
     */
    public AveragePrecision(Feed.Key<FMatrixRMaj> labels) {
        super(labels, "average precision");
    }

    @Override
    public String name() {
        return "average_precision";
    }

    @Override
    public double value() {
        int n = seen.size();
        long totalPositives = 0;
        for (int i = 0; i < n; i++) {
            if (seen.positive(i)) {
                totalPositives++;
            }
        }
        if (totalPositives == 0) {
            return Double.NaN;
        }
        Integer[] order = seen.byDescendingScore();
        double ap = 0;
        long truePositives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            long groupPositives = 0;
            while (j < n && seen.score(order[j]) == seen.score(order[i])) {
                if (seen.positive(order[j])) {
                    groupPositives++;
                }
                j++;
            }
            truePositives += groupPositives;
            double recallGain = (double) groupPositives / totalPositives;
            double precision = (double) truePositives / j;
            ap += recallGain * precision;
            i = j;
        }
        return ap;
    }
}

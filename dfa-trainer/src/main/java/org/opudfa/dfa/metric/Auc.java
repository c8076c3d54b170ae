package org.opudfa.dfa.metric;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Area under the ROC curve of scores (one per item, e.g. a click logit or a link score) against
 * 0/1 labels: the probability that a random positive scores above a random negative, ties counted
 * half, {@code AUC = (Σ_{p,n} [s_p > s_n] + ½·[s_p = s_n]) / (P·N)}. Exact: computed from the ranks
 * of all scores of the pass (sorted once, average rank for tied scores), O(n log n). NaN when the
 * pass has no positive or no negative.
 */
public final class Auc extends RankingMetric {


    /**
     * @param labels where the batch holds the 0/1 labels, one per item
     */
    public Auc(Feed.Key<FMatrixRMaj> labels) {
        super(labels, "AUC");
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public double value() {
        int n = seen.size();
        Integer[] order = seen.byDescendingScore();
        // Walk from the lowest score up, giving each group of tied scores its average rank (1-based).
        double positiveRankSum = 0;
        long positives = 0;
        int i = n - 1;
        int rank = 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && seen.score(order[j - 1]) == seen.score(order[i])) {
                j--;
            }
            int group = i - j + 1;
            double averageRank = rank + (group - 1) / 2.0;
            for (int k = j; k <= i; k++) {
                if (seen.positive(order[k])) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            rank += group;
            i = j - 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

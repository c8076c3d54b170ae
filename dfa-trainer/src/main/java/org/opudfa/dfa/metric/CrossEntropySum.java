package org.opudfa.dfa.metric;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;

/** The summed softmax cross-entropy (nats) and the count of labelled items, for the language-model metrics. */
final class CrossEntropySum {

    private double nats;
    private long items;

    void reset() {
        nats = 0;
        items = 0;
    }

    void add(FMatrixRMaj logits, Labels labels) {
        int labelled = labels.requireFits(logits.numRows, logits.numCols);
        if (labelled > 0) {
            nats += SoftmaxCrossEntropy.compute(logits, labels, null) * labelled;
            items += labelled;
        }
    }

    /** @return mean nats per labelled item, NaN if none */
    double meanNats() {
        return items == 0 ? Double.NaN : nats / items;
    }
}

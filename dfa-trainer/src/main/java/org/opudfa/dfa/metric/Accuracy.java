package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.ConfusionMatrix;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Classification accuracy: the fraction of labelled items whose largest logit is their class
 * (ties go to the lowest class index); items labelled {@link Labels#IGNORE} are skipped.
 */
public final class Accuracy implements Metric {

    private final Feed.Key<Labels> labels;
    private long correct;
    private long seen;

    /**
     * @param labels where the batch holds the class ids
     */
    public Accuracy(Feed.Key<Labels> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void reset() {
        correct = 0;
        seen = 0;
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        Labels l = batch.get(labels);
        int rows = prediction.numRows;
        for (int r = 0; r < rows; r++) {
            int y = l.get(r);
            if (y != Labels.IGNORE) {
                seen++;
                if (ConfusionMatrix.argmax(prediction, r) == y) {
                    correct++;
                }
            }
        }
    }

    @Override
    public double value() {
        return seen == 0 ? Double.NaN : (double) correct / seen;
    }
}

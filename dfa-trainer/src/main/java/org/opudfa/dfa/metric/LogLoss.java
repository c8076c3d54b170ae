package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Binary log loss of logits against 0/1 labels, mean over items:
 * {@code (1/n)·Σ −y·log σ(z) − (1 − y)·log(1 − σ(z))}, in the stable form
 * {@code max(z, 0) − z·y + log(1 + e^{−|z|})}, in natural-log units (nats).
 */
public final class LogLoss implements Metric {

    private final Feed.Key<FMatrixRMaj> labels;
    private double sum;
    private long count;

    /**
     * @param labels where the batch holds the 0/1 labels, one per logit
     */
    public LogLoss(Feed.Key<FMatrixRMaj> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public String name() {
        return "log_loss";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        FMatrixRMaj y = batch.get(labels);
        int n = prediction.getNumElements();
        if (y.getNumElements() != n) {
            throw new IllegalArgumentException("log loss needs one label per logit, got " + y.getNumElements()
                    + " labels for " + n + " logits");
        }
        for (int i = 0; i < n; i++) {
            double z = prediction.data[i];
            sum += Math.max(z, 0.0) - z * y.data[i] + Math.log1p(Math.exp(-Math.abs(z)));
        }
        count += n;
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }
}

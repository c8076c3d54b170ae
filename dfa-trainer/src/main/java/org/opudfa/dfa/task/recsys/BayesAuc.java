package org.opudfa.dfa.task.recsys;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Auc;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * The Bayes-optimal AUC of a generated click log: the {@link Auc} of the records' true click
 * probabilities ({@link ClickLogBatches#PROBABILITIES}) against their labels, the best AUC any
 * model can expect on these records. It ignores the model's prediction; measured beside a model's
 * AUC on the same records, it says how far from the best that model is.
 */
public final class BayesAuc implements Metric {

    private final Auc auc = new Auc(ClickLogBatches.CLICKS);

    /** The metric, reading the batch's true probabilities and labels. */
    public BayesAuc() {
    }

    @Override
    public String name() {
        return "bayes_auc";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void reset() {
        auc.reset();
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        auc.add(batch.get(ClickLogBatches.PROBABILITIES), batch);
    }

    @Override
    public double value() {
        return auc.value();
    }
}

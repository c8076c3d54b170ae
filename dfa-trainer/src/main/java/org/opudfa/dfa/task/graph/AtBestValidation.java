package org.opudfa.dfa.task.graph;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * A test metric reported as model selection on a validation set would report it: its value after
 * each epoch is the wrapped metric's value at the epoch, so far, whose validation score was the
 * best ("test accuracy at the best validation accuracy", the number graph papers quote). The
 * validation metric must be measured before this one in each epoch (list the validation
 * evaluation before the test evaluation); the first epoch with the best score wins ties.
 *
 * <p>The best so far lives in this object: a run resumed from a checkpoint starts its search
 * afresh at the resumed epoch.
 */
public final class AtBestValidation implements Metric {

    private final Metric validation;
    private final Metric test;
    private double bestValidation = Double.NaN;
    private double atBest = Double.NaN;
    private boolean decided;

    /**
     * @param validation the selection criterion, measured on the validation set (it is only read)
     * @param test       the metric to report, measured on the test set by this object (give it an
     *                   instance of its own)
     */
    public AtBestValidation(Metric validation, Metric test) {
        this.validation = Objects.requireNonNull(validation, "validation");
        this.test = Objects.requireNonNull(test, "test");
        if (validation == test) {
            throw new IllegalArgumentException("the validation and test metrics must be two instances");
        }
    }

    /** @return the wrapped metric's name with {@code _at_best_validation}, e.g. {@code accuracy_at_best_validation} */
    @Override
    public String name() {
        return test.name() + "_at_best_validation";
    }

    @Override
    public boolean higherIsBetter() {
        return test.higherIsBetter();
    }

    @Override
    public void reset() {
        test.reset();
        decided = false;
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        test.add(prediction, batch);
    }

    /** @return the test value at the best validation value so far, this epoch's included */
    @Override
    public double value() {
        if (!decided) {
            double v = validation.value();
            boolean better = validation.higherIsBetter() ? v > bestValidation : v < bestValidation;
            if (!Double.isNaN(v) && (Double.isNaN(bestValidation) || better)) {
                bestValidation = v;
                atBest = test.value();
            }
            decided = true;
        }
        return atBest;
    }
}

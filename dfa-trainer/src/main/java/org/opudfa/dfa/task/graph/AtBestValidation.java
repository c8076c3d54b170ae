package org.opudfa.dfa.task.graph;

import java.util.List;
import java.util.Map;
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
 * <p>The best so far lives in this object; a run resumed from a checkpoint takes it up again
 * from the recorded epochs ({@link #resume}), so it reports what the uninterrupted run would have.
 */
public final class AtBestValidation implements Metric {

    private final Metric validation;
    private final String validationColumn;
    private final Metric test;
    private double bestValidation = Double.NaN;
    private double atBest = Double.NaN;
    private boolean decided;

    /**
     * @param validation    the selection criterion, measured on the validation set (it is only read)
     * @param validationSet the name of the evaluation that measures it, e.g. {@code validation}
     *                      (its column is {@code validationSet_NAME}, read on resume)
     * @param test          the metric to report, measured on the test set by this object (give it an
     *                      instance of its own)
     */
    public AtBestValidation(Metric validation, String validationSet, Metric test) {
        this.validation = Objects.requireNonNull(validation, "validation");
        this.validationColumn = Objects.requireNonNull(validationSet, "validationSet") + "_" + validation.name();
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
            consider(validation.value(), test.value());
            decided = true;
        }
        return atBest;
    }

    /**
     * Takes up the best so far from the recorded epochs: the validation column's best value and
     * this metric's value at it.
     *
     * @param epochs the recorded epochs' columns, in order
     * @param column this metric's column, e.g. {@code test_accuracy_at_best_validation}
     */
    @Override
    public void resume(List<Map<String, Double>> epochs, String column) {
        bestValidation = Double.NaN;
        atBest = Double.NaN;
        for (Map<String, Double> e : epochs) {
            Double v = e.get(validationColumn);
            Double t = e.get(column);
            if (v != null && t != null) {
                consider(v, t);
            }
        }
    }

    /** Keeps the test value t when the validation value v is the best so far (the first best on ties). */
    private void consider(double v, double t) {
        boolean better = validation.higherIsBetter() ? v > bestValidation : v < bestValidation;
        if (!Double.isNaN(v) && (Double.isNaN(bestValidation) || better)) {
            bestValidation = v;
            atBest = t;
        }
    }
}

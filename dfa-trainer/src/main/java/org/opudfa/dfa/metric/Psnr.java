package org.opudfa.dfa.metric;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Peak signal-to-noise ratio of predicted against true values in [0, 1] (pixel colours):
 * {@code PSNR = −10·log₁₀(MSE)} dB, with the mean squared error over every entry of the pass
 * (not the mean of per-batch PSNRs). Infinite for a perfect prediction.
 */
public final class Psnr implements Metric {

    private final Feed.Key<FMatrixRMaj> target;
    private double squares;
    private long count;

    /**
     * @param target where the batch holds the true values, of the prediction's shape
     */
    public Psnr(Feed.Key<FMatrixRMaj> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
        return "psnr";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void reset() {
        squares = 0;
        count = 0;
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        FMatrixRMaj t = batch.get(target);
        int n = prediction.getNumElements();
        if (t.numRows != prediction.numRows || t.numCols != prediction.numCols) {
            throw new IllegalArgumentException("PSNR needs a target of the prediction's shape " + prediction.numRows
                    + "×" + prediction.numCols + ", got " + t.numRows + "×" + t.numCols);
        }
        for (int i = 0; i < n; i++) {
            double d = (double) prediction.data[i] - t.data[i];
            squares += d * d;
        }
        count += n;
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : -10.0 * Math.log10(squares / count);
    }
}

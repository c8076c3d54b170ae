package org.opudfa.dfa.task.nerf;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * The mean {@link Ssim} of the rendered views of an evaluation against their ground truth: the
 * evaluation's rays must come in the order of {@link Rays#of(String, List, Background)} (view by
 * view, each row by row), so that the predicted colours of a pass, collected in order, are the
 * views' images. The value is the mean over the views of each view's SSIM.
 */
public final class SsimMetric implements Metric {

    private final int[] widths;
    private final int[] heights;
    private final float[] predicted;
    private final float[] truth;
    private int filled;

    /**
     * @param views the views the evaluation's rays go through, in order
     * @throws IllegalArgumentException if there is no view
     */
    public SsimMetric(List<SceneView> views) {
        Objects.requireNonNull(views, "views");
        if (views.isEmpty()) {
            throw new IllegalArgumentException("SSIM needs at least 1 view to measure, got 0");
        }
        widths = new int[views.size()];
        heights = new int[views.size()];
        long values = 0;
        for (int v = 0; v < views.size(); v++) {
            widths[v] = views.get(v).camera().width();
            heights[v] = views.get(v).camera().height();
            values += 3L * widths[v] * heights[v];
        }
        if (values > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SSIM holds the views' colours in memory, at most " + Integer.MAX_VALUE
                    + " values, got " + values);
        }
        predicted = new float[(int) values];
        truth = new float[(int) values];
    }

    /** @return {@code "ssim"} */
    @Override
    public String name() {
        return "ssim";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void reset() {
        filled = 0;
    }

    /**
     * Collects the batch's predicted and true ray colours.
     *
     * @throws IllegalArgumentException if the pass brings more rays than the views have pixels
     */
    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        FMatrixRMaj t = batch.get(RayBatches.COLOURS);
        int n = prediction.getNumElements();
        if (prediction.numCols != 3 || t.numRows != prediction.numRows || t.numCols != 3) {
            throw new IllegalArgumentException("SSIM needs predicted and true colours of 3 columns and as many rows, got "
                    + prediction.numRows + "×" + prediction.numCols + " and " + t.numRows + "×" + t.numCols);
        }
        if (filled + n > predicted.length) {
            throw new IllegalArgumentException("SSIM was given more rays than the " + widths.length + " views have "
                    + "pixels (" + predicted.length / 3 + ")");
        }
        System.arraycopy(prediction.data, 0, predicted, filled, n);
        System.arraycopy(t.data, 0, truth, filled, n);
        filled += n;
    }

    /** @return the mean SSIM of the views, NaN before every pixel of every view was added */
    @Override
    public double value() {
        if (filled != predicted.length) {
            return Double.NaN;
        }
        double sum = 0;
        int at = 0;
        for (int v = 0; v < widths.length; v++) {
            sum += Ssim.of(predicted, at, truth, at, widths[v], heights[v], 3);
            at += 3 * widths[v] * heights[v];
        }
        return sum / widths.length;
    }
}

package org.opudfa.dfa.task.nerf;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/**
 * A metric of the rays' colours measured on the fine network's rendering when the model has one
 * (the first three columns of a hierarchical NeRF's output; {@link RayColours}), and on the only
 * rendering otherwise; under the measured metric's name.
 */
public final class FineColourMetric implements Metric {

    private final Metric metric;
    private final FMatrixRMaj colours = new FMatrixRMaj(1, RayColours.WIDTH);

    /**
     * @param metric the metric of ray colours (rays × 3), e.g. PSNR or SSIM
     */
    public FineColourMetric(Metric metric) {
        this.metric = Objects.requireNonNull(metric, "metric");
    }

    @Override
    public String name() {
        return metric.name();
    }

    @Override
    public boolean higherIsBetter() {
        return metric.higherIsBetter();
    }

    @Override
    public void reset() {
        metric.reset();
    }

    @Override
    public void add(FMatrixRMaj prediction, Feed batch) {
        metric.add(RayColours.of(prediction, 0, colours), batch);
    }

    @Override
    public double value() {
        return metric.value();
    }

    @Override
    public void resume(List<Map<String, Double>> epochs, String column) {
        metric.resume(epochs, column);
    }

    @Override
    public String toString() {
        return metric + " (fine colours)";
    }
}

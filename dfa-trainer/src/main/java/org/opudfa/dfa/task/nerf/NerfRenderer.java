package org.opudfa.dfa.task.nerf;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.nn.Feed;

/**
 * Renders whole images with a NeRF model: the ray through every pixel centre of a camera, sampled
 * at the bins' middles (no jitter; the fine samples, if any, at the evenly spaced quantiles of the
 * coarse weights), run through the model (inference mode) in batches of rays. The image is the
 * fine network's rendering when the model has one.
 */
public final class NerfRenderer {

    private final Graph model;
    private final StratifiedSampling sampling;
    private final int fineSamples;
    private final int batchRays;
    private final FMatrixRMaj colours = new FMatrixRMaj(1, RayColours.WIDTH);

    /**
     * @param model       a model built by {@link NerfModel#build} for this sampling and fine sample count
     * @param sampling    where along the rays to sample
     * @param fineSamples the model's fine samples per ray, 0 for none
     * @param batchRays   rays per forward pass, at least 1
     */
    public NerfRenderer(Graph model, StratifiedSampling sampling, int fineSamples, int batchRays) {
        this.model = Objects.requireNonNull(model, "model");
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        this.fineSamples = fineSamples;
        if (batchRays < 1) {
            throw new IllegalArgumentException("rendering needs at least 1 ray per batch, got " + batchRays);
        }
        this.batchRays = batchRays;
    }

    /**
     * @param camera the camera
     * @return the predicted colours, 3·W·H values in pixel order, row by row
     */
    public float[] render(PinholeCamera camera) {
        RayBatches rays = new RayBatches(MiniBatches.sequential(Rays.of(camera), batchRays), sampling, null, 0,
                fineSamples);
        Feed feed = rays.newFeed();
        float[] rgb = new float[3 * camera.width() * camera.height()];
        int at = 0;
        while (rays.next(feed)) {
            FMatrixRMaj y = RayColours.of(model.forward(feed, false), 0, colours);
            System.arraycopy(y.data, 0, rgb, at, y.getNumElements());
            at += y.getNumElements();
        }
        return rgb;
    }

    /**
     * @param camera the camera
     * @return the prediction as an opaque 8-bit image
     */
    public RgbaImage image(PinholeCamera camera) {
        return RgbaImage.ofRgb(camera.width(), camera.height(), render(camera));
    }

    /**
     * @param view       a view of the scene
     * @param background what shows through its transparent parts
     * @return the view as the camera saw it (left) beside the model's prediction (right)
     */
    public RgbaImage sideBySide(SceneView view, Background background) {
        PinholeCamera c = view.camera();
        return RgbaImage.sideBySide(RgbaImage.ofRgb(c.width(), c.height(), view.composited(background)), image(c));
    }
}

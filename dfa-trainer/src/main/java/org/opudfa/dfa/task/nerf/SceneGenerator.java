package org.opudfa.dfa.task.nerf;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Generates a scene in the Blender format by rendering an {@link AnalyticVolume} exactly (to well
 * under 8-bit precision, see {@link QuadratureRenderer}) from cameras around it, so that the data
 * a network learns from is known in closed form and the Blender-format reader is what reads it.
 *
 * <p>Cameras look at the origin with z up, at the given distance, with the horizontal field of view
 * of NeRF's Blender scenes (0.6911 rad, about 39.6°). Training and validation cameras are drawn
 * uniformly over the band of the upper hemisphere between heights 0.1 and 0.95 of the radius
 * (elevations from about 6° to 72°): the height uniform in [0.1, 0.95], the azimuth uniform in
 * [0, 2π), from the streams {@code "nerf.cameras.train"} and {@code "nerf.cameras.val"} of the seed.
 * Test cameras are a {@link Turntable} at 30° elevation (azimuths 2πk/n), so the test images are
 * a turn around the scene. Images are W × W RGBA PNGs with a transparent background, one ray per
 * pixel centre; frames are named {@code ./train/r_<k>} and so on, as in NeRF's scenes.
 *
 * @param size         image width and height W in pixels
 * @param trainViews   number of training views
 * @param valViews     number of validation views
 * @param testViews    number of test views
 * @param radius       camera distance from the origin
 * @param seed         seed of the camera positions
 */
public record SceneGenerator(int size, int trainViews, int valViews, int testViews, double radius, long seed) {

    /** The horizontal field of view of NeRF's Blender scenes, in radians. */
    public static final double CAMERA_ANGLE_X = 0.6911112070083618;
    /** The default image size. */
    public static final int DEFAULT_SIZE = 64;
    /** The default camera distance. */
    public static final double DEFAULT_RADIUS = 4.0;
    /** The elevation of the test turntable, radians. */
    public static final double TEST_ELEVATION = Math.toRadians(30);
    /** Lowest camera height of the training and validation views, as a fraction of the radius. */
    public static final double MIN_HEIGHT = 0.1;
    /** Highest camera height of the training and validation views, as a fraction of the radius. */
    public static final double MAX_HEIGHT = 0.95;

    /**
     * Validates.
     *
     * @param size       image size, 8 … 4096
     * @param trainViews at least 1
     * @param valViews   at least 1
     * @param testViews  at least 1
     * @param radius     camera distance, larger than the scene (at least 2)
     * @param seed       any
     * @throws IllegalArgumentException if a value is out of range
     */
    public SceneGenerator {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("the image size must be between 8 and 4096 pixels, got " + size);
        }
        if (trainViews < 1 || valViews < 1 || testViews < 1) {
            throw new IllegalArgumentException("every split needs at least 1 view, got " + trainViews + " training, "
                    + valViews + " validation and " + testViews + " test views");
        }
        if (!(radius >= 2)) {
            throw new IllegalArgumentException("the camera distance must be at least 2 (outside the scene), got " + radius);
        }
    }

    /** @return the defaults: 64 × 64, 100 training, 10 validation, 25 test views, distance 4, seed 0 */
    public static SceneGenerator defaults() {
        return new SceneGenerator(DEFAULT_SIZE, 100, 10, 25, DEFAULT_RADIUS, 0);
    }

    /** @return a one-line description of what this generates */
    public String describe() {
        return "generated scene (four coloured, partly translucent primitives, rendered exactly; " + size + "×" + size
                + ", " + trainViews + " training, " + valViews + " validation, " + testViews + " test views, seed "
                + seed + ")";
    }

    /**
     * @return the cameras of the three splits, train, val and test
     */
    public List<List<PinholeCamera>> cameras() {
        double focal = PinholeCamera.focalFromAngle(size, CAMERA_ANGLE_X);
        RandomStreams streams = RandomStreams.of(seed);
        return List.of(hemisphere(trainViews, focal, streams.stream("nerf.cameras.train")),
                hemisphere(valViews, focal, streams.stream("nerf.cameras.val")),
                Turntable.cameras(testViews, radius, TEST_ELEVATION, size, size, focal));
    }

    private List<PinholeCamera> hemisphere(int count, double focal, UniformRandomProvider rng) {
        List<PinholeCamera> cameras = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double height = MIN_HEIGHT + (MAX_HEIGHT - MIN_HEIGHT) * rng.nextDouble();
            double azimuth = 2 * Math.PI * rng.nextDouble();
            cameras.add(Turntable.onSphere(radius, azimuth, Math.asin(height), size, size, focal));
        }
        return cameras;
    }

    /**
     * Renders every view of the default scene ({@link AnalyticVolume#defaultScene()}) with the
     * default step.
     *
     * @param gemm whose threads render the views (one view per task)
     * @return the splits train, val and test, ready for {@link BlenderFormat#write}
     */
    public List<BlenderSplit> generate(Gemm gemm) {
        return generate(new QuadratureRenderer(AnalyticVolume.defaultScene(), QuadratureRenderer.DEFAULT_STEP), gemm);
    }

    /**
     * Renders every view.
     *
     * @param renderer the scene and quadrature
     * @param gemm     whose threads render the views (one view per task)
     * @return the splits train, val and test
     */
    public List<BlenderSplit> generate(QuadratureRenderer renderer, Gemm gemm) {
        List<List<PinholeCamera>> cameras = cameras();
        List<PinholeCamera> all = new ArrayList<>();
        cameras.forEach(all::addAll);
        RgbaImage[] images = new RgbaImage[all.size()];
        gemm.forEachTask(all.size(), (worker, k) ->
                images[k] = QuadratureRenderer.toImage(renderer.render(all.get(k)), size, size));
        List<BlenderSplit> splits = new ArrayList<>();
        int k = 0;
        for (int s = 0; s < 3; s++) {
            String name = BlenderFormat.SPLITS.get(s);
            List<BlenderFrame> frames = new ArrayList<>();
            for (int i = 0; i < cameras.get(s).size(); i++) {
                frames.add(new BlenderFrame("./" + name + "/r_" + i, all.get(k).cameraToWorld(), images[k]));
                k++;
            }
            splits.add(new BlenderSplit(name, CAMERA_ANGLE_X, frames));
        }
        return splits;
    }
}

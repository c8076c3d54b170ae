package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;

class SceneGeneratorTest {

    /** Camera positions are computed in double. */
    private static final double GEOMETRY_TOLERANCE = 1e-9;
    /** Half a level of an 8-bit image: the quadrature must be exact to well within the stored precision. */
    private static final double HALF_LEVEL = 0.5 / 255;
    /** A coarse step for fast tests of everything but the quadrature's accuracy. */
    private static final double COARSE_STEP = 0.02;

    private static List<BlenderSplit> coarse(SceneGenerator g) {
        return g.generate(new QuadratureRenderer(AnalyticVolume.defaultScene(), COARSE_STEP), Gemm.singleThreaded());
    }

    @Test
    void theSameSeedRendersTheSameScene() {
        SceneGenerator g = new SceneGenerator(12, 3, 1, 2, 4, 9);
        List<BlenderSplit> a = coarse(g);
        List<BlenderSplit> b = coarse(g);
        for (int s = 0; s < 3; s++) {
            assertEquals(BlenderFormat.SPLITS.get(s), a.get(s).name());
            for (int f = 0; f < a.get(s).frames().size(); f++) {
                assertEquals(a.get(s).frames().get(f).image(), b.get(s).frames().get(f).image());
                assertArrayEquals(a.get(s).frames().get(f).transformMatrix(), b.get(s).frames().get(f).transformMatrix());
            }
        }
        assertEquals("./train/r_2", a.get(0).frames().get(2).filePath());
    }

    @Test
    void theSeedMovesTheTrainingCamerasButNotTheTestTurntable() {
        List<List<PinholeCamera>> a = new SceneGenerator(16, 20, 5, 8, 4, 1).cameras();
        List<List<PinholeCamera>> b = new SceneGenerator(16, 20, 5, 8, 4, 2).cameras();
        assertNotEquals(a.get(0), b.get(0));
        assertEquals(a.get(2), b.get(2));
        double[] o = new double[3];
        for (PinholeCamera c : a.get(0)) {
            c.origin(o);
            assertEquals(4, Vectors.norm(o), GEOMETRY_TOLERANCE);
            assertTrue(o[2] >= SceneGenerator.MIN_HEIGHT * 4 && o[2] <= SceneGenerator.MAX_HEIGHT * 4, "height " + o[2]);
            double[] d = new double[3];
            c.direction(8, 8, d);
            // the image centre looks at the origin
            assertArrayEquals(new double[] {-o[0] / 4, -o[1] / 4, -o[2] / 4}, d, GEOMETRY_TOLERANCE);
        }
        for (PinholeCamera c : a.get(2)) {
            c.origin(o);
            assertEquals(4 * Math.sin(SceneGenerator.TEST_ELEVATION), o[2], GEOMETRY_TOLERANCE);
        }
    }

    @Test
    void theBackgroundIsTransparentAndTheObjectsAreNot() {
        RgbaImage image = coarse(new SceneGenerator(16, 1, 1, 1, 4, 0)).get(2).frames().get(0).image();
        assertEquals(0, image.get(0, 0, 3));
        assertEquals(0, image.get(15, 15, 3));
        int opaque = 0;
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 16; i++) {
                opaque += image.get(i, j, 3) == 255 ? 1 : 0;
            }
        }
        assertTrue(opaque > 16, "opaque pixels: " + opaque);
    }

    @Test
    void aRayThroughAUniformBallHasTheOpacityOfItsDiameter() {
        // the ramp is odd about the surface, so the optical depth through the centre is σ·2r exactly
        double sigma = 1.3;
        double r = 0.5;
        AnalyticVolume ball = new AnalyticVolume(List.of(new Primitive.Sphere(0, 0, 0, r, sigma,
                new double[] {0.2, 0.4, 0.6}, new double[] {0.2, 0.4, 0.6}, 0)), 0.05);
        double[] px = new double[4];
        new QuadratureRenderer(ball, QuadratureRenderer.DEFAULT_STEP).ray(new double[] {0, -3, 0},
                new double[] {0, 1, 0}, px);
        double opacity = 1 - Math.exp(-sigma * 2 * r);
        assertEquals(opacity, px[3], HALF_LEVEL / 10);
        assertEquals(0.4 * opacity, px[1], HALF_LEVEL / 10);
        new QuadratureRenderer(ball, QuadratureRenderer.DEFAULT_STEP).ray(new double[] {0, -3, 0},
                new double[] {0, 0, 1}, px);
        assertArrayEquals(new double[4], px, 0, "a ray that misses the ball");
    }

    @Test
    void theDefaultStepIsExactToWellWithinAnEightBitLevel() {
        PinholeCamera camera = Turntable.onSphere(4, 0.3, 0.4, 16, 16, PinholeCamera.focalFromAngle(16,
                SceneGenerator.CAMERA_ANGLE_X));
        AnalyticVolume scene = AnalyticVolume.defaultScene();
        double[] fine = new QuadratureRenderer(scene, QuadratureRenderer.DEFAULT_STEP).render(camera);
        double[] finer = new QuadratureRenderer(scene, QuadratureRenderer.DEFAULT_STEP / 2).render(camera);
        double worst = 0;
        for (int i = 0; i < fine.length; i++) {
            worst = Math.max(worst, Math.abs(fine[i] - finer[i]));
        }
        // the midpoint rule's error falls as h²: the step's own error is about 4/3 of this difference
        assertTrue(worst < HALF_LEVEL, "largest change on halving the step: " + worst);
    }

    @Test
    void rejectsSizesOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SceneGenerator(4, 1, 1, 1, 4, 0));
        assertEquals("the image size must be between 8 and 4096 pixels, got 4", e.getMessage());
    }
}

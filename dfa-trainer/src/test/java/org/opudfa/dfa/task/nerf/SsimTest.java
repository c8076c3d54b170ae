package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Feed;

class SsimTest {

    /** Sums of 363 double terms of order 1 over float inputs. */
    private static final double TOLERANCE = 1e-9;
    private static final int WIDTH = 16;
    private static final int HEIGHT = 12;

    /**
     * The SSIM of the two images of {@link #pattern}, computed independently in double precision
     * with a grouped 2-D convolution by the 11 × 11 Gaussian window of σ 1.5 ('valid' positions only).
     */
    private static final double REFERENCE = 0.7839576127400764;

    /** {@code x = 0.5 + 0.4·sin(0.7i + 1.3j + c)}, and with {@code perturbed}, {@code + 0.3·cos(1.1i − 0.5j + 2c)}. */
    private static float[] pattern(boolean perturbed) {
        float[] v = new float[3 * WIDTH * HEIGHT];
        for (int j = 0; j < HEIGHT; j++) {
            for (int i = 0; i < WIDTH; i++) {
                for (int c = 0; c < 3; c++) {
                    double a = 0.5 + 0.4 * Math.sin(0.7 * i + 1.3 * j + c);
                    v[(j * WIDTH + i) * 3 + c] = (float) (perturbed ? a + 0.3 * Math.cos(1.1 * i - 0.5 * j + 2 * c) : a);
                }
            }
        }
        return v;
    }

    @Test
    void matchesTheReferenceComputation() {
        assertEquals(REFERENCE, Ssim.of(pattern(false), pattern(true), WIDTH, HEIGHT, 3), TOLERANCE);
        assertEquals(REFERENCE, Ssim.of(pattern(true), pattern(false), WIDTH, HEIGHT, 3), TOLERANCE, "symmetric");
    }

    @Test
    void identicalImagesScoreOneAndConstantImagesTheLuminanceTerm() {
        float[] x = pattern(true);
        assertEquals(1.0, Ssim.of(x, x.clone(), WIDTH, HEIGHT, 3), TOLERANCE);
        // constant images a and b: no variance, so SSIM = (2ab + C1) / (a² + b² + C1)
        float[] a = new float[3 * WIDTH * HEIGHT];
        float[] b = new float[3 * WIDTH * HEIGHT];
        java.util.Arrays.fill(a, 0.5f);
        java.util.Arrays.fill(b, 0.25f);
        assertEquals((2 * 0.5 * 0.25 + Ssim.C1) / (0.5 * 0.5 + 0.25 * 0.25 + Ssim.C1),
                Ssim.of(a, b, WIDTH, HEIGHT, 3), TOLERANCE);
    }

    @Test
    void theMetricAveragesTheViewsCollectedInRayOrder() {
        SceneView view = new SceneView("test/r_0", PinholeCamera.lookAt(new double[] {0, 0, 4},
                new double[] {0, 0, 0}, new double[] {0, 1, 0}, WIDTH, HEIGHT, 20),
                new float[4 * WIDTH * HEIGHT]);
        SsimMetric metric = new SsimMetric(List.of(view, view));
        float[] truth = pattern(false);
        float[] predicted = pattern(true);
        metric.reset();
        // the first view identical, the second the perturbed pattern, in batches of 64 rays
        for (int image = 0; image < 2; image++) {
            for (int from = 0; from < WIDTH * HEIGHT; from += 64) {
                FMatrixRMaj p = new FMatrixRMaj(64, 3);
                FMatrixRMaj t = new FMatrixRMaj(64, 3);
                System.arraycopy(image == 0 ? truth : predicted, 3 * from, p.data, 0, 3 * 64);
                System.arraycopy(truth, 3 * from, t.data, 0, 3 * 64);
                metric.add(p, new Feed().put(RayBatches.COLOURS, t));
            }
        }
        assertEquals((1.0 + REFERENCE) / 2, metric.value(), TOLERANCE);
        metric.reset();
        assertEquals(Double.NaN, metric.value(), "nothing collected");
    }

    @Test
    void refusesImagesOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ssim.of(new float[6], new float[6], 2, 2, 3));
        assertEquals("SSIM of 2 × 2 images of 3 channels needs 12 values per image, got 6 and 6", e.getMessage());
    }
}

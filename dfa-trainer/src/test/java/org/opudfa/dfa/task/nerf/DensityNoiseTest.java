package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** Noise on the raw density: training passes only, the density column only, seeded, gradient unchanged. */
class DensityNoiseTest {

    private static final int ROWS = 20_000;
    private static final double SCALE = 0.3;
    /**
     * The sample mean of 20 000 draws of N(0, s²) has a standard deviation of s/√20 000 ≈ 0.002 and
     * the sample standard deviation one of s/√40 000 ≈ 0.0015: five of each.
     */
    private static final double MEAN_TOLERANCE = 0.011;
    private static final double STD_TOLERANCE = 0.008;

    private static FMatrixRMaj raw() {
        return GradientCheck.uniform(ROWS, VolumeRendering.RAW_WIDTH, RandomStreams.of(3).stream("data"));
    }

    private static DensityNoise noise(long seed) {
        return new DensityNoise("density.noise", SCALE, RandomStreams.of(seed).stream("density.noise"));
    }

    @Test
    void aTrainingPassAddsGaussianNoiseOfTheScaleToTheDensityAlone() {
        FMatrixRMaj x = raw();
        FMatrixRMaj y = noise(1).newCall().forward(new FMatrixRMaj[] {x}, new Feed(), true)[0];
        double sum = 0;
        double sumSquares = 0;
        int k = VolumeRendering.RAW_WIDTH;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < k - 1; c++) {
                assertEquals(x.get(r, c), y.get(r, c), "colour column " + c + " of row " + r);
            }
            double d = y.get(r, k - 1) - x.get(r, k - 1);
            sum += d;
            sumSquares += d * d;
        }
        double mean = sum / ROWS;
        assertEquals(0, mean, MEAN_TOLERANCE);
        assertEquals(SCALE, Math.sqrt(sumSquares / ROWS - mean * mean), STD_TOLERANCE);
    }

    @Test
    void anInferencePassAndTheGradientGoThroughUnchanged() {
        FMatrixRMaj x = raw();
        UnaryCall call = noise(1).newCall();
        assertSame(x, call.forward(new FMatrixRMaj[] {x}, new Feed(), false)[0]);
        call.forward(new FMatrixRMaj[] {x}, new Feed(), true);
        FMatrixRMaj g = raw();
        assertArrayEquals(g.data, call.backward(new FMatrixRMaj[] {g}, new boolean[] {true})[0].data);
    }

    @Test
    void theDrawsComeFromTheSeededStream() {
        FMatrixRMaj x = raw();
        float[] a = noise(1).newCall().forward(new FMatrixRMaj[] {x}, new Feed(), true)[0].data.clone();
        float[] b = noise(1).newCall().forward(new FMatrixRMaj[] {x}, new Feed(), true)[0].data.clone();
        float[] c = noise(2).newCall().forward(new FMatrixRMaj[] {x}, new Feed(), true)[0].data.clone();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void aModelWithNoiseHasItBeforeEachRenderingAndDeclaresItsStreams() {
        StratifiedSampling sampling = new StratifiedSampling(2.5, 5.5, 4);
        Graph g = NerfModel.build(new NerfModel.Shape(1, 4, 4, 1, 1), sampling, 4, Background.WHITE, SCALE,
                RandomStreams.of(1), RandomStreams.of(1).stream("init"), Gemm.singleThreaded());
        assertTrue(g.randomStreams().keySet().containsAll(List.of("density.noise", "fine.density.noise")),
                "" + g.randomStreams().keySet());
        Graph none = NerfModel.build(new NerfModel.Shape(1, 4, 4, 1, 1), sampling, 4, Background.WHITE, 0, null,
                RandomStreams.of(1).stream("init"), Gemm.singleThreaded());
        assertTrue(none.randomStreams().isEmpty(), "no noise, no stream");
    }

    @Test
    void refusesANonPositiveScaleAndAnInputThatIsNotARawOutput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DensityNoise("n", 0, RandomStreams.of(1).stream("n")));
        assertEquals("the density noise of 'n' must be positive and finite, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> noise(1).outputWidth(3));
    }
}

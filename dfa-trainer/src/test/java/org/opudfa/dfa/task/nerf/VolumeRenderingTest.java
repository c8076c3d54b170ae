package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.rng.RandomStreams;

class VolumeRenderingTest {

    /** The rendering accumulates in double and rounds each output once to float. */
    private static final double FLOAT_TOLERANCE = 1e-6;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    /** raw outputs of `rays` rays of `samples` samples, all of colour logit `logit` and density `sigma` */
    private static FMatrixRMaj constant(int rays, int samples, float logit, float sigma) {
        FMatrixRMaj raw = new FMatrixRMaj(rays * samples, VolumeRendering.RAW_WIDTH);
        for (int i = 0; i < raw.numRows; i++) {
            raw.set(i, 0, logit);
            raw.set(i, 1, logit);
            raw.set(i, 2, logit);
            raw.set(i, 3, sigma);
        }
        return raw;
    }

    private static FMatrixRMaj lengths(int rows, float delta) {
        FMatrixRMaj d = new FMatrixRMaj(rows, 1);
        java.util.Arrays.fill(d.data, delta);
        return d;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void constantDensityGivesTheOpacityOfBeersLaw() {
        int samples = 16;
        float sigma = 0.7f;
        float delta = 0.25f;
        double length = samples * delta;
        double opacity = 1 - Math.exp(-sigma * length);
        double colour = sigmoid(0.3);
        // on black the ray's colour is c·(1 − e^(−σL)); on white the background adds e^(−σL)
        Call black = new VolumeRendering("render", samples, Background.BLACK).newCall();
        FMatrixRMaj y = black.forward(new FMatrixRMaj[] {constant(2, samples, 0.3f, sigma), lengths(2 * samples, delta)},
                NO_SIDE_INPUTS, false)[0];
        assertEquals(2, y.numRows);
        for (int i = 0; i < 6; i++) {
            assertEquals(colour * opacity, y.data[i], FLOAT_TOLERANCE);
        }
        Call white = new VolumeRendering("render", samples, Background.WHITE).newCall();
        y = white.forward(new FMatrixRMaj[] {constant(1, samples, 0.3f, sigma), lengths(samples, delta)},
                NO_SIDE_INPUTS, false)[0];
        assertEquals(colour * opacity + (1 - opacity), y.data[0], FLOAT_TOLERANCE);
    }

    @Test
    void anOpaqueFirstSampleHidesEverythingBehindIt() {
        FMatrixRMaj raw = new FMatrixRMaj(3, 4, true,
                2f, -2f, 0f, 1000f,
                -5f, 5f, 5f, 1000f,
                5f, 5f, 5f, 1000f);
        FMatrixRMaj y = new VolumeRendering("render", 3, Background.WHITE).newCall()
                .forward(new FMatrixRMaj[] {raw, lengths(3, 1f)}, NO_SIDE_INPUTS, false)[0];
        assertEquals(sigmoid(2), y.data[0], FLOAT_TOLERANCE);
        assertEquals(sigmoid(-2), y.data[1], FLOAT_TOLERANCE);
        assertEquals(0.5, y.data[2], FLOAT_TOLERANCE);
    }

    @Test
    void negativeRawDensityIsEmptySpace() {
        FMatrixRMaj y = new VolumeRendering("render", 4, Background.WHITE).newCall()
                .forward(new FMatrixRMaj[] {constant(1, 4, 1f, -3f), lengths(4, 1f)}, NO_SIDE_INPUTS, false)[0];
        for (int c = 0; c < 3; c++) {
            assertEquals(1.0, y.data[c], FLOAT_TOLERANCE);
        }
    }

    @Test
    void twoSamplesMatchTheClosedForm() {
        // C = (1 − e^{−τ0})·c0 + e^{−τ0}(1 − e^{−τ1})·c1 + e^{−τ0−τ1}·b
        FMatrixRMaj raw = new FMatrixRMaj(2, 4, true, 0.5f, 0f, 0f, 0.8f, -1f, 0f, 0f, 1.5f);
        FMatrixRMaj d = new FMatrixRMaj(2, 1, true, 0.5f, 0.25f);
        FMatrixRMaj y = new VolumeRendering("render", 2, Background.BLACK).newCall()
                .forward(new FMatrixRMaj[] {raw, d}, NO_SIDE_INPUTS, false)[0];
        double t0 = 0.8 * 0.5;
        double t1 = 1.5 * 0.25;
        double expected = (1 - Math.exp(-t0)) * sigmoid(0.5) + Math.exp(-t0) * (1 - Math.exp(-t1)) * sigmoid(-1);
        assertEquals(expected, y.data[0], FLOAT_TOLERANCE);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(5).stream("data");
        int rays = 3;
        int samples = 5;
        FMatrixRMaj raw = GradientCheck.uniform(rays * samples, 4, rng);
        FMatrixRMaj d = new FMatrixRMaj(rays * samples, 1);
        for (int i = 0; i < raw.numRows; i++) {
            // densities well away from the ReLU's kink, so the finite differences do not straddle it
            float s = raw.get(i, 3);
            raw.set(i, 3, s >= 0 ? 0.2f + 2 * s : -0.2f + s);
            d.data[i] = (float) (0.1 + 0.5 * rng.nextDouble());
        }
        for (Background b : Background.values()) {
            GradientCheck.check(new VolumeRendering("render", samples, b), new FMatrixRMaj[] {raw, d}, () -> { },
                    rng);
        }
    }

    @Test
    void backwardSkipsTheGradientsNotAskedFor() {
        Call call = new VolumeRendering("render", 2, Background.WHITE).newCall();
        call.forward(new FMatrixRMaj[] {constant(1, 2, 0f, 1f), lengths(2, 1f)}, NO_SIDE_INPUTS, true);
        FMatrixRMaj[] g = call.backward(new FMatrixRMaj[] {new FMatrixRMaj(1, 3, true, 1f, 1f, 1f)},
                new boolean[] {true, false});
        assertEquals(2, g[0].numRows);
        assertNull(g[1]);
    }

    @Test
    void rejectsRowsThatAreNotWholeRays() {
        VolumeRendering r = new VolumeRendering("render", 4, Background.WHITE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.newCall()
                .forward(new FMatrixRMaj[] {constant(1, 6, 0f, 1f), lengths(6, 1f)}, NO_SIDE_INPUTS, true));
        assertEquals("volume rendering 'render' got 6 sample points, not a whole number of rays of 4 samples",
                e.getMessage());
        IllegalArgumentException widths = assertThrows(IllegalArgumentException.class,
                () -> r.outputWidths(new int[] {3, 1}));
        assertEquals("volume rendering 'render' takes the raw output (4 columns: r, g, b, σ) and the sample lengths "
                + "(1 column), got widths [3, 1]", widths.getMessage());
        assertThrows(IllegalStateException.class,
                () -> r.newCall().backward(new FMatrixRMaj[] {new FMatrixRMaj(1, 3)}, new boolean[] {true, true}));
    }
}

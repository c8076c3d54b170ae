package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;
import org.opudfa.opu.rng.SplitMix64;

class CameraTest {

    private static final int SAMPLES = 100_000;
    /** Standard errors allowed for sample moments (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;
    /** Relative tolerance on the quantisation variance (its standard error is about 0.3%). */
    private static final double QUANTISATION_VARIANCE_TOLERANCE = 0.02;
    private static final double EXACT = 1e-12;
    /** Frames and pixels per frame of the order-independence check. */
    private static final int FRAMES = 4;
    private static final int NOISE_PIXELS = 500;
    private static final long KEY = 0x5eedL;
    /** The device frame index the single-frame captures use; any index would do. */
    private static final long FRAME = 3;

    private static CameraConfig config(int bits, double readNoise, boolean shot, boolean auto, double exposure) {
        return new CameraConfig(100, 100, false, bits, 10_000, readNoise, shot, auto, 0.1, exposure);
    }

    private static Camera camera(CameraConfig config) {
        return new Camera(config, RandomStreams.of(5).derive("opu.noise"));
    }

    @Test
    void quantisationOnlyErrorHasVarianceDeltaSquaredOverTwelve() {
        double eta = 100;
        Camera camera = camera(config(8, 0.0, false, false, eta));
        UniformRandomProvider rng = RandomStreams.of(6).stream("test");
        double[] intensity = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            intensity[i] = 20.0 * rng.nextDouble();
        }
        double[] measured = new double[SAMPLES];
        camera.capture(FRAME, intensity, SAMPLES, eta, measured);
        double delta = camera.quantisationStep(eta);
        assertEquals(10_000.0 / 255 / eta, delta, EXACT);
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double e = measured[i] - intensity[i];
            assertTrue(Math.abs(e) <= delta / 2 + EXACT, "rounding error within half a step");
            sum += e;
            sum2 += e * e;
        }
        double mean = sum / SAMPLES;
        double variance = sum2 / SAMPLES - mean * mean;
        // Rounding is unbiased (a floor would be off by Δ/2): mean within Z standard errors of 0.
        assertEquals(0.0, mean, Z * delta / Math.sqrt(12.0 * SAMPLES));
        assertEquals(delta * delta / 12, variance, QUANTISATION_VARIANCE_TOLERANCE * delta * delta / 12);
        assertEquals(0, camera.saturatedPixels());
        assertEquals(SAMPLES, camera.pixelsRead());
    }

    @Test
    void pixelsAboveFullWellAreClippedAndCounted() {
        double eta = 1;
        Camera camera = camera(config(8, 0.0, false, false, eta));
        double[] intensity = {5_000, 20_000, -3, 10_000};
        double[] out = new double[4];
        camera.capture(FRAME, intensity, 4, eta, out);
        assertEquals(10_000.0, out[1], EXACT);
        assertEquals(0.0, out[2], EXACT);
        assertEquals(1, camera.saturatedPixels());
        assertEquals(0.25, camera.saturatedFraction(), EXACT);
        assertEquals(255, camera.adcCount(1e9));
        assertEquals(0, camera.adcCount(-5));
        assertEquals(102, camera.adcCount(4_000));
    }

    @Test
    void smallMeansGetExactPoissonShotNoise() {
        double lambda = 5;
        Camera camera = camera(config(16, 0.0, true, false, 1.0));
        double[] intensity = new double[SAMPLES];
        java.util.Arrays.fill(intensity, lambda);
        double[] out = new double[SAMPLES];
        camera.capture(FRAME, intensity, SAMPLES, 1.0, out);
        double sum = 0;
        double sum2 = 0;
        int zeros = 0;
        for (double e : out) {
            sum += e;
            sum2 += e * e;
            if (e == 0.0) {
                zeros++;
            }
        }
        double mean = sum / SAMPLES;
        double variance = sum2 / SAMPLES - mean * mean;
        assertEquals(lambda, mean, Z * Math.sqrt(lambda / SAMPLES));
        // Var of the sample variance of Poisson(λ) is about (λ(1+3λ) − λ²)/N.
        assertEquals(lambda, variance, Z * Math.sqrt((lambda * (1 + 3 * lambda) - lambda * lambda) / SAMPLES));
        double p0 = Math.exp(-lambda);
        assertEquals(p0, (double) zeros / SAMPLES, Z * Math.sqrt(p0 / SAMPLES), "P(0) = e^−λ: integer counts");
    }

    @Test
    void largeMeansGetGaussianShotPlusReadNoise() {
        double lambda = 1000;
        double readNoise = 3;
        Camera camera = camera(config(16, readNoise, true, false, 1.0));
        double[] intensity = new double[SAMPLES];
        java.util.Arrays.fill(intensity, lambda);
        double[] out = new double[SAMPLES];
        camera.capture(FRAME, intensity, SAMPLES, 1.0, out);
        double mean = ScatteringMediumTest.mean(out);
        double variance = ScatteringMediumTest.variance(out, mean);
        double expected = lambda + readNoise * readNoise;
        assertEquals(lambda, mean, Z * Math.sqrt(expected / SAMPLES));
        assertEquals(expected, variance, Z * expected * Math.sqrt(2.0 / SAMPLES));
    }

    @Test
    void readNoiseAloneHasItsVariance() {
        double readNoise = 3;
        Camera camera = camera(config(16, readNoise, false, false, 1.0));
        double[] intensity = new double[SAMPLES];
        java.util.Arrays.fill(intensity, 500);
        double[] out = new double[SAMPLES];
        camera.capture(FRAME, intensity, SAMPLES, 1.0, out);
        double mean = ScatteringMediumTest.mean(out);
        double variance = ScatteringMediumTest.variance(out, mean);
        double delta = camera.quantisationStep(1.0);
        double expected = readNoise * readNoise + delta * delta / 12;
        assertEquals(expected, variance, Z * expected * Math.sqrt(2.0 / SAMPLES));
    }

    @Test
    void autoExposurePutsTheMeanAtFillTimesFullWell() {
        Camera auto = camera(config(8, 3, true, true, 1));
        assertEquals(0.1 * 10_000 / 8.0, auto.exposure(8.0), EXACT);
        assertEquals(0.1 * 10_000, auto.exposure(0.0), EXACT, "a dark frame is exposed as if its mean were 1");
        Camera fixed = camera(config(8, 3, true, false, 42));
        assertEquals(42, fixed.exposure(8.0), EXACT);
    }

    @Test
    void sameKeyAndFrameSameNoise() {
        double[] intensity = new double[1000];
        java.util.Arrays.fill(intensity, 3.0);
        double[] a = new double[1000];
        double[] b = new double[1000];
        camera(CameraConfig.defaults()).capture(FRAME, intensity, 1000, 20, a);
        camera(CameraConfig.defaults()).capture(FRAME, intensity, 1000, 20, b);
        assertArrayEquals(a, b, 0.0);
    }

    @Test
    void noiseOfAFrameDependsOnItsIndexNotOnTheOrderOfCaptures() {
        double[] intensity = new double[NOISE_PIXELS];
        java.util.Arrays.fill(intensity, 30.0);
        Camera forward = camera(CameraConfig.defaults());
        Camera backward = camera(CameraConfig.defaults());
        double[][] inOrder = new double[FRAMES][NOISE_PIXELS];
        double[][] reversed = new double[FRAMES][NOISE_PIXELS];
        for (int f = 0; f < FRAMES; f++) {
            forward.capture(f, intensity, NOISE_PIXELS, 20, inOrder[f]);
        }
        for (int f = FRAMES - 1; f >= 0; f--) {
            backward.capture(f, intensity, NOISE_PIXELS, 20, reversed[f]);
        }
        // An exposure object of the same camera, as a second thread would use, measures the same.
        CameraExposure other = forward.newExposure();
        double[] viaExposure = new double[NOISE_PIXELS];
        for (int f = 0; f < FRAMES; f++) {
            assertArrayEquals(inOrder[f], reversed[f], 0.0, "frame " + f);
            other.start(f, 20);
            other.measure(intensity, NOISE_PIXELS, viaExposure);
            assertArrayEquals(inOrder[f], viaExposure, 0.0, "frame " + f + " through another exposure");
        }
        assertFalse(java.util.Arrays.equals(inOrder[0], inOrder[1]), "frames get different noise");
        Camera otherKey = new Camera(CameraConfig.defaults(), RandomStreams.of(6).derive("opu.noise"));
        double[] c = new double[NOISE_PIXELS];
        otherKey.capture(0, intensity, NOISE_PIXELS, 20, c);
        assertFalse(java.util.Arrays.equals(inOrder[0], c), "another key gives other noise");
    }

    @Test
    void frameSeedMixesKeyAndFrame() {
        // A pure function of (key, frame), distinct for neighbouring frames and keys.
        assertEquals(Camera.frameSeed(KEY, 5), Camera.frameSeed(KEY, 5));
        assertNotEquals(Camera.frameSeed(KEY, 5), Camera.frameSeed(KEY, 6));
        assertNotEquals(Camera.frameSeed(KEY, 5), Camera.frameSeed(KEY + 1, 5));
        assertEquals(SplitMix64.mix(KEY ^ SplitMix64.mix(5)), Camera.frameSeed(KEY, 5));
    }
}

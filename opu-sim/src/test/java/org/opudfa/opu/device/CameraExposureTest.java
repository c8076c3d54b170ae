package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The shot noise below the Gaussian cut-over is exactly Poisson: whole and fractional means, from
 * below one photo-electron to just under the cut-over.
 */
class CameraExposureTest {

    /** Samples per mean: enough to see a candidate shifted by half a count in a tenth of the cases. */
    private static final int SAMPLES = 400_000;
    /** Standard errors allowed for the sample mean (two-sided false-failure rate about 6e-5 per mean). */
    private static final double Z = 4.0;
    /**
     * Significance of each chi-square test: a correct sampler fails one mean with probability
     * 1e-4, so the five means together (with their mean checks) fail about once in 1 500 runs (the
     * seed is fixed, so a run that passes always passes).
     */
    private static final double ALPHA = 1e-4;
    /** Cells with fewer expected counts than this are pooled, as the chi-square test needs. */
    private static final double MIN_EXPECTED = 5.0;
    private static final double EXACT = 1e-12;
    /** A camera whose ADC counts single electrons: 16 bits, full well 2^16 − 1, fixed exposure 1, no read noise. */
    private static final CameraConfig ELECTRON_COUNTER = new CameraConfig(100, 100, false, 16, 65_535.0, 0.0, true,
            false, 0.1, 1.0);

    @Test
    void shotNoiseIsPoissonFromTheDarkestPixelsToTheCutOver() {
        double[] means = {0.7, 1.0, 6.0, 23.5, 49.9};
        CameraExposure exposure = new Camera(ELECTRON_COUNTER, RandomStreams.of(11).derive("opu.noise")).newExposure();
        for (int m = 0; m < means.length; m++) {
            double lambda = means[m];
            exposure.start(m, 1.0);
            int max = (int) (lambda + 12 * Math.sqrt(lambda) + 20);
            long[] observed = new long[max + 1];
            double sum = 0;
            double[] intensity = new double[SAMPLES];
            java.util.Arrays.fill(intensity, lambda);
            double[] electrons = new double[SAMPLES];
            exposure.measure(intensity, SAMPLES, electrons);
            for (int i = 0; i < SAMPLES; i++) {
                double k = electrons[i];
                assertEquals(Math.rint(k), k, EXACT, "whole electrons");
                observed[(int) Math.min(k, max)]++;
                sum += k;
            }
            assertEquals(lambda, sum / SAMPLES, Z * Math.sqrt(lambda / SAMPLES), "mean at λ = " + lambda);
            assertPoisson(lambda, observed);
        }
    }

    private static void assertPoisson(double lambda, long[] observed) {
        PoissonDistribution poisson = new PoissonDistribution(lambda);
        int max = observed.length - 1;
        // Pool the cells from both tails until each expects at least MIN_EXPECTED counts.
        double[] expected = new double[observed.length];
        long[] counts = new long[observed.length];
        int cells = 0;
        double pendingExpected = 0;
        long pendingCount = 0;
        for (int k = 0; k <= max; k++) {
            pendingExpected += (k == max ? 1.0 - poisson.cumulativeProbability(max - 1) : poisson.probability(k))
                    * SAMPLES;
            pendingCount += observed[k];
            if (pendingExpected >= MIN_EXPECTED) {
                expected[cells] = pendingExpected;
                counts[cells] = pendingCount;
                cells++;
                pendingExpected = 0;
                pendingCount = 0;
            }
        }
        expected[cells - 1] += pendingExpected;
        counts[cells - 1] += pendingCount;
        double[] e = java.util.Arrays.copyOf(expected, cells);
        long[] o = java.util.Arrays.copyOf(counts, cells);
        double p = new ChiSquareTest().chiSquareTest(e, o);
        assertTrue(p > ALPHA, "λ = " + lambda + ": chi-square p-value " + p + " over " + cells + " cells");
    }
}

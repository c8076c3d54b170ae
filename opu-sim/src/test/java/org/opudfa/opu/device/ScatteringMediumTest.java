package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.encoding.BinaryFrame;

/** The speckle statistics DESIGN §4 asks for, on noise-free intensities {@code |T(t)x|²}, and the field model. */
class ScatteringMediumTest {

    private static final long SEED = 11L;
    /** KS p-value below which a sample is rejected; a correct medium fails with probability 0.001. */
    private static final double KS_ALPHA = 1e-3;
    /** Standard errors allowed for sample moments (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;
    /** Rounding allowed between two summation orders of the same field. */
    private static final double RELATIVE = 1e-12;
    private static final double EXACT = 0.0;

    @Test
    void intensitiesOfAFrameWithKOnesAreExponentialWithMeanK() {
        int pixels = 4000;
        int k = 6;
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, pixels, 20, 0, 0.0);
        double[] intensity = intensities(medium, BinaryFrame.of(20, 0, 3, 4, 9, 12, 19), 0);
        double mean = mean(intensity);
        double std = Math.sqrt(variance(intensity, mean));
        ExponentialDistribution expected = new ExponentialDistribution(new Well19937c(1), k);
        double p = new KolmogorovSmirnovTest(new Well19937c(2)).kolmogorovSmirnovTest(expected, intensity);
        assertTrue(p > KS_ALPHA, "KS p-value " + p);
        // Exponential: the mean has standard error k/√M; the sample std about the same (excess kurtosis 6).
        assertEquals(k, mean, Z * k / Math.sqrt(pixels));
        assertEquals(k, std, Z * k * Math.sqrt(2.0) / Math.sqrt(pixels));
    }

    @Test
    void secondMomentOfTwoFramesIsKKPrimePlusOverlapSquared() {
        int pixels = 20_000;
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, pixels, 20, 0, 0.0);
        BinaryFrame x = BinaryFrame.of(20, 0, 1, 2, 3, 4, 5);
        BinaryFrame y = BinaryFrame.of(20, 3, 4, 5, 6, 7);
        double[] ix = intensities(medium, x, 0);
        double[] iy = intensities(medium, y, 0);
        double[] product = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            product[i] = ix[i] * iy[i];
        }
        double mean = mean(product);
        double standardError = Math.sqrt(variance(product, mean) / pixels);
        double overlap = x.overlap(y);
        double expected = x.count() * y.count() + overlap * overlap;
        assertEquals(39.0, expected);
        assertEquals(expected, mean, Z * standardError);
        // The overlap term is resolved: k·k' alone is far outside the interval.
        assertTrue(Math.abs(mean - x.count() * y.count()) > Z * standardError);
    }

    @Test
    void driftKeepsStatisticsAndDecorrelatesAsCosTheta() {
        int pixels = 5000;
        int inputs = 10;
        double rate = 0.01;
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, pixels, inputs, 2, rate);
        int[] rows = identity(pixels);
        for (long frame : new long[] {50, 100, 150}) {
            double dot = 0;
            double norm0 = 0;
            double normT = 0;
            double[] re0 = new double[pixels];
            double[] im0 = new double[pixels];
            double[] reT = new double[pixels];
            double[] imT = new double[pixels];
            for (int j = 0; j < inputs; j++) {
                medium.column(j, 0, rows, pixels, re0, im0);
                medium.column(j, frame, rows, pixels, reT, imT);
                for (int i = 0; i < pixels; i++) {
                    dot += re0[i] * reT[i] + im0[i] * imT[i];
                    norm0 += re0[i] * re0[i] + im0[i] * im0[i];
                    normT += reT[i] * reT[i] + imT[i] * imT[i];
                }
            }
            int entries = pixels * inputs;
            double theta = rate * frame;
            // Each product has standard deviation at most 1, so the correlation's standard error is below 1/√N.
            assertEquals(Math.cos(theta), dot / Math.sqrt(norm0 * normT), Z / Math.sqrt(entries), "θ = " + theta);
            assertEquals(1.0, normT / entries, Z / Math.sqrt(entries), "E|T(t)|² = 1 at θ = " + theta);
        }
    }

    @Test
    void referenceFieldIsTheSumOfTheReferenceColumns() {
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, 50, 4, 3, 0.0);
        int[] rows = identity(50);
        double[] withRef = new double[50];
        medium.intensities(BinaryFrame.of(4, 1), rows, 50, 1.0, 0, withRef, 1, new double[50], new double[4]);
        double[] col = new double[50];
        double[] colIm = new double[50];
        double[] ref = new double[50];
        double[] refIm = new double[50];
        medium.referenceField(0, rows, 50, ref, refIm);
        medium.column(1, 0, rows, 50, col, colIm);
        for (int i = 0; i < 50; i++) {
            double re = col[i] + ref[i];
            double im = colIm[i] + refIm[i];
            assertEquals(re * re + im * im, withRef[i], RELATIVE * (1 + withRef[i]));
        }
    }

    @Test
    void aDriftingMediumAtAngleZeroGivesTheStillMediumsBits() {
        // The still formulas are the drifting ones at θ = 0 with the vanishing terms left out.
        ScatteringMedium still = ScatteringMedium.create(MatrixMode.DENSE, SEED, 300, 12, 4, 0.0);
        ScatteringMedium drifting = ScatteringMedium.create(MatrixMode.DENSE, SEED, 300, 12, 4, 0.05);
        BinaryFrame x = BinaryFrame.of(12, 0, 5, 6, 11);
        int[] rows = identity(300);
        double gain2 = 4.0;
        double[] stillA = new double[300];
        double[] stillB = new double[300];
        double[] driftA = new double[300];
        double[] driftB = new double[300];
        still.intensities(x, rows, 300, gain2, 0, stillA, 0, stillB, new double[4]);
        drifting.intensities(x, rows, 300, gain2, 0, driftA, 0, driftB, new double[4]);
        assertArrayEquals(stillA, driftA, EXACT);
        assertArrayEquals(stillB, driftB, EXACT);
        drifting.intensities(x, rows, 300, gain2, 0, driftA, 10, driftB, new double[4]);
        assertFalse(java.util.Arrays.equals(stillB, driftB), "at θ > 0 the drifting medium differs");
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScatteringMedium.create(MatrixMode.DENSE, SEED, 10, 0, 1, 0.0));
        assertEquals("medium inputs must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScatteringMedium.create(MatrixMode.DENSE, SEED, 10, 3, -1, 0.0));
        assertEquals("reference size must be at least 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScatteringMedium.create(MatrixMode.DENSE, SEED, 10, 3, 1, -0.5));
        assertEquals("drift rate must be a finite number of radians per frame >= 0, got -0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ScatteringMedium(new DenseTransmissionMatrix(1, 10, 5), null, 3, 1, 0.0));
        assertEquals("transmission matrix must have 4 columns (inputs plus reference), got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ScatteringMedium(new DenseTransmissionMatrix(1, 10, 4), null, 3, 1, 0.1));
        assertEquals("a drifting medium needs a second matrix of 10×4", e.getMessage());
    }

    static double[] intensities(ScatteringMedium medium, BinaryFrame x, long frame) {
        int m = medium.pixels();
        double[] out = new double[m];
        medium.intensities(x, identity(m), m, 1.0, frame, new double[m], frame, out, new double[4]);
        return out;
    }

    static int[] identity(int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = i;
        }
        return rows;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}

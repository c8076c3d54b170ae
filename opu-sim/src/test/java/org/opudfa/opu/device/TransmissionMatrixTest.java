package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class TransmissionMatrixTest {

    private static final long KEY = 0x5eed_0001L;
    private static final double EXACT = 0.0;
    /** KS p-value below which a sample is rejected; a correct generator fails with probability 0.001. */
    private static final double KS_ALPHA = 1e-3;
    /** Standard errors allowed for sample moments (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;
    /** Entry (0, 0) of the matrix with key 42. */
    private static final float PINNED_RE = -0.5366534f;
    private static final float PINNED_IM = -0.370251f;

    @Test
    void denseAndOnDemandGiveTheSameEntries() {
        int rows = 300;
        int cols = 40;
        TransmissionMatrix dense = new DenseTransmissionMatrix(KEY, rows, cols);
        TransmissionMatrix onDemand = new OnDemandTransmissionMatrix(KEY, rows, cols);
        int[] pixels = {0, 7, 8, 150, 299};
        double[] dRe = new double[pixels.length];
        double[] dIm = new double[pixels.length];
        double[] oRe = new double[pixels.length];
        double[] oIm = new double[pixels.length];
        for (int j = 0; j < cols; j++) {
            dense.column(j, pixels, pixels.length, dRe, dIm);
            onDemand.column(j, pixels, pixels.length, oRe, oIm);
            assertArrayEquals(dRe, oRe, EXACT);
            assertArrayEquals(dIm, oIm, EXACT);
        }
        int[] on = {1, 5, 6, 39};
        double[] dSum = new double[2];
        double[] oSum = new double[2];
        for (int pixel : pixels) {
            dense.sumColumns(pixel, on, on.length, dSum, 0);
            onDemand.sumColumns(pixel, on, on.length, oSum, 0);
            assertArrayEquals(dSum, oSum, EXACT, "pixel " + pixel);
        }
    }

    @Test
    void sumColumnsIsTheSumOfTheOnColumnsInOrder() {
        for (TransmissionMatrix t : new TransmissionMatrix[] {new DenseTransmissionMatrix(KEY, 20, 6),
                new OnDemandTransmissionMatrix(KEY, 20, 6)}) {
            double[] sum = {7, 7, 7, 7};
            for (int pixel : new int[] {3, 11}) {
                t.sumColumns(pixel, new int[] {0, 4, 5}, 2, sum, 2);
                double expectRe = 0.0 + TransmissionEntries.re(KEY, pixel, 0) + TransmissionEntries.re(KEY, pixel, 4);
                double expectIm = 0.0 + TransmissionEntries.im(KEY, pixel, 0) + TransmissionEntries.im(KEY, pixel, 4);
                assertEquals(expectRe, sum[2], EXACT);
                assertEquals(expectIm, sum[3], EXACT);
                assertEquals(7.0, sum[0], EXACT, "only sum[at] and sum[at + 1] are written");
            }
        }
    }

    @Test
    void entriesAreCircularComplexGaussianWithUnitPower() {
        int count = 20_000;
        double[] re = new double[count];
        double[] im = new double[count];
        double power = 0;
        double cross = 0;
        for (int k = 0; k < count; k++) {
            re[k] = TransmissionEntries.re(KEY, k % 200, k / 200);
            im[k] = TransmissionEntries.im(KEY, k % 200, k / 200);
            power += re[k] * re[k] + im[k] * im[k];
            cross += re[k] * im[k];
        }
        NormalDistribution halfVariance = new NormalDistribution(new Well19937c(1), 0.0, Math.sqrt(0.5));
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest(new Well19937c(2));
        assertTrue(ks.kolmogorovSmirnovTest(halfVariance, re) > KS_ALPHA, "real parts are N(0, 1/2)");
        assertTrue(ks.kolmogorovSmirnovTest(halfVariance, im) > KS_ALPHA, "imaginary parts are N(0, 1/2)");
        // |T|² ~ Exp(1): mean 1, standard deviation 1; Re·Im has mean 0 and standard deviation 1/2.
        assertEquals(1.0, power / count, Z / Math.sqrt(count));
        assertEquals(0.0, cross / count, Z * 0.5 / Math.sqrt(count));
    }

    @Test
    void entriesArePinnedForAKey() {
        // Known answers: these numbers are part of the compatibility promise of the medium.
        assertEquals(PINNED_RE, TransmissionEntries.re(42L, 0, 0), EXACT);
        assertEquals(PINNED_IM, TransmissionEntries.im(42L, 0, 0), EXACT);
        assertNotEquals(TransmissionEntries.re(42L, 0, 0), TransmissionEntries.re(43L, 0, 0));
        assertNotEquals(TransmissionEntries.re(42L, 0, 1), TransmissionEntries.re(42L, 1, 0));
    }

    @Test
    void autoModeStoresSmallMatricesAndGeneratesLargeOnes() {
        assertInstanceOf(DenseTransmissionMatrix.class, TransmissionMatrix.create(MatrixMode.AUTO, KEY, 100, 100));
        assertInstanceOf(OnDemandTransmissionMatrix.class,
                TransmissionMatrix.create(MatrixMode.AUTO, KEY, 100_000, 1_000_000));
        assertInstanceOf(OnDemandTransmissionMatrix.class, TransmissionMatrix.create(MatrixMode.ON_DEMAND, KEY, 10, 10));
    }

    @Test
    void rejectsBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnDemandTransmissionMatrix(KEY, 0, 5));
        assertEquals("transmission matrix rows must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DenseTransmissionMatrix(KEY, 5, 0));
        assertEquals("transmission matrix columns must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DenseTransmissionMatrix(KEY, 100_000, 100_000));
        assertEquals("a dense transmission matrix holds at most 2147483639 entries, got 100000×100000;"
                + " use the on-demand matrix mode", e.getMessage());
    }
}

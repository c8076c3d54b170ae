package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.rng.RandomStreams;

class LinearReadoutTest {

    private static final long SEED = 31L;
    /** Standard errors allowed for sample statistics (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;
    /** Required correlation of the noise-free 16-bit readout with W·x. */
    private static final double NOISE_FREE_CORRELATION = 0.999;

    private static LinearReadout readout(int inputs, int outputs, CameraConfig camera, double weak, int pixels,
                                         long period, double drift) {
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, pixels, inputs, 8, drift);
        OpticalProcessingUnit device = new OpticalProcessingUnit(Dmd.defaults(), medium,
                new Camera(camera, RandomStreams.of(SEED).derive("opu.noise")));
        return new LinearReadout(device, outputs, 8, weak, period);
    }

    private static CameraConfig noiseless16() {
        return new CameraConfig(2040, 1088, false, 16, 1e4, 0, false, true, 0.1, 1);
    }

    private static double[][] effectiveMatrix(LinearReadout readout, int inputs) {
        int m = readout.outputs();
        double[][] w = new double[m][inputs];
        double[] column = new double[m];
        for (int j = 0; j < inputs; j++) {
            readout.effectiveProjection(new int[] {j}, new double[] {1.0}, 1, column);
            for (int i = 0; i < m; i++) {
                w[i][j] = column[i];
            }
        }
        return w;
    }

    @Test
    void effectiveMatrixHasZeroMeanHalfVarianceAndNoCorrelations() {
        int n = 64;
        int m = 2000;
        LinearReadout readout = readout(n, m, CameraConfig.defaults(), 0.1, (int) LinearReadout.pixelsNeeded(m, 0.1),
                0, 0.0);
        double[][] w = effectiveMatrix(readout, n);
        double sum = 0;
        double sum2 = 0;
        for (double[] row : w) {
            for (double x : row) {
                sum += x;
                sum2 += x * x;
            }
        }
        int count = n * m;
        double mean = sum / count;
        double variance = sum2 / count - mean * mean;
        assertEquals(0.0, mean, Z * Math.sqrt(0.5 / count));
        // Sample variance of N(0, σ²) has standard error σ²·√(2/N).
        assertEquals(0.5, variance, Z * 0.5 * Math.sqrt(2.0 / count));
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        double columnCorrelation = 0;
        for (int j = 0; j + 1 < n; j++) {
            double[] a = new double[m];
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                a[i] = w[i][j];
                b[i] = w[i][j + 1];
            }
            columnCorrelation += pearson.correlation(a, b);
        }
        double rowCorrelation = 0;
        for (int i = 0; i + 1 < m; i++) {
            rowCorrelation += pearson.correlation(w[i], w[i + 1]);
        }
        // Each correlation of independent columns (rows) has standard error 1/√m (1/√n).
        assertEquals(0.0, columnCorrelation / (n - 1), Z / Math.sqrt((double) m * (n - 1)));
        assertEquals(0.0, rowCorrelation / (m - 1), Z / Math.sqrt((double) n * (m - 1)));
    }

    @Test
    void noiseFreeReadoutMatchesTheEffectiveMatrix() {
        int n = 10;
        int m = 1000;
        LinearReadout readout = readout(n, m, noiseless16(), 0.1, (int) LinearReadout.pixelsNeeded(m, 0.1), 0, 0.0);
        double[] measured = new double[m];
        double[] ideal = new double[m];
        BinaryFrame x = BinaryFrame.of(n, 0, 2, 3, 7, 9);
        readout.read(x, measured);
        readout.effectiveProjection(x.onesArray(), new double[] {1, 1, 1, 1, 1}, x.count(), ideal);
        double correlation = new PearsonsCorrelation().correlation(measured, ideal);
        assertTrue(correlation > NOISE_FREE_CORRELATION, "correlation " + correlation);
        assertEquals(8 + 2, readout.device().frames(), "8 calibration frames, then x⊕r and x");
    }

    @Test
    void weakReferencePixelsAreSkipped() {
        int m = 500;
        double weak = 0.5;
        LinearReadout readout = readout(4, m, CameraConfig.defaults(), weak,
                (int) LinearReadout.pixelsNeeded(m, weak), 0, 0.0);
        int[] selected = readout.selectedPixels();
        assertEquals(m, selected.length);
        boolean skippedSome = false;
        for (int i = 0; i < m; i++) {
            assertTrue(readout.referenceIntensity(i) >= weak * readout.calibrationMean(), "output " + i);
            skippedSome |= selected[i] != i;
        }
        assertTrue(skippedSome);
    }

    @Test
    void withoutTheWeakCutTheFirstPixelsAreRead() {
        LinearReadout readout = readout(4, 50, CameraConfig.defaults(), 0.0, 50, 0, 0.0);
        int[] selected = readout.selectedPixels();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, selected[i]);
        }
    }

    @Test
    void tooFewBrightPixelsAreCompletedByTheBrightestOthers() {
        int m = 200;
        LinearReadout readout = readout(4, m, CameraConfig.defaults(), 1.0, m + 10, 0, 0.0);
        int[] selected = readout.selectedPixels();
        for (int i = 1; i < m; i++) {
            assertTrue(selected[i] > selected[i - 1], "pixels distinct and ascending");
        }
    }

    @Test
    void pixelMarginCoversTheWeakCut() {
        assertEquals(2048, LinearReadout.pixelsNeeded(2048, 0.0));
        long pixels = LinearReadout.pixelsNeeded(2048, 0.1);
        assertEquals(2372, pixels);
        double pass = Math.exp(-0.1);
        // The number of pixels passing is binomial(M, e^{−f}): its mean is well above m.
        assertTrue(pixels * pass > 2048 + Z * Math.sqrt(pixels * pass * (1 - pass)));
    }

    @Test
    void recalibratesEveryPeriod() {
        LinearReadout readout = readout(4, 100, CameraConfig.defaults(), 0.1, 200, 20, 0.01);
        assertEquals(1, readout.calibrations());
        double[] out = new double[100];
        BinaryFrame x = BinaryFrame.of(4, 1, 2);
        for (int k = 0; k < 25; k++) {
            readout.recalibrateIfDue();
            readout.read(x, out);
        }
        // 8 calibration frames, reads of 2 frames, and a new calibration (8 frames) before the read
        // that starts 20 or more frames after the last one ended: before reads 11 and 21.
        assertEquals(3, readout.calibrations());
        assertEquals(3 * 8 + 25 * 2, readout.device().frames());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readout(4, 101, CameraConfig.defaults(), 0.1, 100, 0, 0.0));
        assertEquals("readout outputs must be between 1 and the 100 pixels simulated, got 101", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearReadout.requireCalibrationFrames(0));
        assertEquals("calibration frames must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearReadout.requireWeakFraction(1.5));
        assertEquals("weak-reference fraction must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearReadout.requireRecalibrationPeriod(-1));
        assertEquals("recalibration period must be at least 0 frames (0 = never), got -1", e.getMessage());
        ScatteringMedium noReference = ScatteringMedium.create(MatrixMode.DENSE, SEED, 10, 4, 0, 0.0);
        OpticalProcessingUnit device = new OpticalProcessingUnit(Dmd.defaults(), noReference,
                new Camera(CameraConfig.defaults(), RandomStreams.of(SEED).derive("opu.noise")));
        e = assertThrows(IllegalArgumentException.class, () -> new LinearReadout(device, 5, 8, 0.1, 0));
        assertEquals("a linear readout needs a reference of at least 1 feature, got 0", e.getMessage());
        LinearReadout readout = readout(4, 10, CameraConfig.defaults(), 0.1, 20, 0, 0.0);
        e = assertThrows(IllegalArgumentException.class,
                () -> readout.effectiveProjection(new int[] {4}, new double[] {1}, 1, new double[10]));
        assertEquals("effective-matrix column must be between 0 and 3, got 4", e.getMessage());
    }
}

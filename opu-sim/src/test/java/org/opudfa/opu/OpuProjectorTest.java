package org.opudfa.opu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.fidelity.FidelityMeasurement;
import org.opudfa.opu.fidelity.ProjectionFidelity;
import org.opudfa.opu.rng.RandomStreams;

class OpuProjectorTest {

    private static final long SEED = 7L;
    private static final double EXACT = 0.0;
    /** Relative tolerance of float against double arithmetic. */
    private static final double FLOAT_TOLERANCE = 1e-5;
    /** Standard errors allowed for sample statistics (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;
    /** Correlation the noise-free 16-bit projector must reach. */
    private static final double NOISE_FREE_CORRELATION = 0.999;
    /** Relative RMSE the noise-free 16-bit projector stays under (about 0.002 is measured). */
    private static final double NOISE_FREE_RELATIVE_ERROR = 0.01;
    /** Factor by which each step of the photon and bit sweeps must cut the error (2× or more is measured). */
    private static final double IMPROVEMENT_FACTOR = 1.5;

    private static FMatrixRMaj gaussianBatch(int rows, int n, long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("test.inputs");
        FMatrixRMaj in = new FMatrixRMaj(rows, n);
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return in;
    }

    @Test
    void idealMatrixHasUnitVarianceEntriesAndMatchesIdealProject() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(16, 1000).seed(SEED).build());
        FMatrixRMaj b = p.idealMatrix();
        double sum2 = 0;
        for (int i = 0; i < b.getNumElements(); i++) {
            sum2 += b.data[i] * b.data[i];
        }
        int count = b.getNumElements();
        assertEquals(1.0, sum2 / count, Z * Math.sqrt(2.0 / count), "√2·W has unit variance");
        FMatrixRMaj in = gaussianBatch(3, 16, 1);
        FMatrixRMaj viaProject = new FMatrixRMaj(3, 1000);
        p.idealProject(in, viaProject);
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 1000; i++) {
                double expected = 0;
                for (int j = 0; j < 16; j++) {
                    expected += b.get(i, j) * in.get(r, j);
                }
                assertEquals(expected, viaProject.get(r, i), FLOAT_TOLERANCE * (1 + Math.abs(expected)));
            }
        }
    }

    @Test
    void noiseFreeSixteenBitProjectionCorrelatesAboveThreeNines() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(10, 2048).seed(SEED).noiseless().bits(16).build());
        ProjectionFidelity f = FidelityMeasurement.measure(p, 50, 0.5, 3);
        assertTrue(f.correlation() > NOISE_FREE_CORRELATION, f.toString());
    }

    @Test
    void projectFrameApproximatesTheIdealMatrixTimesTheFrame() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(10, 512).seed(SEED).noiseless().bits(16).build());
        BinaryFrame x = BinaryFrame.of(10, 1, 4, 5);
        double[] measured = new double[512];
        p.projectFrame(x, measured);
        FMatrixRMaj b = p.idealMatrix();
        double err2 = 0;
        double sig2 = 0;
        for (int i = 0; i < 512; i++) {
            double ideal = b.get(i, 1) + b.get(i, 4) + b.get(i, 5);
            err2 += (measured[i] - ideal) * (measured[i] - ideal);
            sig2 += ideal * ideal;
        }
        assertTrue(err2 < (1 - NOISE_FREE_CORRELATION) * sig2, "relative squared error " + err2 / sig2);
    }

    @Test
    void macroPixelGainIsDividedOutOfTheReadout() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(10, 512).seed(SEED).macroPixel(3).noiseless().bits(16)
                .build());
        ProjectionFidelity f = FidelityMeasurement.measure(p, 20, 0.5, 9);
        // A readout still scaled by s = 3 would have a relative error of 2.
        assertTrue(f.relativeRmse() < NOISE_FREE_RELATIVE_ERROR, f.toString());
    }

    @Test
    void sameConfigurationGivesBitIdenticalOutputs() {
        OpuConfig config = OpuConfig.builder(10, 256).seed(SEED).build();
        FMatrixRMaj in = gaussianBatch(4, 10, 2);
        FMatrixRMaj a = new FMatrixRMaj(4, 256);
        FMatrixRMaj b = new FMatrixRMaj(4, 256);
        new OpuProjector(config).project(in, a);
        new OpuProjector(config).project(in, b);
        assertArrayEquals(a.data, b.data, 0f);
    }

    @Test
    void denseAndOnDemandMatricesGiveTheSameProjections() {
        OpuConfig dense = OpuConfig.builder(10, 256).seed(SEED).matrixMode(MatrixMode.DENSE).build();
        OpuConfig onDemand = dense.toBuilder().matrixMode(MatrixMode.ON_DEMAND).build();
        FMatrixRMaj in = gaussianBatch(3, 10, 3);
        FMatrixRMaj a = new FMatrixRMaj(3, 256);
        FMatrixRMaj b = new FMatrixRMaj(3, 256);
        new OpuProjector(dense).project(in, a);
        new OpuProjector(onDemand).project(in, b);
        assertArrayEquals(a.data, b.data, 0f);
    }

    @Test
    void noiseAdvancesFromFrameToFrame() {
        OpuProjector noisy = new OpuProjector(OpuConfig.builder(10, 256).seed(SEED).build());
        FMatrixRMaj in = gaussianBatch(1, 10, 4);
        FMatrixRMaj a = new FMatrixRMaj(1, 256);
        FMatrixRMaj b = new FMatrixRMaj(1, 256);
        noisy.project(in, a);
        noisy.project(in, b);
        assertFalse(java.util.Arrays.equals(a.data, b.data), "fresh noise on every frame");
        OpuProjector quiet = new OpuProjector(OpuConfig.builder(10, 256).seed(SEED).noiseless().build());
        quiet.project(in, a);
        quiet.project(in, b);
        assertArrayEquals(a.data, b.data, 0f, "without noise the device is deterministic");
    }

    @Test
    void errorFallsAsPhotonsGrow() {
        double previous = Double.POSITIVE_INFINITY;
        for (double fullWell : new double[] {1e3, 1e4, 1e5}) {
            OpuProjector p = new OpuProjector(OpuConfig.builder(10, 512).seed(SEED).bits(16).readNoise(0)
                    .fullWell(fullWell).build());
            double error = FidelityMeasurement.measure(p, 30, 0.5, 5).relativeRmse();
            assertTrue(error * IMPROVEMENT_FACTOR < previous, "full well " + fullWell + ": " + error);
            previous = error;
        }
    }

    @Test
    void errorFallsAsBitsGrow() {
        double previous = Double.POSITIVE_INFINITY;
        for (int bits : new int[] {4, 6, 8, 12}) {
            OpuProjector p = new OpuProjector(OpuConfig.builder(10, 512).seed(SEED).noiseless().bits(bits).build());
            double error = FidelityMeasurement.measure(p, 30, 0.5, 6).relativeRmse();
            assertTrue(error * IMPROVEMENT_FACTOR < previous, bits + " bits: " + error);
            previous = error;
        }
    }

    @Test
    void recalibrationRecoversFromDrift() {
        OpuConfig drifting = OpuConfig.builder(10, 512).seed(SEED).driftRate(1e-3).build();
        double stale = FidelityMeasurement.measure(new OpuProjector(drifting), 100, 0.5, 8).correlation();
        double fresh = FidelityMeasurement.measure(
                new OpuProjector(drifting.toBuilder().recalibrationPeriod(40).build()), 100, 0.5, 8).correlation();
        assertTrue(1 - fresh < (1 - stale) / 2, "stale " + stale + ", recalibrated " + fresh);
    }

    @Test
    void costCountsFramesDeviceTimeAndEnergy() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(4, 64).seed(SEED).build());
        assertEquals(8, p.cost().frames(), "the first calibration");
        FMatrixRMaj in = new FMatrixRMaj(new float[][] {{1, -1, 0, 0}, {0, 2, 0, 0}, {0, 0, -3, 1}});
        p.project(in, new FMatrixRMaj(3, 64));
        ProjectionCost cost = p.cost();
        assertEquals(3, cost.vectors());
        assertEquals(8 + 4 + 2 + 4, cost.frames(), "4 frames per signed vector, 2 for a one-signed one");
        assertEquals(18 * 500e-6, cost.deviceSeconds(), 1e-15);
        assertEquals(18 * 500e-6 * 30, cost.deviceJoules(), 1e-12);
        assertTrue(cost.wallNanos() > 0);
        assertEquals((18L - 8) * 64, p.pixelsRead() - 8L * p.config().simulatedPixels(), "calibration reads every pixel, inputs the outputs");
        assertTrue(p.saturatedFraction() >= 0 && p.saturatedFraction() <= 1);
    }

    @Test
    void bitPlaneEncodingCostsFourFramesPerPlaneAndTracksTheIdeal() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(6, 256).seed(SEED).encoding(EncodingType.BIT_PLANES)
                .bitPlanes(3).noiseless().bits(16).build());
        FMatrixRMaj in = new FMatrixRMaj(new float[][] {{7, -7, 3, -1, 5, 6}});
        FMatrixRMaj out = new FMatrixRMaj(1, 256);
        FMatrixRMaj ideal = new FMatrixRMaj(1, 256);
        long before = p.frames();
        p.project(in, out);
        assertEquals(4 * 3, p.frames() - before, "3 planes per sign, 2 frames per plane each");
        p.idealProject(in, ideal);
        // Entries are multiples of 1 up to 7 = 2³ − 1, so 3 bit planes encode them exactly.
        ProjectionFidelity f = ProjectionFidelity.compare(ideal.data, out.data, 0, 0);
        assertTrue(f.correlation() > NOISE_FREE_CORRELATION, f.toString());
    }

    @Test
    void rejectsWrongShapesAndNonFiniteInputs() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(4, 8).seed(SEED).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.project(new FMatrixRMaj(2, 5), new FMatrixRMaj(2, 8)));
        assertEquals("projector input must have 4 columns, got 2×5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.project(new FMatrixRMaj(2, 4), new FMatrixRMaj(3, 8)));
        assertEquals("projector output must be 2×8, got 3×8", e.getMessage());
        FMatrixRMaj nan = new FMatrixRMaj(1, 4);
        nan.set(0, 2, Float.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> p.project(nan, new FMatrixRMaj(1, 8)));
        assertEquals("projector input must be finite, but entry (0, 2) is NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.idealProject(nan, new FMatrixRMaj(1, 8)));
        assertEquals("ideal projector input must be finite, but entry (0, 2) is NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> p.idealProject(new FMatrixRMaj(1, 4), new FMatrixRMaj(1, 9)));
        assertEquals("ideal projector output must be 1×8, got 1×9", e.getMessage());
        assertEquals(4, p.inputDimension());
        assertEquals(8, p.outputDimension());
        assertEquals(EXACT, p.cost().deviceSeconds() - 8 * 500e-6, 1e-15);
    }
}

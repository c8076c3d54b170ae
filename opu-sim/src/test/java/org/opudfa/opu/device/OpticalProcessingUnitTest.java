package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.rng.RandomStreams;

class OpticalProcessingUnitTest {

    private static final long SEED = 21L;
    private static final double RELATIVE = 1e-12;
    private static final double EXACT = 0.0;
    /** Standard errors allowed for a sample mean (two-sided false-failure rate about 6e-5). */
    private static final double Z = 4.0;

    private static OpticalProcessingUnit device(Dmd dmd, CameraConfig camera, int pixels) {
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, pixels, 16, 4, 0.0);
        return new OpticalProcessingUnit(dmd, medium, new Camera(camera, RandomStreams.of(SEED).derive("opu.noise")));
    }

    private static CameraConfig noiseless16() {
        return new CameraConfig(100, 100, false, 16, 1e4, 0, false, true, 0.1, 1);
    }

    @Test
    void intensityModeMeasuresTheSpeckleWithinHalfAQuantisationStep() {
        OpticalProcessingUnit device = device(Dmd.defaults(), noiseless16(), 1000);
        BinaryFrame x = BinaryFrame.of(16, 2, 3, 11);
        double[] ideal = new double[800];
        device.idealIntensity(x, ideal);
        double[] measured = new double[800];
        device.measureIntensity(x, measured);
        double eta = 0.1 * 1e4 / 3;
        double halfStep = device.camera().quantisationStep(eta) / 2;
        for (int i = 0; i < 800; i++) {
            if (ideal[i] < 1e4 / eta) {
                assertEquals(ideal[i], measured[i], halfStep + RELATIVE, "pixel " + i);
            }
        }
        assertEquals(1, device.frames());
        assertEquals(800, device.camera().pixelsRead());
    }

    @Test
    void autoExposureKeepsIntensityUnits() {
        OpticalProcessingUnit device = device(Dmd.defaults(), CameraConfig.defaults(), 4000);
        double[] measured = new double[4000];
        device.measureIntensity(BinaryFrame.of(16, 0, 1, 2, 3, 4), measured);
        // Speckle of 5 ones: exponential with mean 5 and standard deviation 5.
        assertEquals(5.0, ScatteringMediumTest.mean(measured), Z * 5.0 / Math.sqrt(4000));
    }

    @Test
    void macroPixelMultipliesTheFieldBySoIntensityBySSquared() {
        OpticalProcessingUnit single = device(Dmd.defaults(), noiseless16(), 200);
        OpticalProcessingUnit macro = device(new Dmd(912, 1140, 3), noiseless16(), 200);
        BinaryFrame x = BinaryFrame.of(16, 5, 6);
        double[] a = new double[200];
        double[] b = new double[200];
        single.idealIntensity(x, a);
        macro.idealIntensity(x, b);
        for (int i = 0; i < 200; i++) {
            assertEquals(9 * a[i], b[i], RELATIVE * (1 + b[i]));
        }
    }

    @Test
    void showPairGivesTheSameFramesAsTwoShows() {
        for (double drift : new double[] {0.0, 0.05}) {
            OpticalProcessingUnit a = drifting(drift);
            OpticalProcessingUnit b = drifting(drift);
            BinaryFrame x = BinaryFrame.of(16, 0, 7, 8);
            int[] pixels = {3, 1, 40, 41, 99};
            double[] a1 = new double[5];
            double[] a2 = new double[5];
            double[] b1 = new double[5];
            double[] b2 = new double[5];
            a.show(x, true, pixels, 5, a1);
            a.show(x, false, pixels, 5, a2);
            b.showPair(x, pixels, 5, b1, b2);
            assertArrayEquals(a1, b1, EXACT);
            assertArrayEquals(a2, b2, EXACT);
            assertEquals(2, b.frames());
        }
    }

    @Test
    void pairsComputedAheadInAnyOrderMatchPairsShownInTurn() {
        for (double drift : new double[] {0.0, 0.05}) {
            OpticalProcessingUnit inTurn = drifting(drift);
            OpticalProcessingUnit ahead = drifting(drift);
            BinaryFrame[] xs = {BinaryFrame.of(16, 0, 7, 8), BinaryFrame.of(16, 3), BinaryFrame.of(16, 1, 2, 15)};
            int[] pixels = {3, 1, 40, 41, 99, 64};
            int count = pixels.length;
            double[][] withRef = new double[xs.length][count];
            double[][] withoutRef = new double[xs.length][count];
            for (int k = 0; k < xs.length; k++) {
                inTurn.showPair(xs[k], pixels, count, withRef[k], withoutRef[k]);
            }
            // The same pairs computed last to first, as another thread might, at their frame indices.
            DeviceScratch scratch = ahead.newScratch();
            for (int k = xs.length - 1; k >= 0; k--) {
                ahead.showPairAt(xs[k], 2L * k, pixels, count, scratch);
                assertArrayEquals(withRef[k], java.util.Arrays.copyOf(scratch.withReference, count), 0.0, "x⊕r " + k);
                assertArrayEquals(withoutRef[k], java.util.Arrays.copyOf(scratch.withoutReference, count), 0.0,
                        "x " + k);
            }
            assertEquals(0, ahead.frames(), "computing ahead does not move the clock");
            assertEquals(2L * xs.length * count, scratch.pixelsRead());
            ahead.collect(scratch);
            ahead.advanceClock(2L * xs.length);
            assertEquals(inTurn.frames(), ahead.frames());
            assertEquals(inTurn.camera().pixelsRead(), ahead.camera().pixelsRead());
            assertEquals(inTurn.camera().saturatedPixels(), ahead.camera().saturatedPixels());
            assertEquals(0, scratch.pixelsRead(), "collecting restarts the tally");
            assertEquals(0, scratch.saturatedPixels());
        }
    }

    @Test
    void theClockOnlyMovesForward() {
        OpticalProcessingUnit device = drifting(0.0);
        device.advanceClock(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> device.advanceClock(9));
        assertEquals("the device clock only moves forward: it is at frame 10, got 9", e.getMessage());
        assertEquals(10, device.frames());
    }

    @Test
    void storedAndOnDemandMatricesGiveIdenticalIntensities() {
        for (double drift : new double[] {0.0, 0.05}) {
            OpticalProcessingUnit stored = device(MatrixMode.DENSE, drift);
            OpticalProcessingUnit generated = device(MatrixMode.ON_DEMAND, drift);
            BinaryFrame[] xs = {BinaryFrame.of(16, 0, 7, 8), BinaryFrame.of(16), BinaryFrame.of(16, 1, 2, 3, 15)};
            int[] pixels = {3, 1, 40, 41, 99, 64};
            int count = pixels.length;
            DeviceScratch a = stored.newScratch();
            DeviceScratch b = generated.newScratch();
            for (int k = 0; k < xs.length; k++) {
                stored.showPairAt(xs[k], 2L * k, pixels, count, a);
                generated.showPairAt(xs[k], 2L * k, pixels, count, b);
                String at = "drift " + drift + ", frame " + k;
                assertArrayEquals(a.intensityWithReference, b.intensityWithReference, EXACT, "I(x⊕r), " + at);
                assertArrayEquals(a.intensityWithoutReference, b.intensityWithoutReference, EXACT, "I(x), " + at);
                assertArrayEquals(a.withReference, b.withReference, EXACT, "Î(x⊕r), " + at);
                assertArrayEquals(a.withoutReference, b.withoutReference, EXACT, "Î(x), " + at);
            }
            double[] idealA = new double[100];
            double[] idealB = new double[100];
            stored.idealIntensity(xs[2], idealA);
            generated.idealIntensity(xs[2], idealB);
            assertArrayEquals(idealA, idealB, EXACT, "ideal intensity, drift " + drift);
        }
    }

    private static OpticalProcessingUnit device(MatrixMode mode, double rate) {
        ScatteringMedium medium = ScatteringMedium.create(mode, SEED, 100, 16, 4, rate);
        return new OpticalProcessingUnit(Dmd.defaults(), medium,
                new Camera(CameraConfig.defaults(), RandomStreams.of(SEED).derive("opu.noise")));
    }

    private static OpticalProcessingUnit drifting(double rate) {
        return device(MatrixMode.DENSE, rate);
    }

    @Test
    void rejectsInputsThatDoNotFitAndReadsBeyondThePixels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device(new Dmd(4, 4, 1), CameraConfig.defaults(), 10));
        assertEquals("input of 16 features plus reference of 4 features needs 20 macro-pixels, but the DMD of"
                + " 4×4 mirrors with macro-pixel 1 holds only 16", e.getMessage());
        OpticalProcessingUnit device = device(Dmd.defaults(), CameraConfig.defaults(), 10);
        e = assertThrows(IllegalArgumentException.class,
                () -> device.measureIntensity(BinaryFrame.of(16, 1), new double[11]));
        assertEquals("intensity output must have at most 10 pixels, got 11", e.getMessage());
    }
}

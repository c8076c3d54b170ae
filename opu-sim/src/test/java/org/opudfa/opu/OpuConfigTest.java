package org.opudfa.opu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.device.Dmd;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;

class OpuConfigTest {

    private static final double EXACT = 0.0;

    @Test
    void defaultsAreDocumented() {
        OpuConfig c = OpuConfig.defaults(10, 2048);
        assertEquals(912, c.dmd().width());
        assertEquals(1140, c.dmd().height());
        assertEquals(1, c.dmd().macroPixel());
        assertEquals(OpuConfig.REFERENCE_SIZE_AUTO, c.referenceSize());
        assertEquals(5, c.effectiveReferenceSize(), "2 × (10/4 expected ON features), rounded");
        assertEquals(MatrixMode.AUTO, c.matrixMode());
        assertEquals(8, c.camera().bits());
        assertEquals(10_000, c.camera().fullWell(), EXACT);
        assertTrue(c.camera().shotNoise());
        assertTrue(c.camera().autoExposure());
        assertFalse(c.camera().unbounded());
        assertEquals(8, c.calibrationFrames());
        assertEquals(0.1, c.weakReferenceFraction(), EXACT);
        assertEquals(0.0, c.driftRate(), EXACT);
        assertEquals(0, c.recalibrationPeriod());
        assertEquals(500e-6, c.framePeriod(), EXACT);
        assertEquals(30, c.power(), EXACT);
        assertEquals(EncodingType.TERNARY, c.encoding());
        assertEquals(0.1, c.threshold(), EXACT);
        assertEquals(4, c.bitPlanes());
        assertEquals(2372, c.simulatedPixels());
    }

    @Test
    void builderSetsEveryKnobAndRoundTrips() {
        OpuConfig c = OpuConfig.builder(3, 4).seed(9).dmdWidth(100).dmdHeight(50).macroPixel(2).referenceSize(5)
                .matrixMode(MatrixMode.ON_DEMAND).cameraWidth(30).cameraHeight(20).unboundedCamera(true).bits(12)
                .fullWell(2e4).readNoise(1.5).shotNoise(false).autoExposure(false).fill(0.2).exposure(7)
                .calibrationFrames(3).weakReferenceFraction(0.2).driftRate(1e-3).recalibrationPeriod(100)
                .framePeriod(1e-3).power(10).encoding(EncodingType.BIT_PLANES).threshold(0.3).bitPlanes(6).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(9, c.seed());
        assertEquals(2, c.dmd().macroPixel());
        assertEquals(12, c.camera().bits());
        assertEquals(7, c.camera().exposure(), EXACT);
        assertEquals(0.2, c.camera().fill(), EXACT);
        assertEquals(100, c.recalibrationPeriod());
        assertEquals(6, c.bitPlanes());
        OpuConfig quiet = OpuConfig.builder(3, 4).noiseless().build();
        assertFalse(quiet.camera().shotNoise());
        assertEquals(0.0, quiet.camera().readNoise(), EXACT);
    }

    @Test
    void moreOutputsThanPixelsNeedsAnUnboundedCamera() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpuConfig.builder(10, 2048).cameraWidth(40).cameraHeight(50).build());
        assertEquals("output dimension 2048 needs 2372 camera pixels (with the weak-reference margin), but the"
                + " camera of 40×50 has only 2000; use a smaller output or an unbounded virtual camera", e.getMessage());
        assertEquals(2048, OpuConfig.builder(10, 2048).cameraWidth(40).cameraHeight(50).unboundedCamera(true).build()
                .outputDimension());
    }

    @Test
    void inputsThatDoNotFitTheDmdAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpuConfig.builder(100, 10).dmdWidth(10).dmdHeight(10).referenceSize(8).build());
        assertEquals("input of 100 features plus reference of 8 features needs 108 macro-pixels, but the DMD of"
                + " 10×10 mirrors with macro-pixel 1 holds only 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpuConfig.builder(100, 10).dmdWidth(10).dmdHeight(10).build());
        assertEquals("input of 100 features plus reference of 1 features needs 101 macro-pixels, but the DMD of"
                + " 10×10 mirrors with macro-pixel 1 holds only 100", e.getMessage(),
                "auto never asks for more than the DMD has left, but needs one feature");
    }

    @Test
    void autoReferenceIsTwiceTheExpectedOnFeaturesWithinTheDmd() {
        Dmd dmd = Dmd.defaults();
        assertEquals(1, OpuConfig.autoReferenceSize(1, EncodingType.TERNARY, dmd), "at least one feature");
        assertEquals(5, OpuConfig.autoReferenceSize(10, EncodingType.TERNARY, dmd));
        assertEquals(500, OpuConfig.autoReferenceSize(1000, EncodingType.TERNARY, dmd));
        assertEquals(500, OpuConfig.autoReferenceSize(1000, EncodingType.BIT_PLANES, dmd));
        assertEquals(1000, OpuConfig.autoReferenceSize(1000, EncodingType.THRESHOLD, dmd));
        Dmd small = new Dmd(40, 30, 1);
        assertEquals(200, OpuConfig.autoReferenceSize(1000, EncodingType.TERNARY, small), "what the DMD has left");
        OpuConfig fixed = OpuConfig.builder(1000, 64).referenceSize(8).build();
        assertEquals(8, fixed.effectiveReferenceSize(), "an explicit size is kept");
        OpuConfig auto = OpuConfig.builder(1000, 64).build();
        assertEquals(500, auto.effectiveReferenceSize());
        assertEquals(1000, auto.toBuilder().encoding(EncodingType.THRESHOLD).build().effectiveReferenceSize(),
                "auto is resolved from the configuration it ends up in");
    }

    @Test
    void rejectsEveryValueOutOfRange() {
        assertMessage("input dimension must be at least 1, got 0", b -> b.inputDimension(0));
        assertMessage("output dimension must be at least 1, got -3", b -> b.outputDimension(-3));
        assertMessage("reference size must be at least 1 feature, or REFERENCE_SIZE_AUTO (0) to size it to the"
                + " signal, got -1", b -> b.referenceSize(-1));
        assertMessage("DMD macro-pixel must be between 1 and 1039680 mirrors, got 0", b -> b.macroPixel(0));
        assertMessage("DMD width must be at least 1 mirror, got 0", b -> b.dmdWidth(0));
        assertMessage("camera height must be at least 1 pixel, got 0", b -> b.cameraHeight(0));
        assertMessage("bits must be between 1 and 16, got 17", b -> b.bits(17));
        assertMessage("full well must be a finite number of electrons > 0, got -1.0", b -> b.fullWell(-1));
        assertMessage("read noise must be a finite number of electrons >= 0, got -2.0", b -> b.readNoise(-2));
        assertMessage("fill must be in (0, 1] (fraction of full well), got 0.0", b -> b.fill(0));
        assertMessage("exposure must be a finite number of electrons per unit intensity > 0, got Infinity",
                b -> b.exposure(Double.POSITIVE_INFINITY));
        assertMessage("calibration frames must be at least 1, got 0", b -> b.calibrationFrames(0));
        assertMessage("weak-reference fraction must be in [0, 1], got -0.1", b -> b.weakReferenceFraction(-0.1));
        assertMessage("drift rate must be a finite number of radians per frame >= 0, got NaN",
                b -> b.driftRate(Double.NaN));
        assertMessage("recalibration period must be at least 0 frames (0 = never), got -5",
                b -> b.recalibrationPeriod(-5));
        assertMessage("frame period must be a finite number of seconds > 0, got 0.0", b -> b.framePeriod(0));
        assertMessage("power must be a finite number of watts >= 0, got -30.0", b -> b.power(-30));
        assertMessage("threshold τ must be in [0, 1), got 1.0", b -> b.threshold(1.0));
        assertMessage("bit planes must be between 1 and 16, got 0", b -> b.bitPlanes(0));
        assertMessage("matrix mode must be one of DENSE, ON_DEMAND, AUTO, got null", b -> b.matrixMode(null));
        assertMessage("encoding must be one of THRESHOLD, TERNARY, BIT_PLANES, got null", b -> b.encoding(null));
    }

    @Test
    void rejectsMissingPartsAndOutputsBeyondWhatCanBeHeld() {
        OpuConfig d = OpuConfig.defaults(10, 64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OpuConfig(10, 64, 0, null, 8, MatrixMode.AUTO, d.camera(), 8, 0.1, 0, 0, 5e-4, 30,
                        EncodingType.TERNARY, 0.1, 4));
        assertEquals("dmd must be given, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new OpuConfig(10, 64, 0, d.dmd(), 8, MatrixMode.AUTO, null, 8, 0.1, 0, 0, 5e-4, 30,
                        EncodingType.TERNARY, 0.1, 4));
        assertEquals("camera must be given, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpuConfig.builder(10, Integer.MAX_VALUE).unboundedCamera(true).build());
        assertEquals("output dimension 2147483647 needs 2373431284 camera pixels, more than the simulator can hold"
                + " (2147483639)", e.getMessage());
    }

    private static void assertMessage(String expected, UnaryOperator<OpuConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(OpuConfig.builder(10, 64)).build());
        assertEquals(expected, e.getMessage());
    }
}

package org.opudfa.opu.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;

class FidelityMeasurementTest {

    /** Acceptance criterion: the default device projects DFA-sized errors with this correlation. */
    private static final double DEFAULT_CORRELATION = 0.99;
    /** Acceptance criterion without noise at 16 bits. */
    private static final double NOISE_FREE_CORRELATION = 0.999;

    @Test
    void defaultDeviceReachesTwoNinesOnDfaSizedErrors() {
        OpuProjector p = new OpuProjector(OpuConfig.defaults(10, 2048));
        ProjectionFidelity f = FidelityMeasurement.measure(p, 200, 0.5, 1);
        // Measured 0.9976 (relative RMSE 0.069, SNR 23.2 dB) for this seed.
        assertTrue(f.correlation() >= DEFAULT_CORRELATION, f.toString());
        assertEquals(200L * 2048, f.samples());
        assertTrue(f.frames() > 0);
        assertEquals(f.frames() * 500e-6, f.deviceSeconds(), 1e-12);
        assertTrue(f.saturatedFraction() < 1e-3, "fill 0.1 clips almost nothing");
    }

    @Test
    void noiseFreeSixteenBitDeviceReachesThreeNines() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(10, 2048).noiseless().bits(16).build());
        ProjectionFidelity f = FidelityMeasurement.measure(p, 100, 0.5, 1);
        assertTrue(f.correlation() >= NOISE_FREE_CORRELATION, f.toString());
    }

    @Test
    void sameSeedSameFigures() {
        ProjectionFidelity a = FidelityMeasurement.measure(new OpuProjector(OpuConfig.defaults(10, 256)), 20, 0.5, 4);
        ProjectionFidelity b = FidelityMeasurement.measure(new OpuProjector(OpuConfig.defaults(10, 256)), 20, 0.5, 4);
        assertEquals(a, b);
    }

    @Test
    void rejectsNoVectors() {
        OpuProjector p = new OpuProjector(OpuConfig.defaults(10, 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FidelityMeasurement.measure(p, 0, 0.5, 1));
        assertEquals("fidelity vectors must be at least 1, got 0", e.getMessage());
    }

    /**
     * A device of a million inputs and a hundred thousand outputs, matrix-free: nothing of size
     * m·n is allocated (8·10¹¹ bytes would be needed), so it runs in a small heap. The vectors are
     * sparse (about 20 of the million features on), so the reference is set to 8 features: the
     * automatic size assumes errors that switch a quarter of the mirrors on and would use 500 000,
     * which a matrix-free simulation pays for in every frame.
     */
    @Test
    @Tag("slow")
    void millionInputsToHundredThousandOutputsRunsMatrixFree() {
        OpuProjector p = new OpuProjector(OpuConfig.builder(1_000_000, 100_000).referenceSize(8).build());
        ProjectionFidelity f = FidelityMeasurement.measure(p, 3, 2e-5, 1);
        assertTrue(f.correlation() >= DEFAULT_CORRELATION, f.toString());
        assertEquals(3L * 100_000, f.samples());
    }
}

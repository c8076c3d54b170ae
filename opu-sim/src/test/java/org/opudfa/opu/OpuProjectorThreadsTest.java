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
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The rows of a batch are projected on several threads with the same numbers as on one, and as
 * row by row: a frame's field, drift and noise depend only on its index, and recalibrations fall
 * between the same rows.
 */
class OpuProjectorThreadsTest {

    private static final long SEED = 31L;
    private static final int INPUTS = 10;
    private static final int OUTPUTS = 96;
    private static final int ROWS = 24;
    private static final int THREADS = 2;
    /** Frames between calibrations: several recalibrations fall inside each batch. */
    private static final long PERIOD = 20;
    private static final double DRIFT = 0.02;

    private static FMatrixRMaj batch(int rows, long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("test.inputs");
        FMatrixRMaj in = new FMatrixRMaj(rows, INPUTS);
        for (int i = 0; i < in.data.length; i++) {
            double u = rng.nextDouble();
            // Softmax-like errors: mostly small, a few large, and some rows all zero (no frame).
            in.data[i] = i / INPUTS % 7 == 3 ? 0f : (float) ((u - 0.3) * (u - 0.3) * (u < 0.5 ? -1 : 1));
        }
        return in;
    }

    private static OpuConfig.Builder small() {
        return OpuConfig.builder(INPUTS, OUTPUTS).seed(SEED);
    }

    /** Projects two batches and returns the outputs, then the counters and state, of a projector. */
    private static Run run(OpuConfig config, Gemm gemm) {
        OpuProjector p = new OpuProjector(config, gemm);
        FMatrixRMaj a = new FMatrixRMaj(ROWS, OUTPUTS);
        FMatrixRMaj b = new FMatrixRMaj(ROWS / 2, OUTPUTS);
        p.project(batch(ROWS, 1), a);
        p.project(batch(ROWS / 2, 2), b);
        return new Run(p, a.data, b.data);
    }

    private record Run(OpuProjector projector, float[] first, float[] second) {

        void assertSameAs(Run other) {
            assertArrayEquals(first, other.first, "first batch");
            assertArrayEquals(second, other.second, "second batch");
            assertEquals(projector.frames(), other.projector.frames(), "frames");
            assertEquals(projector.pixelsRead(), other.projector.pixelsRead(), "pixels read");
            assertEquals(projector.saturatedPixels(), other.projector.saturatedPixels(), "saturated pixels");
            assertEquals(projector.readout().calibrations(), other.projector.readout().calibrations(), "calibrations");
            assertArrayEquals(projector.saveState(), other.projector.saveState(), "state");
        }
    }

    private static void assertThreadCountDoesNotMatter(OpuConfig config) {
        Run one = run(config, Gemm.singleThreaded());
        try (Gemm gemm = Gemm.withThreads(THREADS)) {
            one.assertSameAs(run(config, gemm));
        }
    }

    @Test
    void twoThreadsGiveTheOutputsOfOne() {
        assertThreadCountDoesNotMatter(small().build());
    }

    @Test
    void twoThreadsGiveTheOutputsOfOneWithDriftAndRecalibrationInsideTheBatch() {
        OpuConfig config = small().driftRate(DRIFT).recalibrationPeriod(PERIOD).build();
        assertThreadCountDoesNotMatter(config);
        OpuProjector p = new OpuProjector(config);
        long before = p.readout().calibrations();
        p.project(batch(ROWS, 1), new FMatrixRMaj(ROWS, OUTPUTS));
        assertTrue(p.readout().calibrations() - before >= 3, "several recalibrations inside one batch");
    }

    @Test
    void otherEncodingsMatrixModesAndSaturationToo() {
        assertThreadCountDoesNotMatter(small().encoding(EncodingType.BIT_PLANES).bitPlanes(3).build());
        assertThreadCountDoesNotMatter(small().matrixMode(MatrixMode.ON_DEMAND).driftRate(DRIFT).build());
        assertThreadCountDoesNotMatter(small().fill(0.9).shotNoise(false).readNoise(20.0).build());
        OpuProjector bright = run(small().fill(0.9).build(), Gemm.singleThreaded()).projector();
        assertTrue(bright.saturatedPixels() > 0, "the saturation counter is exercised");
    }

    @Test
    void aBatchGivesTheOutputsOfItsRowsProjectedOneByOne() {
        // The segments cut at recalibrations keep the sequential semantics: a recalibration is
        // checked before every row.
        OpuConfig config = small().driftRate(DRIFT).recalibrationPeriod(PERIOD).build();
        FMatrixRMaj in = batch(ROWS, 1);
        FMatrixRMaj whole = new FMatrixRMaj(ROWS, OUTPUTS);
        try (Gemm gemm = Gemm.withThreads(THREADS)) {
            new OpuProjector(config, gemm).project(in, whole);
        }
        OpuProjector single = new OpuProjector(config);
        FMatrixRMaj row = new FMatrixRMaj(1, INPUTS);
        FMatrixRMaj out = new FMatrixRMaj(1, OUTPUTS);
        for (int b = 0; b < ROWS; b++) {
            System.arraycopy(in.data, b * INPUTS, row.data, 0, INPUTS);
            single.project(row, out);
            float[] expected = java.util.Arrays.copyOfRange(whole.data, b * OUTPUTS, (b + 1) * OUTPUTS);
            assertArrayEquals(expected, out.data, "row " + b);
        }
    }

    @Test
    void stateSavedOnTwoThreadsResumesOnOne() {
        OpuConfig config = small().driftRate(DRIFT).recalibrationPeriod(PERIOD).build();
        try (Gemm gemm = Gemm.withThreads(THREADS)) {
            OpuProjector parallel = new OpuProjector(config, gemm);
            parallel.project(batch(ROWS, 1), new FMatrixRMaj(ROWS, OUTPUTS));
            byte[] state = parallel.saveState();
            FMatrixRMaj expected = new FMatrixRMaj(ROWS, OUTPUTS);
            parallel.project(batch(ROWS, 2), expected);

            OpuProjector resumed = new OpuProjector(config);
            resumed.restoreState(state);
            FMatrixRMaj actual = new FMatrixRMaj(ROWS, OUTPUTS);
            resumed.project(batch(ROWS, 2), actual);
            assertArrayEquals(expected.data, actual.data, "continuation after the restore");
            assertArrayEquals(parallel.saveState(), resumed.saveState(), "states after the continuation");
            FMatrixRMaj fresh = new FMatrixRMaj(ROWS, OUTPUTS);
            new OpuProjector(config).project(batch(ROWS, 2), fresh);
            assertFalse(java.util.Arrays.equals(expected.data, fresh.data), "the state decides the outputs");
        }
    }

    @Test
    void aMissingGemmIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OpuProjector(small().build(), null));
        assertEquals("gemm must be given (Gemm.singleThreaded() for one thread), got null", e.getMessage());
    }
}

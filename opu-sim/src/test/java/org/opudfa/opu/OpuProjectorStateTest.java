package org.opudfa.opu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;
import org.opudfa.opu.rng.RandomStreams;

/**
 * A projector restored from a saved state continues bit for bit like the projector that saved:
 * project batch A, save, project batch B; a fresh projector of the same configuration restored
 * from the state projects B to the same floats and ends with the same counters and state.
 */
class OpuProjectorStateTest {

    private static final long SEED = 23L;
    private static final int INPUTS = 12;
    private static final int OUTPUTS = 40;
    private static final int ROWS_A = 5;
    private static final int ROWS_B = 7;
    /** Drift in radians per frame, fast enough that recalibrations move output pixels. */
    private static final double DRIFT = 0.05;

    /** Byte offsets of the fields of the layout documented on {@link OpuProjector#saveState()}. */
    private static final int VERSION_AT = 4;
    private static final int SEED_AT = 20;
    private static final int VECTORS_AT = 32;
    private static final int FRAMES_AT = 40;
    private static final int SATURATED_AT = 48;
    private static final int LAST_CALIBRATION_AT = 64;

    private static OpuConfig.Builder small() {
        return OpuConfig.builder(INPUTS, OUTPUTS).seed(SEED);
    }

    private static FMatrixRMaj batch(int rows, long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("test.inputs");
        FMatrixRMaj in = new FMatrixRMaj(rows, INPUTS);
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return in;
    }

    /** Everything a resumed run must reproduce, apart from the outputs. */
    private record Counters(ProjectionCost cost, long saturated, long pixelsRead, long calibrations,
                            double calibrationMean, int[] selected) {

        static Counters of(OpuProjector p) {
            ProjectionCost c = p.cost();
            return new Counters(new ProjectionCost(c.vectors(), c.frames(), c.deviceSeconds(), c.deviceJoules(), 0),
                    p.saturatedPixels(), p.pixelsRead(), p.readout().calibrations(), p.readout().calibrationMean(),
                    p.readout().selectedPixels());
        }

        void assertSame(Counters other) {
            assertEquals(cost, other.cost, "vectors, frames, device seconds and joules");
            assertEquals(saturated, other.saturated, "saturated pixels");
            assertEquals(pixelsRead, other.pixelsRead, "pixels read");
            assertEquals(calibrations, other.calibrations, "calibrations");
            assertEquals(calibrationMean, other.calibrationMean, "calibration mean");
            assertArrayEquals(selected, other.selected, "output pixels");
        }
    }

    /** The saving projector after batch A and B, and the batch B outputs it gave. */
    private record Reference(OpuProjector projector, byte[] state, Counters afterA, FMatrixRMaj outB) {
    }

    private static Reference reference(OpuConfig config) {
        OpuProjector p = new OpuProjector(config);
        p.project(batch(ROWS_A, 1), new FMatrixRMaj(ROWS_A, OUTPUTS));
        byte[] state = p.saveState();
        Counters afterA = Counters.of(p);
        FMatrixRMaj outB = new FMatrixRMaj(ROWS_B, OUTPUTS);
        p.project(batch(ROWS_B, 2), outB);
        return new Reference(p, state, afterA, outB);
    }

    /**
     * Restores the reference's state into {@code target} and checks that it then matches the
     * saving projector: same counters at once, same batch B floats, same counters and state after.
     */
    private static void assertResumes(Reference ref, OpuProjector target) {
        target.restoreState(ref.state());
        ref.afterA().assertSame(Counters.of(target));
        FMatrixRMaj outB = new FMatrixRMaj(ROWS_B, OUTPUTS);
        target.project(batch(ROWS_B, 2), outB);
        assertArrayEquals(ref.outB().data, outB.data, "batch B outputs are bit-identical");
        Counters.of(ref.projector()).assertSame(Counters.of(target));
        assertArrayEquals(ref.projector().saveState(), target.saveState(), "states after batch B");
    }

    private static Reference assertFreshProjectorResumes(OpuConfig config) {
        Reference ref = reference(config);
        assertResumes(ref, new OpuProjector(config));
        return ref;
    }

    @Test
    void restoredProjectorContinuesBitForBit() {
        OpuConfig config = small().build();
        Reference ref = assertFreshProjectorResumes(config);

        // Without the state a fresh projector gives other numbers for batch B, so the check above
        // is not passing for want of noise.
        FMatrixRMaj fresh = new FMatrixRMaj(ROWS_B, OUTPUTS);
        new OpuProjector(config).project(batch(ROWS_B, 2), fresh);
        assertFalse(Arrays.equals(ref.outB().data, fresh.data), "the state changes the outputs");
    }

    @Test
    void restoringIntoAProjectorThatHasAlreadyWorkedOverwritesItsState() {
        OpuConfig config = small().build();
        Reference ref = reference(config);
        OpuProjector used = new OpuProjector(config);
        used.project(batch(ROWS_A + ROWS_B, 3), new FMatrixRMaj(ROWS_A + ROWS_B, OUTPUTS));
        assertResumes(ref, used);
    }

    @Test
    void driftAndRecalibrationResumeExactly() {
        // 8 frames between calibrations: a recalibration every other ternary row (4 frames each)
        // in batches A and B, with a drift fast enough to move output pixels before the save.
        OpuConfig config = small().driftRate(DRIFT).recalibrationPeriod(8).build();
        Reference ref = assertFreshProjectorResumes(config);
        assertTrue(ref.projector().readout().calibrations() > ref.afterA().calibrations(),
                "batch B recalibrates");
        assertFalse(Arrays.equals(new OpuProjector(config).readout().selectedPixels(), ref.afterA().selected()),
                "recalibrations in batch A moved output pixels, so the state must carry them");
    }

    @Test
    void bitPlaneEncodingResumesExactly() {
        assertFreshProjectorResumes(small().encoding(EncodingType.BIT_PLANES).bitPlanes(3).build());
    }

    @Test
    void onDemandMatrixResumesExactly() {
        assertFreshProjectorResumes(small().matrixMode(MatrixMode.ON_DEMAND).build());
    }

    @Test
    void saturationCounterResumesExactly() {
        Reference ref = assertFreshProjectorResumes(small().fill(0.9).build());
        assertTrue(ref.afterA().saturated() > 0, "a bright fill saturates pixels");
    }

    @Test
    void gaussianReadNoiseAloneResumesExactly() {
        // Without shot noise every pixel draws from the Gaussian sampler, which must carry no
        // cached value across the save.
        assertFreshProjectorResumes(small().shotNoise(false).readNoise(20.0).build());
    }

    @Test
    void stateIsCheckedAgainstTheConfiguration() {
        byte[] state = new OpuProjector(small().build()).saveState();
        assertMessage(OpuConfig.builder(INPUTS + 1, OUTPUTS).seed(SEED).build(), state,
                "OPU state was saved with input dimension 12, but this projector has input dimension 13; "
                        + "restore into a projector built from the same configuration");
        assertMessage(OpuConfig.builder(INPUTS, OUTPUTS + 1).seed(SEED).build(), state,
                "OPU state was saved with output dimension 40, but this projector has output dimension 41; "
                        + "restore into a projector built from the same configuration");
        OpuProjector otherPixels = new OpuProjector(small().weakReferenceFraction(0.5).build());
        int savedPixels = new OpuProjector(small().build()).device().pixels();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> otherPixels.restoreState(state));
        assertEquals("OPU state was saved with simulated pixel count " + savedPixels
                + ", but this projector has simulated pixel count " + otherPixels.device().pixels()
                + "; restore into a projector built from the same configuration", e.getMessage());
        assertMessage(small().seed(SEED + 1).build(), state, "OPU state was saved with seed 23, but this projector "
                + "has seed 24; restore into a projector built from the same configuration");
        assertMessage(small().driftRate(0.01).build(), state, "OPU state was saved by a projector whose settings "
                + "(device, camera, encoding, drift or calibration) differ from this one's; restore into a "
                + "projector built from the same configuration");
    }

    @Test
    void nullMarkerAndVersionAreRefused() {
        OpuProjector p = new OpuProjector(small().build());
        byte[] state = p.saveState();
        assertEquals("OPU state must be the bytes of a saved state, got null",
                assertThrows(IllegalArgumentException.class, () -> p.restoreState(null)).getMessage());
        byte[] notOurs = state.clone();
        notOurs[0] = 'X';
        assertEquals("OPU state must start with the marker OPUS, but these " + state.length
                        + " bytes do not, so they are not a saved OPU state",
                assertThrows(IllegalArgumentException.class, () -> p.restoreState(notOurs)).getMessage());
        assertCorrupt(state, b -> b.putInt(VERSION_AT, OpuProjector.STATE_VERSION + 1),
                "OPU state version must be 2, got 3");
    }

    @Test
    void truncatedAndOverlongStatesAreRefused() {
        OpuProjector p = new OpuProjector(small().build());
        byte[] state = p.saveState();
        for (int length : new int[] {0, 3, SEED_AT + 2, LAST_CALIBRATION_AT + 1, state.length - 1}) {
            byte[] cut = Arrays.copyOf(state, length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restoreState(cut));
            assertEquals("OPU state is truncated: its " + length + " bytes end before the state is complete",
                    e.getMessage());
        }
        byte[] longer = Arrays.copyOf(state, state.length + 2);
        assertEquals("OPU state is corrupt: 2 bytes follow the end of the state, which must have none",
                assertThrows(IllegalArgumentException.class, () -> p.restoreState(longer)).getMessage());
    }

    @Test
    void impossibleValuesAreRefusedNamingTheField() {
        OpuProjector p = new OpuProjector(small().build());
        p.project(batch(ROWS_A, 1), new FMatrixRMaj(ROWS_A, OUTPUTS));
        byte[] state = p.saveState();
        ByteBuffer view = ByteBuffer.wrap(state);
        int lastCalibrationAt = LAST_CALIBRATION_AT;
        int calibrationsAt = lastCalibrationAt + Long.BYTES;
        int meanAt = calibrationsAt + Long.BYTES;
        int selectedAt = meanAt + Double.BYTES;
        int referenceAt = selectedAt + OUTPUTS * Integer.BYTES;
        long frames = view.getLong(FRAMES_AT);
        long pixelsRead = view.getLong(SATURATED_AT + Long.BYTES);
        int pixels = p.device().pixels();

        assertCorrupt(state, b -> b.putLong(VECTORS_AT, -1),
                "OPU state is corrupt: vectors projected must be at least 0, got -1");
        assertCorrupt(state, b -> b.putLong(FRAMES_AT, -2),
                "OPU state is corrupt: frames shown must be at least 0, got -2");
        assertCorrupt(state, b -> b.putLong(SATURATED_AT, -3),
                "OPU state is corrupt: saturated pixels must be at least 0, got -3");
        assertCorrupt(state, b -> b.putLong(SATURATED_AT + Long.BYTES, -4),
                "OPU state is corrupt: pixels read must be at least 0, got -4");
        assertCorrupt(state, b -> b.putLong(SATURATED_AT, pixelsRead + 1),
                "OPU state is corrupt: saturated pixels must be at most the " + pixelsRead + " pixels read, got "
                        + (pixelsRead + 1));
        assertCorrupt(state, b -> b.putLong(lastCalibrationAt, -5),
                "OPU state is corrupt: last calibration frame must be at least 0, got -5");
        assertCorrupt(state, b -> b.putLong(lastCalibrationAt, frames + 1),
                "OPU state is corrupt: last calibration frame must be at most the " + frames
                        + " frames shown, got " + (frames + 1));
        assertCorrupt(state, b -> b.putLong(calibrationsAt, 0),
                "OPU state is corrupt: calibrations must be at least 1, got 0");
        assertCorrupt(state, b -> b.putDouble(meanAt, Double.NaN),
                "OPU state is corrupt: calibration mean must be a finite intensity >= 0, got NaN");
        assertCorrupt(state, b -> b.putDouble(meanAt, Double.POSITIVE_INFINITY),
                "OPU state is corrupt: calibration mean must be a finite intensity >= 0, got Infinity");
        assertCorrupt(state, b -> b.putInt(selectedAt + Integer.BYTES, pixels),
                "OPU state is corrupt: output pixel 1 must be between 0 and " + (pixels - 1) + ", got " + pixels);
        assertCorrupt(state, b -> b.putInt(selectedAt + Integer.BYTES, -1),
                "OPU state is corrupt: output pixel 1 must be between 0 and " + (pixels - 1) + ", got -1");
        int first = view.getInt(selectedAt);
        assertCorrupt(state, b -> b.putInt(selectedAt + 2 * Integer.BYTES, first),
                "OPU state is corrupt: output pixel 2 repeats camera pixel " + first
                        + ", but each output needs its own pixel");
        assertCorrupt(state, b -> b.putDouble(referenceAt + 3 * Double.BYTES, -0.5),
                "OPU state is corrupt: reference intensity of output 3 must be a finite intensity >= 0, got -0.5");
    }

    @Test
    void refusedStateLeavesTheProjectorAsItWas() {
        OpuProjector p = new OpuProjector(small().build());
        byte[] before = p.saveState();
        OpuProjector other = new OpuProjector(small().build());
        other.project(batch(ROWS_A, 1), new FMatrixRMaj(ROWS_A, OUTPUTS));
        byte[] state = other.saveState();
        // Corrupt the last reference intensity: everything before it would have been accepted.
        ByteBuffer.wrap(state).putDouble(state.length - Double.BYTES, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> p.restoreState(state));
        assertArrayEquals(before, p.saveState());
    }

    private static void assertMessage(OpuConfig target, byte[] state, String message) {
        OpuProjector p = new OpuProjector(target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restoreState(state));
        assertEquals(message, e.getMessage());
    }

    private static void assertCorrupt(byte[] state, Consumer<ByteBuffer> corruption, String message) {
        byte[] corrupt = state.clone();
        corruption.accept(ByteBuffer.wrap(corrupt));
        OpuProjector p = new OpuProjector(small().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restoreState(corrupt));
        assertEquals(message, e.getMessage());
    }
}

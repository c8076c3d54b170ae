package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.rng.RandomStreams;

class DeviceStateTest {

    private static final long SEED = 41L;
    private static final int INPUTS = 6;
    private static final int PIXELS = 48;
    private static final int CALIBRATION_FRAMES = 4;
    private static final double WEAK_FRACTION = 0.1;
    /** Frames between calibrations: the reads below cross several recalibrations. */
    private static final long PERIOD = 10;
    private static final double DRIFT = 0.01;

    private static LinearReadout readout(int outputs) {
        ScatteringMedium medium = ScatteringMedium.create(MatrixMode.DENSE, SEED, PIXELS, INPUTS, 4, DRIFT);
        OpticalProcessingUnit device = new OpticalProcessingUnit(Dmd.defaults(), medium,
                new Camera(CameraConfig.defaults(), RandomStreams.of(SEED).derive("opu.noise")));
        return new LinearReadout(device, outputs, CALIBRATION_FRAMES, WEAK_FRACTION, PERIOD);
    }

    private static double[] readSome(LinearReadout readout, int reads) {
        double[] all = new double[reads * readout.outputs()];
        double[] out = new double[readout.outputs()];
        for (int k = 0; k < reads; k++) {
            readout.recalibrateIfDue();
            readout.read(BinaryFrame.of(INPUTS, k % (INPUTS - 2), k % (INPUTS - 2) + 2), out);
            System.arraycopy(out, 0, all, k * out.length, out.length);
        }
        return all;
    }

    @Test
    void writtenAndReadSnapshotRestoresTheReadoutExactly() throws IOException {
        LinearReadout original = readout(16);
        readSome(original, 9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DeviceState.capture(original).write(new DataOutputStream(bytes));
        double[] expected = readSome(original, 12);

        LinearReadout copy = readout(16);
        DeviceState.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), copy).restoreInto(copy);
        assertArrayEquals(expected, readSome(copy, 12));
        assertEquals(original.calibrations(), copy.calibrations());
        assertEquals(original.device().frames(), copy.device().frames());
        assertArrayEquals(original.selectedPixels(), copy.selectedPixels());
    }

    @Test
    void snapshotRestoresOnlyIntoAReadoutWithTheSameOutputs() {
        DeviceState state = DeviceState.capture(readout(16));
        LinearReadout other = readout(15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.restoreInto(other));
        assertEquals("device state has 16 outputs, but the readout has 15", e.getMessage());
    }
}

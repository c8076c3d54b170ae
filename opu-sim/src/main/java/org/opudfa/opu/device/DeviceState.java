package org.opudfa.opu.device;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A snapshot of everything in a {@link LinearReadout} and the device under it that changes while
 * frames are shown and decides the next outputs: the device clock (frames shown, which sets the
 * drift angle and, with the noise key, the noise of the next frames), the camera's counters
 * (saturated pixels, pixels read), and the calibration (output pixels, their reference
 * intensities {@code Î(r)}, the frame and count of the last calibration, its mean {@code Î(r)}).
 * The camera noise is counter-based (a function of the noise key and the frame index, see
 * {@link Camera}), so no generator state is part of it.
 *
 * <p>The medium, DMD and camera settings are not part of it: they follow from the configuration,
 * so a snapshot restores only into a readout built from the same configuration. The inverse
 * amplitudes {@code 1/(2·s·√Î(r)_i)} are recomputed from {@code Î(r)} with the calibration's own
 * formula, bit for bit. The scratch buffers hold nothing between frames and are not saved.
 *
 * <p>Binary layout (big-endian, as {@link DataOutput} writes): frames, saturated pixels, pixels
 * read (3 longs); last calibration frame, calibrations (2 longs); calibration mean (double); the {@code m} output pixels (ints); their {@code m}
 * reference intensities (doubles).
 */
public final class DeviceState {

    private final long frames;
    private final long saturated;
    private final long pixelsRead;
    private final long lastCalibration;
    private final long calibrations;
    private final double calibrationMean;
    private final int[] selected;
    private final double[] referenceIntensity;

    private DeviceState(long frames, long saturated, long pixelsRead, long lastCalibration,
                        long calibrations, double calibrationMean, int[] selected, double[] referenceIntensity) {
        this.frames = frames;
        this.saturated = saturated;
        this.pixelsRead = pixelsRead;
        this.lastCalibration = lastCalibration;
        this.calibrations = calibrations;
        this.calibrationMean = calibrationMean;
        this.selected = selected;
        this.referenceIntensity = referenceIntensity;
    }

    /**
     * Copies the current state of a readout and its device.
     *
     * @param readout the readout
     * @return the snapshot
     */
    public static DeviceState capture(LinearReadout readout) {
        OpticalProcessingUnit device = readout.device();
        Camera camera = device.camera();
        int m = readout.outputs();
        double[] reference = new double[m];
        for (int i = 0; i < m; i++) {
            reference[i] = readout.referenceIntensity(i);
        }
        return new DeviceState(device.frames(), camera.saturatedPixels(), camera.pixelsRead(),
                readout.lastCalibration(), readout.calibrations(), readout.calibrationMean(),
                readout.selectedPixels(), reference);
    }

    /**
     * Writes the snapshot in the layout of the class description.
     *
     * @param out the destination
     * @throws IOException if writing fails
     */
    public void write(DataOutput out) throws IOException {
        out.writeLong(frames);
        out.writeLong(saturated);
        out.writeLong(pixelsRead);
        out.writeLong(lastCalibration);
        out.writeLong(calibrations);
        out.writeDouble(calibrationMean);
        for (int p : selected) {
            out.writeInt(p);
        }
        for (double r : referenceIntensity) {
            out.writeDouble(r);
        }
    }

    /**
     * Reads a snapshot written by {@link #write} for a readout like {@code readout} (same number of
     * outputs and simulated pixels) and checks that its values are possible:
     * counters at least 0, saturated pixels at most pixels read, at least one calibration, the last
     * one not after the current frame, output pixels distinct and in {@code [0, M)}, reference
     * intensities and their mean finite and at least 0.
     *
     * @param in      the source, positioned at the snapshot
     * @param readout the readout the snapshot is meant for (only its sizes are read)
     * @return the snapshot
     * @throws IOException              if reading fails ({@link java.io.EOFException} when the input ends early)
     * @throws IllegalArgumentException if a value is impossible, naming it
     */
    public static DeviceState read(DataInput in, LinearReadout readout) throws IOException {
        int m = readout.outputs();
        int pixels = readout.device().pixels();
        long frames = requireNonNegative("frames shown", in.readLong());
        long saturated = requireNonNegative("saturated pixels", in.readLong());
        long pixelsRead = requireNonNegative("pixels read", in.readLong());
        if (saturated > pixelsRead) {
            throw new IllegalArgumentException("OPU state is corrupt: saturated pixels must be at most the "
                    + pixelsRead + " pixels read, got " + saturated);
        }
        long lastCalibration = requireNonNegative("last calibration frame", in.readLong());
        if (lastCalibration > frames) {
            throw new IllegalArgumentException("OPU state is corrupt: last calibration frame must be at most the "
                    + frames + " frames shown, got " + lastCalibration);
        }
        long calibrations = in.readLong();
        if (calibrations < 1) {
            throw new IllegalArgumentException("OPU state is corrupt: calibrations must be at least 1, got "
                    + calibrations);
        }
        double calibrationMean = requireIntensity("calibration mean", in.readDouble());
        int[] selected = new int[m];
        boolean[] used = new boolean[pixels];
        for (int i = 0; i < m; i++) {
            int p = in.readInt();
            if (p < 0 || p >= pixels) {
                throw new IllegalArgumentException("OPU state is corrupt: output pixel " + i + " must be between 0 and "
                        + (pixels - 1) + ", got " + p);
            }
            if (used[p]) {
                throw new IllegalArgumentException("OPU state is corrupt: output pixel " + i + " repeats camera pixel "
                        + p + ", but each output needs its own pixel");
            }
            used[p] = true;
            selected[i] = p;
        }
        double[] reference = new double[m];
        for (int i = 0; i < m; i++) {
            reference[i] = requireIntensity("reference intensity of output " + i, in.readDouble());
        }
        return new DeviceState(frames, saturated, pixelsRead, lastCalibration, calibrations, calibrationMean,
                selected, reference);
    }

    /**
     * Puts the snapshot into a readout built from the same configuration as the one it was taken
     * from; the readout's next outputs are then bit-identical to those the original gave after
     * the snapshot.
     *
     * @param readout the readout
     * @throws IllegalArgumentException if the readout has another number of outputs
     */
    public void restoreInto(LinearReadout readout) {
        if (readout.outputs() != selected.length) {
            throw new IllegalArgumentException("device state has " + selected.length
                    + " outputs, but the readout has " + readout.outputs());
        }
        OpticalProcessingUnit device = readout.device();
        device.camera().restore(saturated, pixelsRead);
        device.restoreFrames(frames);
        readout.restoreCalibration(selected, referenceIntensity, lastCalibration, calibrations, calibrationMean);
    }

    private static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("OPU state is corrupt: " + field + " must be at least 0, got " + value);
        }
        return value;
    }

    private static double requireIntensity(String field, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("OPU state is corrupt: " + field
                    + " must be a finite intensity >= 0, got " + value);
        }
        return value;
    }
}

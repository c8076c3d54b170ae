package org.opudfa.opu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.device.Camera;
import org.opudfa.opu.device.DeviceState;
import org.opudfa.opu.device.LinearReadout;
import org.opudfa.opu.device.OpticalProcessingUnit;
import org.opudfa.opu.device.ScatteringMedium;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.encoding.EncodedVector;
import org.opudfa.opu.encoding.FrameEncoding;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.rng.RandomStreams;

/**
 * A {@link RandomProjector} computed by the simulated optical processing unit in linear mode.
 *
 * <p>Each input row {@code v} is encoded into weighted binary frames
 * {@code v ≈ Σ_f w_f·x_f} (see {@link org.opudfa.opu.encoding}); each frame is projected by the
 * {@link LinearReadout} (two device frames, {@code x⊕r} and {@code x}), and the output row is
 * <pre>
 *   out = √2 · Σ_f w_f · L(x_f)  ≈  √2 · W · v,
 * </pre>
 * where {@code W_ij = Re(conj(u_i)·T_ij) ~ N(0, 1/2)} is the device's effective matrix. The
 * factor {@link #NORMALISATION} {@code = √2} gives the projector's effective matrix
 * {@code B = √2·W} unit-variance entries, like {@link DenseProjector#gaussian}; {@link #idealMatrix()}
 * returns {@code B}. A ternary row costs 4 device frames, a bit-plane row {@code 4p}; frames
 * with no feature ON are not shown (their projection is exactly zero).
 *
 * <p>Reproducible: the medium comes from the seed and the camera noise from the stream
 * {@code "opu.noise"} of the same seed, advanced frame by frame, so two projectors built from
 * the same configuration give bit-identical outputs for the same inputs. Building the projector
 * shows the first calibration frames; they count in {@link #cost()}.
 *
 * <p>Resumable: {@link #saveState()} captures everything that decides the next outputs and
 * counters, and {@link #restoreState(byte[])} puts it into a projector built from the same
 * configuration, whose next outputs are then bit-identical to those of the projector that saved.
 *
 * <p>{@link #project} allocates nothing. Not thread-safe.
 */
public final class OpuProjector implements RandomProjector {

    /** {@code √2}: scales the readout so that the effective matrix has unit-variance entries. */
    public static final double NORMALISATION = Math.sqrt(2.0);

    /** Version of the layout {@link #saveState()} writes; {@link #restoreState(byte[])} reads only this one. */
    public static final int STATE_VERSION = 1;

    /** First four bytes of a saved state: {@code "OPUS"} in ASCII. */
    private static final int STATE_MAGIC = 0x4F505553;

    private final OpuConfig config;
    private final FrameEncoding encoding;
    private final EncodedVector encoded;
    private final OpticalProcessingUnit device;
    private final LinearReadout readout;
    private final double[] frameOutput;
    private final double[] rowOutput;
    private final int[] nonZeroColumns;
    private final double[] nonZeroValues;
    private long vectors;
    private long wallNanos;

    /**
     * Builds the device (medium, camera, DMD) and calibrates the reference.
     *
     * @param config the configuration, validated
     */
    public OpuProjector(OpuConfig config) {
        this.config = config;
        int n = config.inputDimension();
        int m = config.outputDimension();
        this.encoding = config.encoding().create(n, config.threshold(), config.bitPlanes());
        this.encoded = encoding.newEncodedVector();
        ScatteringMedium medium = ScatteringMedium.create(config.matrixMode(), config.seed(),
                config.simulatedPixels(), n, config.referenceSize(), config.driftRate());
        Camera camera = new Camera(config.camera(), RandomStreams.of(config.seed()).stream("opu.noise"));
        this.device = new OpticalProcessingUnit(config.dmd(), medium, camera);
        this.readout = new LinearReadout(device, m, config.calibrationFrames(), config.weakReferenceFraction(),
                config.recalibrationPeriod());
        this.frameOutput = new double[m];
        this.rowOutput = new double[m];
        this.nonZeroColumns = new int[n];
        this.nonZeroValues = new double[n];
    }

    /** @return the configuration */
    public OpuConfig config() {
        return config;
    }

    @Override
    public int inputDimension() {
        return config.inputDimension();
    }

    @Override
    public int outputDimension() {
        return config.outputDimension();
    }

    /**
     * {@code out[b,:] ≈ B·in[b,:]} through the simulated device (noisy, quantised).
     *
     * @param in  batch × n, finite
     * @param out batch × m, overwritten
     * @throws IllegalArgumentException on wrong shapes or non-finite inputs
     */
    @Override
    public void project(FMatrixRMaj in, FMatrixRMaj out) {
        int n = config.inputDimension();
        int m = config.outputDimension();
        MatrixChecks.requireCols("projector input", in, n);
        MatrixChecks.requireShape("projector output", out, in.numRows, m);
        MatrixChecks.requireFinite("projector input", in);
        long start = System.nanoTime();
        for (int b = 0; b < in.numRows; b++) {
            readout.recalibrateIfDue();
            encoding.encode(in.data, b * n, encoded);
            java.util.Arrays.fill(rowOutput, 0.0);
            for (int f = 0; f < encoded.frameCount(); f++) {
                readout.read(encoded.frame(f), frameOutput);
                double w = encoded.weight(f);
                for (int i = 0; i < m; i++) {
                    rowOutput[i] += w * frameOutput[i];
                }
            }
            int base = b * m;
            for (int i = 0; i < m; i++) {
                out.data[base + i] = (float) (NORMALISATION * rowOutput[i]);
            }
        }
        vectors += in.numRows;
        wallNanos += System.nanoTime() - start;
    }

    /**
     * The exact projection through the ideal matrix of the device as it is now,
     * {@code out[b,:] = B·in[b,:]} with {@code B = √2·W} (noise-free, unquantised, unencoded),
     * computed matrix-free from the non-zero entries of each row: cost {@code m} entries per
     * non-zero. Shows no frame.
     *
     * @param in  batch × n, finite
     * @param out batch × m, overwritten
     * @throws IllegalArgumentException on wrong shapes or non-finite inputs
     */
    public void idealProject(FMatrixRMaj in, FMatrixRMaj out) {
        int n = config.inputDimension();
        int m = config.outputDimension();
        MatrixChecks.requireCols("ideal projector input", in, n);
        MatrixChecks.requireShape("ideal projector output", out, in.numRows, m);
        MatrixChecks.requireFinite("ideal projector input", in);
        for (int b = 0; b < in.numRows; b++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                float v = in.data[b * n + j];
                if (v != 0f) {
                    nonZeroColumns[count] = j;
                    nonZeroValues[count] = NORMALISATION * v;
                    count++;
                }
            }
            readout.effectiveProjection(nonZeroColumns, nonZeroValues, count, rowOutput);
            int base = b * m;
            for (int i = 0; i < m; i++) {
                out.data[base + i] = (float) rowOutput[i];
            }
        }
    }

    /**
     * The ideal matrix {@code B = √2·W}, {@code B_ij = √2·Re(conj(u_i)·T(t)_ij)}, of the medium and
     * output pixels as they are now; its entries are i.i.d. {@code N(0, 1)}. Materialises
     * {@code m × n} floats: for fidelity checks of small devices, see {@link #idealProject} for
     * large ones.
     *
     * @return a new {@code m × n} matrix
     */
    public FMatrixRMaj idealMatrix() {
        int n = config.inputDimension();
        int m = config.outputDimension();
        FMatrixRMaj w = new FMatrixRMaj(m, n);
        int[] column = new int[1];
        double[] value = {NORMALISATION};
        for (int j = 0; j < n; j++) {
            column[0] = j;
            readout.effectiveProjection(column, value, 1, rowOutput);
            for (int i = 0; i < m; i++) {
                w.data[i * n + j] = (float) rowOutput[i];
            }
        }
        return w;
    }

    /**
     * Calibrates the reference if the recalibration period has elapsed; {@link #project} does
     * this before every row, callers comparing against {@link #idealProject} do it first so
     * both see the same output pixels.
     *
     * @return whether a calibration was done
     */
    public boolean recalibrateIfDue() {
        return readout.recalibrateIfDue();
    }

    /** Calibrates the reference now (shows {@code calibrationFrames} frames). */
    public void recalibrate() {
        readout.calibrate();
    }

    /**
     * Projects a single binary frame through the linear readout, the building block of
     * {@link #project}: {@code out = √2·L(x) ≈ B·x}. Two device frames, after a recalibration
     * if one is due.
     *
     * @param frame the binary input
     * @param out   receives the projection, length at least {@code m}
     */
    public void projectFrame(BinaryFrame frame, double[] out) {
        readout.recalibrateIfDue();
        readout.read(frame, out);
        for (int i = 0; i < config.outputDimension(); i++) {
            out[i] *= NORMALISATION;
        }
    }

    /** @return device frames shown so far, calibration frames included */
    public long frames() {
        return device.frames();
    }

    /** @return camera pixels that exceeded full well so far */
    public long saturatedPixels() {
        return device.camera().saturatedPixels();
    }

    /** @return camera pixels read so far */
    public long pixelsRead() {
        return device.camera().pixelsRead();
    }

    /** @return {@code saturatedPixels/pixelsRead} */
    public double saturatedFraction() {
        return device.camera().saturatedFraction();
    }

    /** @return simulated device seconds so far: {@code frames × frame period} */
    public double deviceSeconds() {
        return device.frames() * config.framePeriod();
    }

    /**
     * @return vectors projected, frames shown (calibration included), device seconds
     *     {@code frames × frame period}, device joules {@code seconds × power}, and wall time
     */
    @Override
    public ProjectionCost cost() {
        double seconds = deviceSeconds();
        return new ProjectionCost(vectors, device.frames(), seconds, seconds * config.power(), wallNanos);
    }

    /**
     * Saves the state that decides the projector's next outputs and counters: the device clock
     * (and so the drift angle), the camera's noise generator and counters, the readout's
     * calibration, and the number of vectors projected. Wall time is not saved.
     *
     * <p>Layout (big-endian): the marker {@code "OPUS"}, {@link #STATE_VERSION} (int); input
     * dimension, output dimension, simulated pixels (3 ints), seed (long) and a CRC-32 of the
     * configuration's text form (int), which identify the configuration; vectors projected (long);
     * then the {@link DeviceState}.
     *
     * @return the state, to pass to {@link #restoreState(byte[])}
     */
    public byte[] saveState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            out.writeInt(STATE_VERSION);
            out.writeInt(config.inputDimension());
            out.writeInt(config.outputDimension());
            out.writeInt(device.pixels());
            out.writeLong(config.seed());
            out.writeInt(configurationDigest());
            out.writeLong(vectors);
            DeviceState.capture(readout).write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state from {@link #saveState()} of a projector built from the same
     * configuration: from then on this projector's outputs and counters (vectors, frames, device
     * seconds, saturated pixels, pixels read, calibrations) are bit-identical to those the saving
     * projector had and gave after saving. The state is checked completely before anything is
     * changed, so a state that is refused leaves the projector as it was. Wall time is kept.
     *
     * @param state the saved bytes
     * @throws IllegalArgumentException if the state is null, not a saved OPU state, of another
     *                                  version, from another configuration, truncated, longer than
     *                                  its content, or holds impossible values
     */
    public void restoreState(byte[] state) {
        if (state == null) {
            throw new IllegalArgumentException("OPU state must be the bytes of a saved state, got null");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(state));
        long savedVectors;
        DeviceState saved;
        try {
            if (in.readInt() != STATE_MAGIC) {
                throw new IllegalArgumentException("OPU state must start with the marker OPUS, but these "
                        + state.length + " bytes do not, so they are not a saved OPU state");
            }
            int version = in.readInt();
            if (version != STATE_VERSION) {
                throw new IllegalArgumentException("OPU state version must be " + STATE_VERSION + ", got " + version);
            }
            requireSame("input dimension", in.readInt(), config.inputDimension());
            requireSame("output dimension", in.readInt(), config.outputDimension());
            requireSame("simulated pixel count", in.readInt(), device.pixels());
            long seed = in.readLong();
            if (seed != config.seed()) {
                throw new IllegalArgumentException("OPU state was saved with seed " + seed
                        + ", but this projector has seed " + config.seed()
                        + "; restore into a projector built from the same configuration");
            }
            if (in.readInt() != configurationDigest()) {
                throw new IllegalArgumentException("OPU state was saved by a projector whose settings (device, "
                        + "camera, encoding, drift or calibration) differ from this one's; restore into a projector "
                        + "built from the same configuration");
            }
            savedVectors = in.readLong();
            if (savedVectors < 0) {
                throw new IllegalArgumentException("OPU state is corrupt: vectors projected must be at least 0, got "
                        + savedVectors);
            }
            saved = DeviceState.read(in, readout);
        } catch (EOFException e) {
            throw new IllegalArgumentException("OPU state is truncated: its " + state.length
                    + " bytes end before the state is complete", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
        int trailing = remaining(in);
        if (trailing > 0) {
            throw new IllegalArgumentException("OPU state is corrupt: " + trailing
                    + " bytes follow the end of the state, which must have none");
        }
        saved.restoreInto(readout);
        vectors = savedVectors;
    }

    private static int remaining(DataInputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static void requireSame(String field, int saved, int mine) {
        if (saved != mine) {
            throw new IllegalArgumentException("OPU state was saved with " + field + " " + saved
                    + ", but this projector has " + field + " " + mine
                    + "; restore into a projector built from the same configuration");
        }
    }

    /** CRC-32 of the configuration's text form (records print every component, nested ones too). */
    private int configurationDigest() {
        CRC32 crc = new CRC32();
        crc.update(config.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** @return the simulated device */
    public OpticalProcessingUnit device() {
        return device;
    }

    /** @return the linear readout (calibration and output pixel selection) */
    public LinearReadout readout() {
        return readout;
    }
}

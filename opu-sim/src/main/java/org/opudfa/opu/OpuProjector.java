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
import org.opudfa.opu.device.DeviceScratch;
import org.opudfa.opu.device.DeviceState;
import org.opudfa.opu.device.LinearReadout;
import org.opudfa.opu.device.OpticalProcessingUnit;
import org.opudfa.opu.device.ScatteringMedium;
import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.encoding.EncodedVector;
import org.opudfa.opu.encoding.FrameEncoding;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.kernel.WorkerTask;
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
 * <p>Reproducible: the medium comes from the seed, and the camera noise of each device frame from
 * a generator seeded with the key {@code "opu.noise"} of the same seed mixed with the frame's
 * index (see {@link Camera}), so two projectors built from the same configuration give
 * bit-identical outputs for the same inputs. Building the projector shows the first calibration
 * frames; they count in {@link #cost()}.
 *
 * <p>Parallel: {@link #project} encodes every row of the batch first, so the device frames of
 * each row are known before any is shown (a row's first frame is the clock plus twice the
 * frame counts of the rows before it). The rows are then projected as tasks on the threads of
 * the {@link Gemm} given at construction, each thread with its own buffers; since a frame's field,
 * drift and noise depend only on its index, the outputs are bit-identical for any number of
 * threads, and to projecting the rows one by one. A recalibration falls between rows, as in a
 * sequential run: the batch is cut into segments at the rows before which one is due, and the
 * calibration runs between the segments.
 *
 * <p>Resumable: {@link #saveState()} captures everything that decides the next outputs and
 * counters, and {@link #restoreState(byte[])} puts it into a projector built from the same
 * configuration, whose next outputs are then bit-identical to those of the projector that saved.
 *
 * <p>{@link #project} allocates nothing once it has seen a batch as large on each thread. Not
 * thread-safe: one thread at a time calls the projector (which may use the gemm's threads).
 */
public final class OpuProjector implements RandomProjector, Restorable {

    /** {@code √2}: scales the readout so that the effective matrix has unit-variance entries. */
    public static final double NORMALISATION = Math.sqrt(2.0);

    /**
     * Version of the layout {@link #saveState()} writes; {@link #restoreState(byte[])} reads only this
     * one. Version 2 dropped version 1's camera generator state (length and bytes): the noise of a
     * frame now follows from the noise key and the frame index, which the state already holds.
     */
    public static final int STATE_VERSION = 2;

    /** First four bytes of a saved state: {@code "OPUS"} in ASCII. */
    private static final int STATE_MAGIC = 0x4F505553;

    private final OpuConfig config;
    private final FrameEncoding encoding;
    private final OpticalProcessingUnit device;
    private final LinearReadout readout;
    private final Gemm gemm;
    private final RowWorker[] workers;
    private final WorkerTask rowTask = this::projectRow;
    private final double[] rowOutput;
    private final int[] nonZeroColumns;
    private final double[] nonZeroValues;
    private EncodedVector[] encodedRows = new EncodedVector[0];
    private long[] firstFrames = new long[0];
    /** the output of the {@link #project} call in progress, and the first row of its segment */
    private FMatrixRMaj target;
    private int segmentStart;
    private long vectors;
    private long wallNanos;

    /**
     * Builds the device (medium, camera, DMD) and calibrates the reference; {@link #project} runs
     * on the calling thread alone.
     *
     * @param config the configuration, validated
     */
    public OpuProjector(OpuConfig config) {
        this(config, Gemm.singleThreaded());
    }

    /**
     * Builds the device (medium, camera, DMD) and calibrates the reference; {@link #project}
     * spreads the rows of a batch over the threads of {@code gemm} (see
     * {@link Gemm#forEachTask}), with outputs bit-identical to those of a single thread. The
     * projector uses the gemm but does not own it: the caller closes it.
     *
     * @param config the configuration, validated
     * @param gemm   the run's thread team
     * @throws IllegalArgumentException if {@code gemm} is null
     */
    public OpuProjector(OpuConfig config, Gemm gemm) {
        if (gemm == null) {
            throw new IllegalArgumentException("gemm must be given (Gemm.singleThreaded() for one thread), got null");
        }
        this.gemm = gemm;
        this.workers = new RowWorker[gemm.threads()];
        this.config = config;
        int n = config.inputDimension();
        int m = config.outputDimension();
        this.encoding = config.encoding().create(n, config.threshold(), config.bitPlanes());
        ScatteringMedium medium = ScatteringMedium.create(config.matrixMode(), config.seed(),
                config.simulatedPixels(), n, config.effectiveReferenceSize(), config.driftRate());
        Camera camera = new Camera(config.camera(), RandomStreams.of(config.seed()).derive("opu.noise"));
        this.device = new OpticalProcessingUnit(config.dmd(), medium, camera);
        this.readout = new LinearReadout(device, m, config.calibrationFrames(), config.weakReferenceFraction(),
                config.recalibrationPeriod());
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
        int rows = in.numRows;
        reserveRows(rows);
        for (int b = 0; b < rows; b++) {
            encoding.encode(in.data, b * n, encodedRows[b]);
        }
        target = out;
        try {
            int b = 0;
            while (b < rows) {
                readout.recalibrateIfDue();
                long frame = device.frames();
                int first = b;
                do {
                    firstFrames[b] = frame;
                    frame += 2L * encodedRows[b].frameCount();
                    b++;
                } while (b < rows && !readout.recalibrationDueAt(frame));
                segmentStart = first;
                gemm.forEachTask(b - first, rowTask);
                for (RowWorker w : workers) {
                    if (w != null) {
                        device.collect(w.scratch);
                    }
                }
                device.advanceClock(frame);
            }
        } finally {
            target = null;
        }
        vectors += rows;
        wallNanos += System.nanoTime() - start;
    }

    /** One task of {@link #project}: row {@code segmentStart + task}, on the buffers of {@code worker}. */
    private void projectRow(int worker, int task) {
        RowWorker w = workers[worker];
        if (w == null) {
            w = new RowWorker(device.newScratch(), new double[config.outputDimension()]);
            workers[worker] = w;
        }
        int b = segmentStart + task;
        EncodedVector v = encodedRows[b];
        int m = config.outputDimension();
        double[] acc = w.row;
        java.util.Arrays.fill(acc, 0, m, 0.0);
        long frame = firstFrames[b];
        for (int f = 0; f < v.frameCount(); f++) {
            readout.readAt(v.frame(f), frame + 2L * f, v.weight(f), w.scratch, acc);
        }
        float[] data = target.data;
        int base = b * m;
        for (int i = 0; i < m; i++) {
            data[base + i] = (float) (NORMALISATION * acc[i]);
        }
    }

    /** Grows the per-row buffers to hold {@code rows} rows; allocates only for a larger batch than before. */
    private void reserveRows(int rows) {
        if (encodedRows.length >= rows) {
            return;
        }
        EncodedVector[] grown = java.util.Arrays.copyOf(encodedRows, rows);
        for (int b = encodedRows.length; b < rows; b++) {
            grown[b] = encoding.newEncodedVector();
        }
        encodedRows = grown;
        firstFrames = new long[rows];
    }

    /** The buffers of one thread of {@link #project}. */
    private record RowWorker(DeviceScratch scratch, double[] row) {
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
     * (and so the drift angle and the noise of the next frames), the camera's counters, the
     * readout's calibration, and the number of vectors projected. Wall time is not saved.
     *
     * <p>Layout (big-endian): the marker {@code "OPUS"}, {@link #STATE_VERSION} (int); input
     * dimension, output dimension, simulated pixels (3 ints), seed (long) and a CRC-32 of the
     * configuration's text form (int), which identify the configuration; vectors projected (long);
     * then the {@link DeviceState}.
     *
     * @return the state, to pass to {@link #restoreState(byte[])}
     */
    @Override
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
    @Override
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

package org.opudfa.opu.device;

import org.opudfa.opu.encoding.BinaryFrame;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The scattering medium between the DMD and the camera: a transmission matrix whose columns are
 * the {@code n} input features followed by the {@code R} features of a fixed reference pattern
 * {@code r} (disjoint from the input), and which may drift.
 *
 * <p>Drift: {@code T(t) = cos θ(t)·T₀ + sin θ(t)·T₁} with {@code θ(t) = rate·t}, {@code t} the
 * index of the frame being shown and {@code T₀}, {@code T₁} independent matrices (keys derived
 * from the seed under the names {@code "opu.medium"} and {@code "opu.medium.drift"}). Every
 * {@code T(t)} has the statistics of {@code T₀}, and {@code corr(T(t), T₀) = cos θ(t)}. With a
 * zero rate {@code T₁} is never built.
 *
 * <p>The reference field {@code T₀r} (and {@code T₁r}) is computed once for every camera pixel
 * at construction, so showing {@code x ⊕ r} costs no more than showing {@code x}.
 *
 * <p>Threads: {@link #gather(BinaryFrame, int[], int, double[], double[], double[], double[])} and
 * {@link #combine} write only to the buffers passed in, so several threads may compute frames at
 * once, each with its own buffers; the public methods that return fields and columns
 * ({@link #field}, {@link #referenceField}, {@link #column}) use buffers of the medium and are
 * for one thread at a time.
 */
public final class ScatteringMedium {

    private final TransmissionMatrix t0;
    private final TransmissionMatrix t1;
    private final int inputs;
    private final int referenceSize;
    private final double driftRate;
    private final double[] ref0Re;
    private final double[] ref0Im;
    private final double[] ref1Re;
    private final double[] ref1Im;
    private final double[] gatheredRe;
    private final double[] gatheredIm;
    private final double[] driftRe;
    private final double[] driftIm;
    private final double[] columnRe;
    private final double[] columnIm;

    /**
     * @param t0            {@code T₀}, {@code M × (n + R)}
     * @param t1            {@code T₁}, same shape, or {@code null} when the rate is zero
     * @param inputs        {@code n}, the input features (the first {@code n} columns), at least 1
     * @param referenceSize {@code R}, the reference features (the next {@code R} columns), at least 0
     * @param driftRate     radians per frame, finite and non-negative
     * @throws IllegalArgumentException on inconsistent sizes or a bad rate
     */
    public ScatteringMedium(TransmissionMatrix t0, TransmissionMatrix t1, int inputs, int referenceSize,
                            double driftRate) {
        if (inputs < 1) {
            throw new IllegalArgumentException("medium inputs must be at least 1, got " + inputs);
        }
        if (referenceSize < 0) {
            throw new IllegalArgumentException("reference size must be at least 0, got " + referenceSize);
        }
        if (t0.columns() != inputs + referenceSize) {
            throw new IllegalArgumentException("transmission matrix must have " + (inputs + referenceSize)
                    + " columns (inputs plus reference), got " + t0.columns());
        }
        if (!(driftRate >= 0.0) || Double.isInfinite(driftRate)) {
            throw new IllegalArgumentException("drift rate must be a finite number of radians per frame >= 0, got "
                    + driftRate);
        }
        if (driftRate > 0.0 && (t1 == null || t1.rows() != t0.rows() || t1.columns() != t0.columns())) {
            throw new IllegalArgumentException("a drifting medium needs a second matrix of " + t0.rows() + "×"
                    + t0.columns());
        }
        this.t0 = t0;
        this.t1 = driftRate > 0.0 ? t1 : null;
        this.inputs = inputs;
        this.referenceSize = referenceSize;
        this.driftRate = driftRate;
        int m = t0.rows();
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        int[] reference = new int[referenceSize];
        for (int k = 0; k < referenceSize; k++) {
            reference[k] = inputs + k;
        }
        ref0Re = new double[m];
        ref0Im = new double[m];
        t0.accumulate(reference, referenceSize, all, m, ref0Re, ref0Im);
        ref1Re = new double[m];
        ref1Im = new double[m];
        gatheredRe = new double[m];
        gatheredIm = new double[m];
        if (this.t1 != null) {
            this.t1.accumulate(reference, referenceSize, all, m, ref1Re, ref1Im);
            driftRe = new double[m];
            driftIm = new double[m];
            columnRe = new double[m];
            columnIm = new double[m];
        } else {
            driftRe = null;
            driftIm = null;
            columnRe = null;
            columnIm = null;
        }
    }

    /**
     * Builds the medium of a seed, with keys derived from {@code RandomStreams.of(seed)} under
     * {@code "opu.medium"} and {@code "opu.medium.drift"}.
     *
     * @param mode          dense, on-demand or automatic storage
     * @param seed          the run's root seed
     * @param pixels        {@code M}, camera pixels simulated
     * @param inputs        {@code n}
     * @param referenceSize {@code R}
     * @param driftRate     radians per frame, {@code >= 0}
     * @return the medium
     * @throws IllegalArgumentException on bad sizes or rate
     */
    public static ScatteringMedium create(MatrixMode mode, long seed, int pixels, int inputs, int referenceSize,
                                          double driftRate) {
        if (inputs < 1) {
            throw new IllegalArgumentException("medium inputs must be at least 1, got " + inputs);
        }
        if (referenceSize < 0) {
            throw new IllegalArgumentException("reference size must be at least 0, got " + referenceSize);
        }
        RandomStreams streams = RandomStreams.of(seed);
        int columns = inputs + referenceSize;
        TransmissionMatrix t0 = TransmissionMatrix.create(mode, streams.derive("opu.medium"), pixels, columns);
        TransmissionMatrix t1 = driftRate > 0.0
                ? TransmissionMatrix.create(mode, streams.derive("opu.medium.drift"), pixels, columns) : null;
        return new ScatteringMedium(t0, t1, inputs, referenceSize, driftRate);
    }

    /** @return {@code M}, the camera pixels the medium reaches */
    public int pixels() {
        return t0.rows();
    }

    /** @return {@code n} */
    public int inputs() {
        return inputs;
    }

    /** @return {@code R} */
    public int referenceSize() {
        return referenceSize;
    }

    /** @return the drift rate in radians per frame */
    public double driftRate() {
        return driftRate;
    }

    /**
     * @param frame the frame index {@code t}
     * @return {@code θ(t) = rate·t}
     */
    public double theta(long frame) {
        return driftRate * frame;
    }

    /** @return whether the medium drifts (a positive rate, so {@code T₁} exists) */
    public boolean drifts() {
        return t1 != null;
    }

    /**
     * The field at the camera for a frame, {@code E = T(t)·x} (plus {@code T(t)·r} when the
     * reference is shown), before the DMD's macro-pixel gain. Same numbers as
     * {@link #gather} followed by {@link #combine}.
     *
     * @param x             the input frame (features in {@code [0, n)})
     * @param withReference whether the reference pattern is ON too
     * @param frame         {@code t}, the index of the frame (sets the drift angle)
     * @param rows          camera pixels to compute
     * @param rowCount      how many of {@code rows}
     * @param re            receives {@code Re E} at {@code [0, rowCount)}
     * @param im            receives {@code Im E} at {@code [0, rowCount)}
     */
    public void field(BinaryFrame x, boolean withReference, long frame, int[] rows, int rowCount, double[] re,
                      double[] im) {
        gather(x, rows, rowCount, gatheredRe, gatheredIm, driftRe, driftIm);
        combine(gatheredRe, gatheredIm, driftRe, driftIm, withReference, frame, rows, rowCount, re, im);
    }

    /**
     * Gathers the ON columns of the input frame, {@code T₀x} (and {@code T₁x} when drifting),
     * so that several frames showing {@code x} at different times, with or without the
     * reference, are computed by {@link #combine} without gathering again. Writes only the
     * buffers passed in.
     *
     * @param x        the input frame
     * @param rows     camera pixels to compute
     * @param rowCount how many of {@code rows}
     * @param re0      receives {@code Re T₀x} at {@code [0, rowCount)}
     * @param im0      receives {@code Im T₀x} at {@code [0, rowCount)}
     * @param re1      receives {@code Re T₁x} when drifting (else unused, may be null)
     * @param im1      receives {@code Im T₁x} when drifting (else unused, may be null)
     */
    void gather(BinaryFrame x, int[] rows, int rowCount, double[] re0, double[] im0, double[] re1, double[] im1) {
        java.util.Arrays.fill(re0, 0, rowCount, 0.0);
        java.util.Arrays.fill(im0, 0, rowCount, 0.0);
        t0.accumulate(x.onesArray(), x.count(), rows, rowCount, re0, im0);
        if (t1 != null) {
            java.util.Arrays.fill(re1, 0, rowCount, 0.0);
            java.util.Arrays.fill(im1, 0, rowCount, 0.0);
            t1.accumulate(x.onesArray(), x.count(), rows, rowCount, re1, im1);
        }
    }

    /**
     * The field of a {@link #gather gathered} frame at time {@code t}:
     * {@code E = cos θ·T₀x + sin θ·T₁x} (plus the same combination of {@code T₀r}, {@code T₁r}
     * when the reference is shown), before the macro-pixel gain. Writes only {@code re}, {@code im}.
     *
     * @param re0           {@code Re T₀x} from {@link #gather}
     * @param im0           {@code Im T₀x}
     * @param re1           {@code Re T₁x} (unused when the medium does not drift)
     * @param im1           {@code Im T₁x} (unused when the medium does not drift)
     * @param withReference whether the reference pattern is ON too
     * @param frame         {@code t}
     * @param rows          the camera pixels given to {@link #gather}
     * @param rowCount      how many of {@code rows}
     * @param re            receives {@code Re E} at {@code [0, rowCount)}
     * @param im            receives {@code Im E} at {@code [0, rowCount)}
     */
    void combine(double[] re0, double[] im0, double[] re1, double[] im1, boolean withReference, long frame,
                 int[] rows, int rowCount, double[] re, double[] im) {
        if (t1 == null) {
            for (int r = 0; r < rowCount; r++) {
                re[r] = re0[r];
                im[r] = im0[r];
            }
            if (withReference) {
                for (int r = 0; r < rowCount; r++) {
                    re[r] += ref0Re[rows[r]];
                    im[r] += ref0Im[rows[r]];
                }
            }
            return;
        }
        double theta = theta(frame);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        for (int r = 0; r < rowCount; r++) {
            double fr = c * re0[r] + s * re1[r];
            double fi = c * im0[r] + s * im1[r];
            if (withReference) {
                int p = rows[r];
                fr += c * ref0Re[p] + s * ref1Re[p];
                fi += c * ref0Im[p] + s * ref1Im[p];
            }
            re[r] = fr;
            im[r] = fi;
        }
    }

    /**
     * @return {@code T₀} when it is stored and the medium does not drift, so that a pixel's field
     *     can be summed straight from the stored columns; otherwise null
     */
    DenseTransmissionMatrix storedStillMatrix() {
        return t1 == null && t0 instanceof DenseTransmissionMatrix dense ? dense : null;
    }

    /** @return {@code Re T₀r} of every pixel; callers must not modify it */
    double[] reference0Re() {
        return ref0Re;
    }

    /** @return {@code Im T₀r} of every pixel; callers must not modify it */
    double[] reference0Im() {
        return ref0Im;
    }

    /** @return {@code Re T₁r} of every pixel (zeros when not drifting); callers must not modify it */
    double[] reference1Re() {
        return ref1Re;
    }

    /** @return {@code Im T₁r} of every pixel (zeros when not drifting); callers must not modify it */
    double[] reference1Im() {
        return ref1Im;
    }

    /**
     * The reference field {@code T(t)·r}, noise-free, before the macro-pixel gain.
     *
     * @param frame    {@code t}
     * @param rows     camera pixels
     * @param rowCount how many of {@code rows}
     * @param re       receives real parts
     * @param im       receives imaginary parts
     */
    public void referenceField(long frame, int[] rows, int rowCount, double[] re, double[] im) {
        double theta = theta(frame);
        double c = t1 == null ? 1.0 : Math.cos(theta);
        double s = t1 == null ? 0.0 : Math.sin(theta);
        for (int r = 0; r < rowCount; r++) {
            int p = rows[r];
            re[r] = c * ref0Re[p] + s * ref1Re[p];
            im[r] = c * ref0Im[p] + s * ref1Im[p];
        }
    }

    /**
     * One column of {@code T(t)}: {@code T(t)_{rows[r], j}}.
     *
     * @param column   {@code j}, in {@code [0, n + R)}
     * @param frame    {@code t}
     * @param rows     camera pixels
     * @param rowCount how many of {@code rows}
     * @param re       receives real parts
     * @param im       receives imaginary parts
     */
    public void column(int column, long frame, int[] rows, int rowCount, double[] re, double[] im) {
        t0.column(column, rows, rowCount, re, im);
        if (t1 == null) {
            return;
        }
        double theta = theta(frame);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        t1.column(column, rows, rowCount, columnRe, columnIm);
        for (int r = 0; r < rowCount; r++) {
            re[r] = c * re[r] + s * columnRe[r];
            im[r] = c * im[r] + s * columnIm[r];
        }
    }
}

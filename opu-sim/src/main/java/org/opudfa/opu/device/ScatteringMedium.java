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
 * <p>The field model, how a frame's ON columns sum to a complex field at each camera pixel and
 * that field to an intensity, is written once, in {@link #intensities}; every frame the device
 * shows or computes goes through it.
 *
 * <p>Threads: {@link #intensities} writes only to the buffers passed in, so several threads may
 * compute frames at once, each with its own buffers; {@link #column} uses a buffer of the medium
 * and is for one thread at a time.
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
        int[] reference = new int[referenceSize];
        for (int k = 0; k < referenceSize; k++) {
            reference[k] = inputs + k;
        }
        ref0Re = new double[m];
        ref0Im = new double[m];
        ref1Re = new double[m];
        ref1Im = new double[m];
        double[] sum = new double[2];
        for (int i = 0; i < m; i++) {
            t0.sumColumns(i, reference, referenceSize, sum, 0);
            ref0Re[i] = sum[0];
            ref0Im[i] = sum[1];
            if (this.t1 != null) {
                this.t1.sumColumns(i, reference, referenceSize, sum, 0);
                ref1Re[i] = sum[0];
                ref1Im[i] = sum[1];
            }
        }
        if (this.t1 != null) {
            columnRe = new double[m];
            columnIm = new double[m];
        } else {
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
     * The field model, the one place it is written: the intensities {@code s²·|E|²} at the pixels
     * read of the frame {@code x⊕r} shown at frame {@code a} and of the frame {@code x} shown at
     * frame {@code b}. At pixel {@code i}, with {@code g_k = (T_k x)_i}
     * the sum of the ON columns ({@link TransmissionMatrix#sumColumns}, added in order to 0),
     * {@code ρ_k = (T_k r)_i} the reference field and {@code c = cos θ(t)}, {@code s = sin θ(t)}:
     * <pre>
     *   E(x⊕r) = (c_a·g₀ + s_a·g₁) + (c_a·ρ₀ + s_a·ρ₁),    E(x) = c_b·g₀ + s_b·g₁.
     * </pre>
     * A still medium has no {@code T₁} and {@code θ = 0}; its formulas {@code E(x⊕r) = g₀ + ρ₀},
     * {@code E(x) = g₀} are the drifting ones at {@code c = 1}, {@code s = 0} with the terms
     * that vanish left out ({@code 1·v = v} and {@code v + 0·w = v} exactly), so a medium gives
     * the same bits whether or not it drifts while {@code θ = 0}.
     *
     * <p>The pixel's sums are taken and used while in registers, both frames in one pass, so a
     * pair of frames costs one gather of the ON columns; whether the matrix is stored or
     * generated on demand changes where the entries come from, not the arithmetic. Writes only
     * the output arrays and {@code sums}; allocates nothing.
     *
     * @param x                the input frame (features in {@code [0, n)})
     * @param rows             camera pixels to compute
     * @param rowCount         how many of {@code rows}
     * @param gainSquared      {@code s²}, the DMD's macro-pixel gain squared
     * @param frameWith        {@code a}, the frame index at which {@code x⊕r} is shown
     * @param withReference    receives {@code s²·|E(x⊕r)|²} at {@code [0, rowCount)}
     * @param frameWithout     {@code b}, the frame index at which {@code x} is shown
     * @param withoutReference receives {@code s²·|E(x)|²} at {@code [0, rowCount)}
     * @param sums             scratch for the pixel's sums, at least 4 long
     */
    void intensities(BinaryFrame x, int[] rows, int rowCount, double gainSquared, long frameWith,
                     double[] withReference, long frameWithout, double[] withoutReference, double[] sums) {
        int[] on = x.onesArray();
        int ones = x.count();
        if (t1 == null) {
            for (int r = 0; r < rowCount; r++) {
                int p = rows[r];
                t0.sumColumns(p, on, ones, sums, 0);
                double g0r = sums[0];
                double g0i = sums[1];
                double fr = g0r + ref0Re[p];
                double fi = g0i + ref0Im[p];
                withReference[r] = gainSquared * (fr * fr + fi * fi);
                withoutReference[r] = gainSquared * (g0r * g0r + g0i * g0i);
            }
            return;
        }
        double ca = Math.cos(theta(frameWith));
        double sa = Math.sin(theta(frameWith));
        double cb = Math.cos(theta(frameWithout));
        double sb = Math.sin(theta(frameWithout));
        for (int r = 0; r < rowCount; r++) {
            int p = rows[r];
            t0.sumColumns(p, on, ones, sums, 0);
            t1.sumColumns(p, on, ones, sums, 2);
            double g0r = sums[0];
            double g0i = sums[1];
            double g1r = sums[2];
            double g1i = sums[3];
            double fr = (ca * g0r + sa * g1r) + (ca * ref0Re[p] + sa * ref1Re[p]);
            double fi = (ca * g0i + sa * g1i) + (ca * ref0Im[p] + sa * ref1Im[p]);
            withReference[r] = gainSquared * (fr * fr + fi * fi);
            double gr = cb * g0r + sb * g1r;
            double gi = cb * g0i + sb * g1i;
            withoutReference[r] = gainSquared * (gr * gr + gi * gi);
        }
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

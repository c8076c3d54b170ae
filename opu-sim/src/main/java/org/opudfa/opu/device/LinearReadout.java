package org.opudfa.opu.device;

import java.util.Arrays;

import org.opudfa.opu.encoding.BinaryFrame;

/**
 * Linear projection from intensity measurements by interference with a reference pattern
 * {@code r}:
 * {@code I(x⊕r) = |Tx|² + |Tr|² + 2·Re(conj(Tr) ⊙ Tx)} (times {@code s²}, the macro-pixel gain
 * squared). Two frames per binary input, {@code x⊕r} and {@code x}, give
 * <pre>
 *   L_i(x) = (Î(x⊕r)_i − Î(x)_i − Î(r)_i) / (2·s·√Î(r)_i)  ≈  Σ_j W_ij·x_j,
 *   W_ij = Re(conj(u_i)·T_ij),  u_i = (Tr)_i / |(Tr)_i|,
 * </pre>
 * with {@code W_ij} i.i.d. {@code N(0, 1/2)}.
 *
 * <p>Calibration: {@code Î(r)} is the average of a few reference-only frames, taken at
 * construction and again by {@link #recalibrateIfDue()} once {@code recalibrationPeriod}
 * frames have passed (callers check between input vectors, never inside one). It refreshes
 * {@code Î(r)} (and so {@code u_i}) for the current medium; it does not undo the drift of
 * {@code T}.
 *
 * <p>Weak reference: noise in {@code L_i} is amplified by {@code 1/|(Tr)_i|}, and speckle makes
 * some pixels dark. At each calibration the readout keeps, in pixel order, the first
 * {@code m} pixels whose {@code Î(r)} is at least {@code f} times the mean {@code Î(r)} over
 * all simulated pixels, so every output is fed by a bright enough pixel. The device therefore
 * simulates {@link #pixelsNeeded(int, double)} pixels, a margin above {@code m/e^{−f}} (the
 * expected fraction of exponential intensities above {@code f} times their mean is
 * {@code e^{−f}}); should fewer than {@code m} pass, the brightest of the others fill the gap.
 * At a recalibration each output keeps its pixel while that pixel stays above the cut; only
 * outputs whose pixel fell below it move to the first unused pixel above it, so the projection
 * keeps its rows (a fresh selection in pixel order would shift every later output by one for
 * each pixel that crossed the cut). A pixel with {@code Î(r) = 0} reads 0.
 */
public final class LinearReadout {

    private final OpticalProcessingUnit device;
    private final int outputs;
    private final int calibrationFrames;
    private final double weakFraction;
    private final long recalibrationPeriod;
    private final int[] selected;
    private final double[] referenceIntensity;
    private final double[] inverseAmplitude;
    private final double[] withReference;
    private final double[] withoutReference;
    private final double[] calibration;
    private final double[] scratch;
    private final double[] refRe;
    private final double[] refIm;
    private final double[] colRe;
    private final double[] colIm;
    private long lastCalibration;
    private long calibrations;
    private double calibrationMean;

    /**
     * Builds the readout and calibrates it (which shows {@code calibrationFrames} frames).
     *
     * @param device              the device, simulating at least {@code outputs} pixels
     * @param outputs             {@code m}, at least 1
     * @param calibrationFrames   reference-only frames averaged per calibration, at least 1
     * @param weakFraction        {@code f} in {@code [0, 1]}: pixels whose {@code Î(r)} is below
     *                            {@code f} times the mean are skipped
     * @param recalibrationPeriod frames between calibrations, 0 for never
     * @throws IllegalArgumentException if a value is out of range
     */
    public LinearReadout(OpticalProcessingUnit device, int outputs, int calibrationFrames, double weakFraction,
                         long recalibrationPeriod) {
        if (outputs < 1 || outputs > device.pixels()) {
            throw new IllegalArgumentException("readout outputs must be between 1 and the " + device.pixels()
                    + " pixels simulated, got " + outputs);
        }
        if (device.medium().referenceSize() < 1) {
            throw new IllegalArgumentException("a linear readout needs a reference of at least 1 feature, got "
                    + device.medium().referenceSize());
        }
        requireCalibrationFrames(calibrationFrames);
        requireWeakFraction(weakFraction);
        requireRecalibrationPeriod(recalibrationPeriod);
        this.device = device;
        this.outputs = outputs;
        this.calibrationFrames = calibrationFrames;
        this.weakFraction = weakFraction;
        this.recalibrationPeriod = recalibrationPeriod;
        int pixels = device.pixels();
        this.selected = new int[outputs];
        this.referenceIntensity = new double[outputs];
        this.inverseAmplitude = new double[outputs];
        this.withReference = new double[outputs];
        this.withoutReference = new double[outputs];
        this.calibration = new double[pixels];
        this.scratch = new double[pixels];
        this.refRe = new double[outputs];
        this.refIm = new double[outputs];
        this.colRe = new double[outputs];
        this.colIm = new double[outputs];
        calibrate();
    }

    /**
     * @param calibrationFrames frames per calibration
     * @throws IllegalArgumentException if below 1
     */
    public static void requireCalibrationFrames(int calibrationFrames) {
        if (calibrationFrames < 1) {
            throw new IllegalArgumentException("calibration frames must be at least 1, got " + calibrationFrames);
        }
    }

    /**
     * @param weakFraction the weak-reference fraction
     * @throws IllegalArgumentException if outside {@code [0, 1]}
     */
    public static void requireWeakFraction(double weakFraction) {
        if (!(weakFraction >= 0.0 && weakFraction <= 1.0)) {
            throw new IllegalArgumentException("weak-reference fraction must be in [0, 1], got " + weakFraction);
        }
    }

    /**
     * @param recalibrationPeriod frames between calibrations
     * @throws IllegalArgumentException if negative
     */
    public static void requireRecalibrationPeriod(long recalibrationPeriod) {
        if (recalibrationPeriod < 0) {
            throw new IllegalArgumentException("recalibration period must be at least 0 frames (0 = never), got "
                    + recalibrationPeriod);
        }
    }

    /**
     * How many camera pixels the device must simulate so that {@code m} of them pass the
     * weak-reference cut with high probability:
     * {@code M = ⌈(m + 6·√(m·(1 − p)))/p⌉ + 16} with {@code p = e^{−f}}, and {@code M = m} when
     * {@code f = 0}.
     *
     * @param outputs      {@code m}
     * @param weakFraction {@code f}
     * @return {@code M}
     */
    public static long pixelsNeeded(int outputs, double weakFraction) {
        if (weakFraction <= 0.0) {
            return outputs;
        }
        double p = Math.exp(-weakFraction);
        return (long) Math.ceil((outputs + 6.0 * Math.sqrt(outputs * (1.0 - p))) / p) + 16L;
    }

    /**
     * Averages {@code Î(r)} over the calibration frames on all simulated pixels, then selects the
     * output pixels (see the class description).
     */
    public void calibrate() {
        int pixels = device.pixels();
        int[] all = device.allPixels();
        Arrays.fill(calibration, 0.0);
        for (int f = 0; f < calibrationFrames; f++) {
            device.showReference(all, pixels, scratch);
            for (int p = 0; p < pixels; p++) {
                calibration[p] += scratch[p];
            }
        }
        double mean = 0.0;
        for (int p = 0; p < pixels; p++) {
            calibration[p] /= calibrationFrames;
            mean += calibration[p];
        }
        mean /= pixels;
        calibrationMean = mean;
        double cut = weakFraction * mean;
        if (calibrations == 0) {
            selectInPixelOrder(cut);
        } else {
            replaceWeakPixels(cut);
        }
        for (int i = 0; i < outputs; i++) {
            referenceIntensity[i] = calibration[selected[i]];
        }
        updateInverseAmplitudes();
        lastCalibration = device.frames();
        calibrations++;
    }

    private void updateInverseAmplitudes() {
        double gain = device.dmd().fieldGain();
        for (int i = 0; i < outputs; i++) {
            double ir = referenceIntensity[i];
            inverseAmplitude[i] = ir > 0.0 ? 1.0 / (2.0 * gain * Math.sqrt(ir)) : 0.0;
        }
    }

    /** @return the device frame count when the last calibration ended */
    long lastCalibration() {
        return lastCalibration;
    }

    /**
     * Sets the calibration as a saved one left it; the caller has validated the values. The
     * inverse amplitudes are recomputed from the reference intensities with the formula
     * {@link #calibrate()} uses, so they come out bit-identical.
     *
     * @param selectedPixels     the output pixels, {@code m} distinct values in {@code [0, M)}
     * @param referenceIntensity the calibrated {@code Î(r)} of each output, {@code m} values
     * @param lastCalibration    the frame count when the last calibration ended
     * @param calibrations       calibrations done
     * @param calibrationMean    the mean {@code Î(r)} of the last calibration
     */
    void restoreCalibration(int[] selectedPixels, double[] referenceIntensity, long lastCalibration,
                            long calibrations, double calibrationMean) {
        System.arraycopy(selectedPixels, 0, this.selected, 0, outputs);
        System.arraycopy(referenceIntensity, 0, this.referenceIntensity, 0, outputs);
        updateInverseAmplitudes();
        this.lastCalibration = lastCalibration;
        this.calibrations = calibrations;
        this.calibrationMean = calibrationMean;
    }

    private void selectInPixelOrder(double cut) {
        int pixels = device.pixels();
        int kept = 0;
        for (int p = 0; p < pixels && kept < outputs; p++) {
            if (calibration[p] >= cut && calibration[p] > 0.0) {
                selected[kept++] = p;
            }
        }
        if (kept < outputs) {
            fillWithBrightest(kept);
            Arrays.sort(selected, 0, outputs);
        }
    }

    private void replaceWeakPixels(double cut) {
        boolean[] used = new boolean[device.pixels()];
        for (int i = 0; i < outputs; i++) {
            used[selected[i]] = true;
        }
        int spare = 0;
        for (int i = 0; i < outputs; i++) {
            int p = selected[i];
            if (calibration[p] >= cut && calibration[p] > 0.0) {
                continue;
            }
            while (spare < used.length && (used[spare] || calibration[spare] < cut || calibration[spare] <= 0.0)) {
                spare++;
            }
            if (spare == used.length) {
                return;
            }
            used[spare] = true;
            selected[i] = spare;
        }
    }

    private int fillWithBrightest(int kept) {
        boolean[] used = new boolean[device.pixels()];
        for (int i = 0; i < kept; i++) {
            used[selected[i]] = true;
        }
        Integer[] order = new Integer[device.pixels()];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (a, b) -> Double.compare(calibration[b], calibration[a]));
        for (int k = 0; k < order.length && kept < outputs; k++) {
            if (!used[order[k]]) {
                selected[kept++] = order[k];
            }
        }
        return kept;
    }

    /**
     * Calibrates if {@code recalibrationPeriod > 0} and at least that many frames were shown
     * since the last calibration ended. Call it between input vectors.
     *
     * @return whether a calibration was done
     */
    public boolean recalibrateIfDue() {
        if (recalibrationDueAt(device.frames())) {
            calibrate();
            return true;
        }
        return false;
    }

    /**
     * Whether {@link #recalibrateIfDue()} would calibrate if the device clock stood at
     * {@code frame}: {@code recalibrationPeriod > 0} and at least that many frames since the last
     * calibration ended. Lets a caller that computes frames ahead of the clock find where the
     * next calibration falls.
     *
     * @param frame a device frame index, not before the last calibration
     * @return whether a calibration is due at that frame
     */
    public boolean recalibrationDueAt(long frame) {
        return recalibrationPeriod > 0 && frame - lastCalibration >= recalibrationPeriod;
    }

    /**
     * Projects one binary frame: shows {@code x⊕r} then {@code x} (two frames) and writes
     * {@code L(x)}.
     *
     * @param x   the frame
     * @param out receives {@code L_i(x)} at {@code [0, m)}
     */
    public void read(BinaryFrame x, double[] out) {
        device.showPair(x, selected, outputs, withReference, withoutReference);
        for (int i = 0; i < outputs; i++) {
            out[i] = (withReference[i] - withoutReference[i] - referenceIntensity[i]) * inverseAmplitude[i];
        }
    }

    /**
     * Projects one binary frame shown at given device frames, on the calling thread's buffers,
     * and adds it with a weight: the pair {@code x⊕r}, {@code x} is computed at frames
     * {@code frame} and {@code frame + 1} by {@link OpticalProcessingUnit#showPairAt}, and
     * {@code acc_i += weight·L_i(x)}, with {@code L_i} computed as in {@link #read}. Touches no
     * shared state (the calibration is only read), so several threads may call it at once, each
     * with its own scratch and accumulator, between two calibrations. Does not advance the clock;
     * the caller collects the scratch's counters and advances the clock afterwards. Allocates
     * nothing.
     *
     * @param x       the frame
     * @param frame   the device frame index at which {@code x⊕r} is shown
     * @param weight  the weight of the frame's projection in {@code acc}
     * @param scratch the calling thread's buffers, from the readout's device
     * @param acc     accumulates {@code weight·L_i(x)} at {@code [0, m)}
     */
    public void readAt(BinaryFrame x, long frame, double weight, DeviceScratch scratch, double[] acc) {
        device.showPairAt(x, frame, selected, outputs, scratch);
        double[] a = scratch.withReference;
        double[] b = scratch.withoutReference;
        for (int i = 0; i < outputs; i++) {
            acc[i] += weight * ((a[i] - b[i] - referenceIntensity[i]) * inverseAmplitude[i]);
        }
    }

    /**
     * The noise-free projection through the effective matrix of the current medium and the
     * current output pixels: {@code out_i = Σ_c values[c]·W_{i, columns[c]}} with
     * {@code W_ij = Re(conj(u_i)·T(t)_ij)} and {@code u_i} the phase of the current
     * {@code (T(t)r)_i}. Shows nothing; cost {@code m} entries per column.
     *
     * @param columns input features {@code j}, in {@code [0, n)}
     * @param values  their values
     * @param count   how many of {@code columns}
     * @param out     receives the projection at {@code [0, m)}
     */
    public void effectiveProjection(int[] columns, double[] values, int count, double[] out) {
        long now = device.frames();
        ScatteringMedium medium = device.medium();
        medium.referenceField(now, selected, outputs, refRe, refIm);
        for (int i = 0; i < outputs; i++) {
            double amplitude = Math.hypot(refRe[i], refIm[i]);
            refRe[i] = amplitude > 0.0 ? refRe[i] / amplitude : 0.0;
            refIm[i] = amplitude > 0.0 ? refIm[i] / amplitude : 0.0;
        }
        Arrays.fill(out, 0, outputs, 0.0);
        for (int c = 0; c < count; c++) {
            int j = columns[c];
            if (j < 0 || j >= medium.inputs()) {
                throw new IllegalArgumentException("effective-matrix column must be between 0 and "
                        + (medium.inputs() - 1) + ", got " + j);
            }
            medium.column(j, now, selected, outputs, colRe, colIm);
            double v = values[c];
            for (int i = 0; i < outputs; i++) {
                out[i] += v * (refRe[i] * colRe[i] + refIm[i] * colIm[i]);
            }
        }
    }

    /** @return {@code m} */
    public int outputs() {
        return outputs;
    }

    /**
     * @return the camera pixels feeding the outputs ({@code [i]} feeds output {@code i}),
     *     ascending after the first calibration, fixed until the next one
     */
    public int[] selectedPixels() {
        return selected.clone();
    }

    /**
     * @param output {@code i} in {@code [0, m)}
     * @return the calibrated {@code Î(r)} of that output's pixel
     */
    public double referenceIntensity(int output) {
        return referenceIntensity[output];
    }

    /** @return the mean calibrated {@code Î(r)} over all simulated pixels at the last calibration */
    public double calibrationMean() {
        return calibrationMean;
    }

    /** @return calibrations done, the one at construction included */
    public long calibrations() {
        return calibrations;
    }

    /** @return the device */
    public OpticalProcessingUnit device() {
        return device;
    }
}

package org.opudfa.opu.device;

import org.opudfa.opu.encoding.BinaryFrame;

/**
 * The simulated device: the DMD shows a binary frame, light crosses the scattering medium and
 * the camera measures the intensity {@code I = s²·|T(t)·x|²} (with {@code s} the macro-pixel
 * gain) of the requested pixels.
 *
 * <p>Each call to {@link #show} is one frame: it advances the frame counter, which is the clock
 * of the drift and the index that decides the frame's camera noise. Auto-exposure uses the
 * frame's expected mean intensity {@code s²·(ones in x + R if the reference is ON)}.
 *
 * <p>Frames can also be computed ahead of the clock, on several threads: {@link #showPairAt}
 * computes the pair {@code x⊕r}, {@code x} shown at given frame indices with the buffers of one
 * thread's {@link DeviceScratch}, touching no shared state; the caller then
 * {@linkplain #collect(DeviceScratch) collects} each scratch's counters and
 * {@linkplain #advanceClock(long) advances the clock} past the frames it computed. Since a frame's
 * field and noise depend only on its index, the result is the same as showing the frames one
 * after another. The other methods use the device's own buffers and are for one thread at a time.
 */
public final class OpticalProcessingUnit {

    private final Dmd dmd;
    private final ScatteringMedium medium;
    private final Camera camera;
    private final double gainSquared;
    private final double[] fieldRe;
    private final double[] fieldIm;
    private final double[] intensity;
    private final int[] allPixels;
    private final BinaryFrame dark;
    private final DeviceScratch own;
    private long frames;

    /**
     * @param dmd    the micromirror device
     * @param medium the scattering medium, whose inputs and reference must fit on the DMD
     * @param camera the camera
     * @throws IllegalArgumentException if the medium's input and reference do not fit on the DMD
     */
    public OpticalProcessingUnit(Dmd dmd, ScatteringMedium medium, Camera camera) {
        dmd.requireFits(medium.inputs(), medium.referenceSize());
        this.dmd = dmd;
        this.medium = medium;
        this.camera = camera;
        this.gainSquared = dmd.fieldGain() * dmd.fieldGain();
        int m = medium.pixels();
        this.fieldRe = new double[m];
        this.fieldIm = new double[m];
        this.intensity = new double[m];
        this.allPixels = new int[m];
        for (int i = 0; i < m; i++) {
            allPixels[i] = i;
        }
        this.dark = new BinaryFrame(medium.inputs());
        this.own = newScratch();
    }

    /**
     * @return buffers for one thread to compute frames with {@link #showPairAt}, sized for every
     *     simulated pixel
     */
    public DeviceScratch newScratch() {
        return new DeviceScratch(medium.pixels(), medium.inputs(), medium.drifts(), camera);
    }

    /**
     * Shows one frame and measures some pixels. This is the reference model, computed step by
     * step (field, intensity, camera); {@link #showPair} computes the same numbers in one pass.
     *
     * @param x             the input frame (features in {@code [0, n)})
     * @param withReference whether the reference pattern is ON as well
     * @param pixels        camera pixels to read, each in {@code [0, M)}
     * @param pixelCount    how many of {@code pixels}
     * @param out           receives the dequantised intensities {@code Î} at {@code [0, pixelCount)}
     */
    public void show(BinaryFrame x, boolean withReference, int[] pixels, int pixelCount, double[] out) {
        medium.field(x, withReference, frames, pixels, pixelCount, fieldRe, fieldIm);
        for (int r = 0; r < pixelCount; r++) {
            intensity[r] = gainSquared * (fieldRe[r] * fieldRe[r] + fieldIm[r] * fieldIm[r]);
        }
        camera.capture(frames, intensity, pixelCount, exposure(x, withReference), out);
        frames++;
    }

    /**
     * Shows {@code x⊕r} then {@code x}: two frames, the pair a linear readout needs. Same
     * numbers as two calls to {@link #show}, with the input's columns gathered once and both
     * frames' fields computed in one pass over the pixels.
     *
     * @param x                the input frame
     * @param pixels           camera pixels to read
     * @param pixelCount       how many of {@code pixels}
     * @param withReference    receives {@code Î(x⊕r)} at {@code [0, pixelCount)}
     * @param withoutReference receives {@code Î(x)} at {@code [0, pixelCount)}
     */
    public void showPair(BinaryFrame x, int[] pixels, int pixelCount, double[] withReference,
                         double[] withoutReference) {
        showPairAt(x, frames, pixels, pixelCount, own);
        System.arraycopy(own.withReference, 0, withReference, 0, pixelCount);
        System.arraycopy(own.withoutReference, 0, withoutReference, 0, pixelCount);
        collect(own);
        frames += 2;
    }

    /**
     * Computes the pair {@code x⊕r} shown at frame {@code frame} and {@code x} shown at frame
     * {@code frame + 1}, as {@link #showPair} would if the clock stood at {@code frame}, into the
     * scratch's measured frames (which {@link LinearReadout#readAt} reads). Reads
     * the shared device and writes only the scratch, so threads with their own scratch may call
     * it at once; it neither advances the clock nor touches the camera's counters (the scratch
     * tallies them). One pass over the pixels gives both frames' intensities (drift and reference
     * included, from the columns gathered once), then the camera measures each frame in one pass
     * (noise, clipping, ADC). Allocates nothing.
     *
     * @param x          the input frame
     * @param frame      the index of the first frame of the pair, at least 0
     * @param pixels     camera pixels to read
     * @param pixelCount how many of {@code pixels}
     * @param scratch    the calling thread's buffers
     */
    public void showPairAt(BinaryFrame x, long frame, int[] pixels, int pixelCount, DeviceScratch scratch) {
        CameraExposure a = scratch.withReferenceExposure;
        CameraExposure b = scratch.withoutReferenceExposure;
        a.start(frame, exposure(x, true));
        b.start(frame + 1, exposure(x, false));
        DenseTransmissionMatrix stored = medium.storedStillMatrix();
        if (stored != null) {
            intensitiesFromStoredColumns(stored, x, pixels, pixelCount, scratch);
        } else {
            intensitiesFromGatheredColumns(x, frame, pixels, pixelCount, scratch);
        }
        // Each frame's noise is drawn in pixel order from its own generator, so measuring the two
        // frames one after the other gives the numbers of measuring them pixel by pixel together.
        a.measure(scratch.intensityWithReference, pixelCount, scratch.withReference);
        b.measure(scratch.intensityWithoutReference, pixelCount, scratch.withoutReference);
        scratch.pixelsRead += 2L * pixelCount;
    }

    /**
     * The intensities of {@code x⊕r} and {@code x} for a still medium with a stored matrix: each
     * pixel's field is summed from the stored columns inside the pixel loop, in the order
     * {@link TransmissionMatrix#accumulate} sums them, so no gathered field is written and read back.
     */
    private void intensitiesFromStoredColumns(DenseTransmissionMatrix stored, BinaryFrame x, int[] pixels,
                                              int pixelCount, DeviceScratch scratch) {
        float[] tRe = stored.realParts();
        float[] tIm = stored.imaginaryParts();
        int[] offsets = scratch.columnOffsets;
        int ones = x.count();
        int[] on = x.onesArray();
        for (int c = 0; c < ones; c++) {
            offsets[c] = on[c] * stored.rows();
        }
        double[] intensityA = scratch.intensityWithReference;
        double[] intensityB = scratch.intensityWithoutReference;
        double[] ref0Re = medium.reference0Re();
        double[] ref0Im = medium.reference0Im();
        double g2 = gainSquared;
        for (int r = 0; r < pixelCount; r++) {
            int p = pixels[r];
            double gr = 0.0;
            double gi = 0.0;
            for (int c = 0; c < ones; c++) {
                int at = offsets[c] + p;
                gr += tRe[at];
                gi += tIm[at];
            }
            double fr = gr + ref0Re[p];
            double fi = gi + ref0Im[p];
            intensityA[r] = g2 * (fr * fr + fi * fi);
            intensityB[r] = g2 * (gr * gr + gi * gi);
        }
    }

    /**
     * The intensities of {@code x⊕r} (frame {@code frame}) and {@code x} (frame {@code frame + 1})
     * from the columns gathered once at the pixels read, with the drift of each frame.
     */
    private void intensitiesFromGatheredColumns(BinaryFrame x, long frame, int[] pixels, int pixelCount,
                                                DeviceScratch scratch) {
        medium.gather(x, pixels, pixelCount, scratch.re0, scratch.im0, scratch.re1, scratch.im1);
        double[] re0 = scratch.re0;
        double[] im0 = scratch.im0;
        double[] intensityA = scratch.intensityWithReference;
        double[] intensityB = scratch.intensityWithoutReference;
        double[] ref0Re = medium.reference0Re();
        double[] ref0Im = medium.reference0Im();
        double g2 = gainSquared;
        // Both intensities in one pass; the arithmetic of each frame is that of
        // ScatteringMedium.combine and show, term for term, so the pair is bit-identical to two shows.
        if (!medium.drifts()) {
            for (int r = 0; r < pixelCount; r++) {
                int p = pixels[r];
                double gr = re0[r];
                double gi = im0[r];
                double fr = gr + ref0Re[p];
                double fi = gi + ref0Im[p];
                intensityA[r] = g2 * (fr * fr + fi * fi);
                intensityB[r] = g2 * (gr * gr + gi * gi);
            }
        } else {
            double[] re1 = scratch.re1;
            double[] im1 = scratch.im1;
            double[] ref1Re = medium.reference1Re();
            double[] ref1Im = medium.reference1Im();
            double thetaA = medium.theta(frame);
            double thetaB = medium.theta(frame + 1);
            double ca = Math.cos(thetaA);
            double sa = Math.sin(thetaA);
            double cb = Math.cos(thetaB);
            double sb = Math.sin(thetaB);
            for (int r = 0; r < pixelCount; r++) {
                int p = pixels[r];
                double fr = ca * re0[r] + sa * re1[r];
                double fi = ca * im0[r] + sa * im1[r];
                fr += ca * ref0Re[p] + sa * ref1Re[p];
                fi += ca * ref0Im[p] + sa * ref1Im[p];
                intensityA[r] = g2 * (fr * fr + fi * fi);
                double gr = cb * re0[r] + sb * re1[r];
                double gi = cb * im0[r] + sb * im1[r];
                intensityB[r] = g2 * (gr * gr + gi * gi);
            }
        }
    }

    /**
     * Adds the pixels a scratch read and saturated since its last collection to the camera's
     * counters, and restarts its tally. Call it on the thread that owns the device once the
     * threads using the scratches are done.
     *
     * @param scratch a scratch of this device
     */
    public void collect(DeviceScratch scratch) {
        long saturated = scratch.withReferenceExposure.takeSaturated()
                + scratch.withoutReferenceExposure.takeSaturated();
        camera.record(scratch.pixelsRead, saturated);
        scratch.pixelsRead = 0;
    }

    /**
     * Moves the clock forward past frames computed with {@link #showPairAt}.
     *
     * @param frame the new clock, the index of the next frame to show
     * @throws IllegalArgumentException if {@code frame} is before the current clock
     */
    public void advanceClock(long frame) {
        if (frame < frames) {
            throw new IllegalArgumentException("the device clock only moves forward: it is at frame " + frames
                    + ", got " + frame);
        }
        frames = frame;
    }

    /** The exposure of a frame: auto-exposure from its expected mean intensity {@code s²·(ones + R if ON)}. */
    private double exposure(BinaryFrame x, boolean withReference) {
        double ones = x.count() + (withReference ? medium.referenceSize() : 0);
        return camera.exposure(gainSquared * ones);
    }

    /**
     * Shows the reference pattern alone and measures some pixels: one frame.
     *
     * @param pixels     camera pixels to read
     * @param pixelCount how many of {@code pixels}
     * @param out        receives {@code Î(r)} at {@code [0, pixelCount)}
     */
    public void showReference(int[] pixels, int pixelCount, double[] out) {
        dark.clear();
        show(dark, true, pixels, pixelCount, out);
    }

    /**
     * Intensity mode, what the device gives natively: one frame, the dequantised intensities of
     * the first {@code out.length} camera pixels, no reference.
     *
     * @param x   the input frame
     * @param out receives {@code Î(x)}; its length is the number of pixels read, at most {@code M}
     * @throws IllegalArgumentException if {@code out} is longer than the pixels simulated
     */
    public void measureIntensity(BinaryFrame x, double[] out) {
        if (out.length > allPixels.length) {
            throw new IllegalArgumentException("intensity output must have at most " + allPixels.length
                    + " pixels, got " + out.length);
        }
        show(x, false, allPixels, out.length, out);
    }

    /**
     * @param x   a frame
     * @param out receives the noise-free intensity {@code s²·|T(t)x|²} of the first
     *            {@code out.length} pixels at the current frame time; shows nothing
     */
    public void idealIntensity(BinaryFrame x, double[] out) {
        int count = Math.min(out.length, allPixels.length);
        medium.field(x, false, frames, allPixels, count, fieldRe, fieldIm);
        for (int r = 0; r < count; r++) {
            out[r] = gainSquared * (fieldRe[r] * fieldRe[r] + fieldIm[r] * fieldIm[r]);
        }
    }

    /** @return the identity list {@code [0, 1, …, M−1]} of all pixels; callers must not modify it */
    int[] allPixels() {
        return allPixels;
    }

    /** @return {@code M}, the camera pixels simulated */
    public int pixels() {
        return medium.pixels();
    }

    /** @return frames shown since construction, the device clock */
    public long frames() {
        return frames;
    }

    /**
     * Sets the device clock; the caller has validated it.
     *
     * @param frames frames shown, at least 0
     */
    void restoreFrames(long frames) {
        this.frames = frames;
    }

    /** @return the DMD */
    public Dmd dmd() {
        return dmd;
    }

    /** @return the medium */
    public ScatteringMedium medium() {
        return medium;
    }

    /** @return the camera (and its saturation counters) */
    public Camera camera() {
        return camera;
    }
}

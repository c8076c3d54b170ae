package org.opudfa.opu.device;

import org.opudfa.opu.encoding.BinaryFrame;

/**
 * The simulated device: the DMD shows a binary frame, light crosses the scattering medium and
 * the camera measures the intensity {@code I = s²·|T(t)·x|²} (with {@code s} the macro-pixel
 * gain) of the requested pixels.
 *
 * <p>Each call to {@link #show} is one frame: it advances the frame counter (which is the clock
 * of the drift) and the camera's noise stream. Auto-exposure uses the frame's expected mean
 * intensity {@code s²·(ones in x + R if the reference is ON)}.
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
    }

    /**
     * Shows one frame and measures some pixels.
     *
     * @param x             the input frame (features in {@code [0, n)})
     * @param withReference whether the reference pattern is ON as well
     * @param pixels        camera pixels to read, each in {@code [0, M)}
     * @param pixelCount    how many of {@code pixels}
     * @param out           receives the dequantised intensities {@code Î} at {@code [0, pixelCount)}
     */
    public void show(BinaryFrame x, boolean withReference, int[] pixels, int pixelCount, double[] out) {
        medium.gather(x, pixels, pixelCount);
        expose(x, withReference, pixels, pixelCount, out);
    }

    /**
     * Shows {@code x⊕r} then {@code x}: two frames, the pair a linear readout needs. Same
     * numbers as two calls to {@link #show}, with the input's columns gathered once.
     *
     * @param x                the input frame
     * @param pixels           camera pixels to read
     * @param pixelCount       how many of {@code pixels}
     * @param withReference    receives {@code Î(x⊕r)} at {@code [0, pixelCount)}
     * @param withoutReference receives {@code Î(x)} at {@code [0, pixelCount)}
     */
    public void showPair(BinaryFrame x, int[] pixels, int pixelCount, double[] withReference,
                         double[] withoutReference) {
        medium.gather(x, pixels, pixelCount);
        expose(x, true, pixels, pixelCount, withReference);
        expose(x, false, pixels, pixelCount, withoutReference);
    }

    private void expose(BinaryFrame x, boolean withReference, int[] pixels, int pixelCount, double[] out) {
        medium.combine(withReference, frames, pixels, pixelCount, fieldRe, fieldIm);
        for (int r = 0; r < pixelCount; r++) {
            intensity[r] = gainSquared * (fieldRe[r] * fieldRe[r] + fieldIm[r] * fieldIm[r]);
        }
        double ones = x.count() + (withReference ? medium.referenceSize() : 0);
        double eta = camera.exposure(gainSquared * ones);
        camera.capture(intensity, pixelCount, eta, out);
        frames++;
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

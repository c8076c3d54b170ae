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
        return new DeviceScratch(medium.pixels(), camera);
    }

    /**
     * Shows one frame and measures some pixels. Its intensities come from the medium's field
     * model ({@link ScatteringMedium#intensities}), as those of every frame do.
     *
     * @param x             the input frame (features in {@code [0, n)})
     * @param withReference whether the reference pattern is ON as well
     * @param pixels        camera pixels to read, each in {@code [0, M)}
     * @param pixelCount    how many of {@code pixels}
     * @param out           receives the dequantised intensities {@code Î} at {@code [0, pixelCount)}
     */
    public void show(BinaryFrame x, boolean withReference, int[] pixels, int pixelCount, double[] out) {
        medium.intensities(x, pixels, pixelCount, gainSquared, frames, own.intensityWithReference, frames,
                own.intensityWithoutReference, own.columnSums);
        double[] intensity = withReference ? own.intensityWithReference : own.intensityWithoutReference;
        camera.capture(frames, intensity, pixelCount, exposure(x, withReference), out);
        frames++;
    }

    /**
     * Shows {@code x⊕r} then {@code x}: two frames, the pair a linear readout needs. Same
     * numbers as two calls to {@link #show}, with the input's columns gathered once and both
     * frames' intensities computed in one pass over the pixels.
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
        medium.intensities(x, pixels, pixelCount, gainSquared, frame, scratch.intensityWithReference, frame + 1,
                scratch.intensityWithoutReference, scratch.columnSums);
        // Each frame's noise is drawn in pixel order from its own generator, so measuring the two
        // frames one after the other gives the numbers of measuring them pixel by pixel together.
        a.measure(scratch.intensityWithReference, pixelCount, scratch.withReference);
        b.measure(scratch.intensityWithoutReference, pixelCount, scratch.withoutReference);
        scratch.pixelsRead += 2L * pixelCount;
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
        medium.intensities(x, allPixels, count, gainSquared, frames, own.intensityWithReference, frames, out,
                own.columnSums);
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

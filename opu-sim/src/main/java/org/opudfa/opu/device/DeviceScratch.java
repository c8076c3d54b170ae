package org.opudfa.opu.device;

/**
 * Everything one thread needs to simulate pairs of device frames without touching the state the
 * threads share: a pixel's sums of the ON columns, the two frames' intensities at the pixels
 * read, the two {@link CameraExposure}s of a pair ({@code x⊕r} and {@code x}), the two measured
 * frames, and the tally of pixels read and saturated since the tally was last
 * {@linkplain OpticalProcessingUnit#collect(DeviceScratch) collected} into the camera's counters.
 *
 * <p>Get one per thread from {@link OpticalProcessingUnit#newScratch()}; it is sized for every
 * simulated pixel and reused from pair to pair, so simulating frames with it allocates nothing.
 */
public final class DeviceScratch {

    /** Exposure of the frame {@code x⊕r}. */
    final CameraExposure withReferenceExposure;
    /** Exposure of the frame {@code x}. */
    final CameraExposure withoutReferenceExposure;
    /** Intensity {@code s²·|E|²} of the frame {@code x⊕r} at the pixels read. */
    final double[] intensityWithReference;
    /** Intensity {@code s²·|E|²} of the frame {@code x} at the pixels read. */
    final double[] intensityWithoutReference;
    /** Measured {@code Î(x⊕r)} of the last pair. */
    final double[] withReference;
    /** Measured {@code Î(x)} of the last pair. */
    final double[] withoutReference;
    /** A pixel's sums of the ON columns, {@code T₀x} and {@code T₁x} (see {@link ScatteringMedium#intensities}). */
    final double[] columnSums;
    /** Pixels read with this scratch since the last collection. */
    long pixelsRead;

    /**
     * @param pixels {@code M}, the simulated camera pixels
     * @param camera the camera whose exposures to use
     */
    DeviceScratch(int pixels, Camera camera) {
        columnSums = new double[4];
        withReferenceExposure = camera.newExposure();
        withoutReferenceExposure = camera.newExposure();
        intensityWithReference = new double[pixels];
        intensityWithoutReference = new double[pixels];
        withReference = new double[pixels];
        withoutReference = new double[pixels];
    }

    /** @return pixels read with this scratch since its tally was last collected */
    public long pixelsRead() {
        return pixelsRead;
    }

    /** @return pixels saturated with this scratch since its tally was last collected */
    public long saturatedPixels() {
        return withReferenceExposure.saturated() + withoutReferenceExposure.saturated();
    }
}

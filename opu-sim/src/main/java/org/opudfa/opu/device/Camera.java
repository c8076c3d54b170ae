package org.opudfa.opu.device;

import org.opudfa.opu.rng.SplitMix64;

/**
 * The camera: turns speckle intensities into dequantised measurements.
 *
 * <p>For a pixel of intensity {@code I = |E|²} and exposure {@code η}:
 * <ol>
 *   <li>mean photo-electrons {@code λ = η·I};</li>
 *   <li>shot noise: electrons {@code ~ Poisson(λ)}, sampled exactly for {@code λ < 50} (as
 *       {@code Poisson(⌊λ⌋)} by inversion of a tabulated CDF plus a thinned {@code Poisson(1)}
 *       for the fraction, see {@link CameraExposure}) and as {@code N(λ, λ)} above (same mean and variance; the neglected skewness {@code 1/√λ} is
 *       at most 0.14 there);</li>
 *   <li>read noise: plus {@code N(0, σ_r²)} (above {@code λ = 50} shot and read noise are drawn
 *       as one Gaussian {@code N(λ, λ + σ_r²)});</li>
 *   <li>clipping to {@code [0, fullWell]}; a pixel whose electrons exceed full well counts as
 *       saturated;</li>
 *   <li>ADC: {@code counts = round(e·(2^bits − 1)/fullWell) ∈ [0, 2^bits − 1]};</li>
 *   <li>dequantisation back to intensity units: {@code Î = counts·fullWell/((2^bits − 1)·η)}.</li>
 * </ol>
 * The quantisation step in intensity units is {@code Δ = fullWell/((2^bits − 1)·η)}.
 *
 * <p>Auto-exposure sets {@code η = fill·fullWell / Ī} where {@code Ī} is the frame's expected
 * mean intensity, which the caller computes from the number of ON mirrors (for speckle,
 * {@code E[|Tx|²] = s²·(ones in x)}), as the real device sets its exposure from the frame it
 * shows; it needs no extra measurement and does not depend on the noise.
 *
 * <p>Noise is counter-based: the noise of device frame {@code f} is drawn from a generator seeded
 * with {@link #frameSeed(long, long)} {@code = mix(κ ⊕ mix(f))}, where {@code κ} is the noise key
 * (the run's {@code "opu.noise"} key) and {@code mix} SplitMix64's mixer, pixel by pixel in the
 * order the pixels are read (see {@link CameraExposure}). It is a function of {@code (κ, f)}
 * alone, so frames can be measured in any order and on several threads with the same result,
 * and the camera keeps no generator state between frames: its state is the two counters,
 * saturated pixels and pixels read.
 */
public final class Camera {

    /** Mean photo-electrons above which shot noise is drawn from the Gaussian approximation. */
    public static final double GAUSSIAN_SHOT_NOISE_ABOVE = 50.0;

    private final CameraConfig config;
    private final long noiseKey;
    private final CameraExposure exposure;
    private final double countsPerElectron;
    private final double electronsPerCount;
    private long saturated;
    private long pixelsRead;

    /**
     * @param config   the settings
     * @param noiseKey {@code κ}, the key of all camera noise (the run's {@code "opu.noise"} key,
     *                 {@code RandomStreams.of(seed).derive("opu.noise")})
     */
    public Camera(CameraConfig config, long noiseKey) {
        this.config = config;
        this.noiseKey = noiseKey;
        this.countsPerElectron = config.maxCount() / config.fullWell();
        this.electronsPerCount = config.electronsPerCount();
        this.exposure = new CameraExposure(this);
    }

    /**
     * The seed of the noise of one device frame, {@code mix(κ ⊕ mix(f))} with SplitMix64's
     * bijective mixer: distinct frames get unrelated seeds.
     *
     * @param noiseKey {@code κ}
     * @param frame    {@code f}, the frame index
     * @return the seed the frame's {@link CameraExposure} re-seeds its generator with
     */
    public static long frameSeed(long noiseKey, long frame) {
        return SplitMix64.mix(noiseKey ^ SplitMix64.mix(frame));
    }

    /** @return the settings */
    public CameraConfig config() {
        return config;
    }

    /** @return {@code κ}, the key of the camera noise */
    public long noiseKey() {
        return noiseKey;
    }

    /**
     * @return a new exposure object for measuring frames on another thread; its saturation count
     *     reaches this camera's total through {@link OpticalProcessingUnit#collect(DeviceScratch)}
     */
    public CameraExposure newExposure() {
        return new CameraExposure(this);
    }

    /**
     * @param meanIntensity the frame's expected mean intensity {@code Ī}; used only with
     *                      auto-exposure, where a non-positive mean (a dark frame) is treated as 1
     * @return {@code η}: {@code fill·fullWell/Ī} with auto-exposure, else the fixed exposure
     */
    public double exposure(double meanIntensity) {
        if (!config.autoExposure()) {
            return config.exposure();
        }
        double mean = meanIntensity > 0.0 ? meanIntensity : 1.0;
        return config.fill() * config.fullWell() / mean;
    }

    /**
     * Measures a frame on the calling thread and adds to the counters.
     *
     * @param frame     the index of the device frame, which decides its noise
     * @param intensity pixel intensities {@code |E|²} at {@code [0, count)}
     * @param count     pixels to measure
     * @param eta       exposure {@code η}, positive
     * @param out       receives the dequantised intensities {@code Î} at {@code [0, count)}
     */
    public void capture(long frame, double[] intensity, int count, double eta, double[] out) {
        exposure.start(frame, eta);
        exposure.measure(intensity, count, out);
        record(count, exposure.takeSaturated());
    }

    /**
     * @param electrons electrons collected, any value
     * @return the ADC count: {@code round(clip(e, 0, fullWell)·(2^bits − 1)/fullWell)}
     */
    public int adcCount(double electrons) {
        double e = Math.min(Math.max(electrons, 0.0), config.fullWell());
        return (int) Math.rint(e * countsPerElectron);
    }

    /**
     * @param eta exposure {@code η}
     * @return {@code Δ = fullWell/((2^bits − 1)·η)}, one ADC count in intensity units
     */
    public double quantisationStep(double eta) {
        return electronsPerCount / eta;
    }

    /** @return pixels that exceeded full well since construction */
    public long saturatedPixels() {
        return saturated;
    }

    /** @return pixels measured since construction */
    public long pixelsRead() {
        return pixelsRead;
    }

    /** @return {@code saturatedPixels/pixelsRead}, 0 before the first frame */
    public double saturatedFraction() {
        return pixelsRead == 0 ? 0.0 : (double) saturated / pixelsRead;
    }

    /**
     * Adds to the counters.
     *
     * @param pixels    pixels measured
     * @param saturated of which above full well
     */
    void record(long pixels, long saturated) {
        this.pixelsRead += pixels;
        this.saturated += saturated;
    }

    /**
     * Sets the counters; the caller has validated them.
     *
     * @param saturated  pixels that exceeded full well
     * @param pixelsRead pixels measured
     */
    void restore(long saturated, long pixelsRead) {
        this.saturated = saturated;
        this.pixelsRead = pixelsRead;
    }
}

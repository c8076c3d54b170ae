package org.opudfa.opu.device;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The camera: turns speckle intensities into dequantised measurements.
 *
 * <p>For a pixel of intensity {@code I = |E|²} and exposure {@code η}:
 * <ol>
 *   <li>mean photo-electrons {@code λ = η·I};</li>
 *   <li>shot noise: electrons {@code ~ Poisson(λ)}, sampled exactly for {@code λ < 50} and as
 *       {@code N(λ, λ)} above (same mean and variance; the neglected skewness {@code 1/√λ} is
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
 * <p>All noise comes from the one generator passed in, advanced pixel by pixel and frame by
 * frame, so a run is reproducible from its seed. The ziggurat Gaussian sampler keeps no state of
 * its own (it caches no second value), so the generator's state and the two counters are the
 * camera's whole state: restoring them makes the next captures bit-identical.
 */
public final class Camera {

    /** Mean photo-electrons above which shot noise is drawn from the Gaussian approximation. */
    public static final double GAUSSIAN_SHOT_NOISE_ABOVE = 50.0;

    private final CameraConfig config;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gaussian;
    private final double countsPerElectron;
    private final double electronsPerCount;
    private final double readVariance;
    private long saturated;
    private long pixelsRead;

    /**
     * @param config the settings
     * @param noise  the generator of all camera noise (the run's {@code "opu.noise"} stream)
     */
    public Camera(CameraConfig config, UniformRandomProvider noise) {
        this.config = config;
        this.rng = noise;
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(noise);
        this.countsPerElectron = config.maxCount() / config.fullWell();
        this.electronsPerCount = config.electronsPerCount();
        this.readVariance = config.readNoise() * config.readNoise();
    }

    /** @return the settings */
    public CameraConfig config() {
        return config;
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
     * Measures a frame.
     *
     * @param intensity pixel intensities {@code |E|²} at {@code [0, count)}
     * @param count     pixels to measure
     * @param eta       exposure {@code η}, positive
     * @param out       receives the dequantised intensities {@code Î} at {@code [0, count)}
     */
    public void capture(double[] intensity, int count, double eta, double[] out) {
        double toIntensity = electronsPerCount / eta;
        double fullWell = config.fullWell();
        double readNoise = config.readNoise();
        boolean shot = config.shotNoise();
        for (int i = 0; i < count; i++) {
            double lambda = eta * intensity[i];
            double e;
            if (shot) {
                if (lambda >= GAUSSIAN_SHOT_NOISE_ABOVE) {
                    e = lambda + Math.sqrt(lambda + readVariance) * gaussian.sample();
                } else {
                    e = poisson(lambda);
                    if (readNoise > 0.0) {
                        e += readNoise * gaussian.sample();
                    }
                }
            } else {
                e = lambda;
                if (readNoise > 0.0) {
                    e += readNoise * gaussian.sample();
                }
            }
            if (e > fullWell) {
                e = fullWell;
                saturated++;
            } else if (e < 0.0) {
                e = 0.0;
            }
            out[i] = Math.rint(e * countsPerElectron) * toIntensity;
        }
        pixelsRead += count;
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
     * @return the noise generator's state as bytes
     * @throws IllegalStateException if the generator passed in cannot save its state
     */
    byte[] noiseState() {
        return ((RandomProviderDefaultState) restorableNoise().saveState()).getState();
    }

    /**
     * Sets the noise generator's state and the counters; the caller has validated them.
     *
     * @param noise      a state from {@link #noiseState()} of a camera on the same kind of generator
     * @param saturated  pixels that exceeded full well
     * @param pixelsRead pixels measured
     * @throws IllegalStateException if the generator passed in cannot restore its state
     */
    void restore(byte[] noise, long saturated, long pixelsRead) {
        restorableNoise().restoreState(new RandomProviderDefaultState(noise));
        this.saturated = saturated;
        this.pixelsRead = pixelsRead;
    }

    private RestorableUniformRandomProvider restorableNoise() {
        if (rng instanceof RestorableUniformRandomProvider restorable) {
            return restorable;
        }
        throw new IllegalStateException("the camera noise generator must be a RestorableUniformRandomProvider "
                + "to save or restore its state, got " + rng.getClass().getName());
    }

    /** Poisson sample by sequential inversion; exact, and cheap for the small means it is used for. */
    private double poisson(double lambda) {
        if (lambda <= 0.0) {
            return 0.0;
        }
        double u = rng.nextDouble();
        double p = Math.exp(-lambda);
        double cdf = p;
        int k = 0;
        while (u > cdf && p > 0.0) {
            k++;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }
}

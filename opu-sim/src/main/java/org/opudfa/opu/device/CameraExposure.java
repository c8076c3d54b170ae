package org.opudfa.opu.device;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.opudfa.opu.rng.Xoroshiro128PlusPlus;

/**
 * One exposure of the {@link Camera}: the measurement of the pixels of one device frame, pixel by
 * pixel, with that frame's noise. A reusable object: {@link #start(long, double)} begins the
 * exposure of a frame, then {@link #measure(double)} turns each pixel's intensity into its
 * dequantised measurement (the camera's class description gives the model).
 *
 * <p>The noise of frame {@code f} comes from a {@link Xoroshiro128PlusPlus} re-seeded at the start
 * of the frame with {@link Camera#frameSeed(long, long)} {@code = mix(κ ⊕ mix(f))} ({@code κ} the
 * camera's noise key), and is drawn pixel by pixel in the order the pixels are measured. So it
 * depends on the frame index alone: frames may be measured in any order, on any thread, and a
 * frame measured twice gets the same noise. The ziggurat Gaussian sampler over the generator keeps
 * no state of its own, so re-seeding the generator restarts the whole noise source.
 *
 * <p>Each exposure object also counts the pixels it saturated; {@link OpticalProcessingUnit}
 * adds the count to the camera's total. Not thread-safe: one per thread (two for a pair of
 * frames computed together). {@link #measure(double)} allocates nothing.
 */
public final class CameraExposure {

    private final long noiseKey;
    private final Xoroshiro128PlusPlus rng;
    private final ZigguratSampler.NormalizedGaussian gaussian;
    private final boolean shotNoise;
    private final double readNoise;
    private final double readVariance;
    private final double fullWell;
    private final double countsPerElectron;
    private final double electronsPerCount;
    private double eta;
    private double toIntensity;
    private long saturated;

    /**
     * @param camera the camera whose settings and noise key the exposures use
     */
    CameraExposure(Camera camera) {
        CameraConfig config = camera.config();
        this.noiseKey = camera.noiseKey();
        this.rng = new Xoroshiro128PlusPlus(noiseKey);
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        this.shotNoise = config.shotNoise();
        this.readNoise = config.readNoise();
        this.readVariance = config.readNoise() * config.readNoise();
        this.fullWell = config.fullWell();
        this.countsPerElectron = config.maxCount() / config.fullWell();
        this.electronsPerCount = config.electronsPerCount();
        this.eta = 1.0;
        this.toIntensity = electronsPerCount;
    }

    /**
     * Begins the exposure of a frame: re-seeds the noise for frame {@code frame} and sets the
     * exposure {@code η}. Allocates nothing.
     *
     * @param frame the index of the device frame being measured (the device clock when it is shown)
     * @param eta   exposure {@code η}, positive
     */
    public void start(long frame, double eta) {
        rng.reseed(Camera.frameSeed(noiseKey, frame));
        this.eta = eta;
        this.toIntensity = electronsPerCount / eta;
    }

    /**
     * Measures the next pixel of the frame: {@code λ = η·I}, shot and read noise, clipping to
     * {@code [0, fullWell]} (counting a saturated pixel), ADC rounding and dequantisation.
     *
     * @param intensity the pixel's intensity {@code I = |E|²}
     * @return the dequantised intensity {@code Î = round(e·(2^bits − 1)/fullWell)·fullWell/((2^bits − 1)·η)}
     */
    public double measure(double intensity) {
        double lambda = eta * intensity;
        double e;
        if (shotNoise) {
            if (lambda >= Camera.GAUSSIAN_SHOT_NOISE_ABOVE) {
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
        return Math.rint(e * countsPerElectron) * toIntensity;
    }

    /** @return pixels this object measured above full well since the last {@link #takeSaturated()} */
    long saturated() {
        return saturated;
    }

    /** @return the saturated pixels counted since the last call, and restarts the count at 0 */
    long takeSaturated() {
        long s = saturated;
        saturated = 0;
        return s;
    }

    /**
     * Poisson sample by sequential inversion of the CDF, {@code P(k) = P(k−1)·λ/k}: exact, and cheap
     * for the means below {@link Camera#GAUSSIAN_SHOT_NOISE_ABOVE} it is used for. One uniform draw.
     */
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

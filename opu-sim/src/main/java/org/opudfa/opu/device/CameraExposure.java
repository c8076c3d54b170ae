package org.opudfa.opu.device;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.opudfa.opu.rng.Xoroshiro128PlusPlus;

/**
 * One exposure of the {@link Camera}: the measurement of the pixels of one device frame, pixel by
 * pixel, with that frame's noise. A reusable object: {@link #start(long, double)} begins the
 * exposure of a frame, then {@link #measure(double[], int, double[])} turns the pixels'
 * intensities into their dequantised measurements (the camera's class description gives the model).
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
 * frames computed together).
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
     * Measures the pixels of the frame, in order: {@code λ = η·I}, shot and read noise, clipping to
     * {@code [0, fullWell]} (counting saturated pixels), ADC rounding and dequantisation. Allocates
     * nothing.
     *
     * <p>One loop over the pixels with the common case (shot noise above
     * {@link Camera#GAUSSIAN_SHOT_NOISE_ABOVE} photo-electrons) written out in it, so that the
     * just-in-time compiler keeps the loop free of calls there; the low-light cases are one call.
     *
     * @param intensity the pixels' intensities {@code I = |E|²} at {@code [0, count)}
     * @param count     how many pixels
     * @param out       receives the dequantised intensities
     *                  {@code Î = round(e·(2^bits − 1)/fullWell)·fullWell/((2^bits − 1)·η)} at {@code [0, count)}
     */
    public void measure(double[] intensity, int count, double[] out) {
        double exposure = eta;
        double variance = readVariance;
        double well = fullWell;
        double toCounts = countsPerElectron;
        double back = toIntensity;
        boolean shot = shotNoise;
        long clipped = 0;
        for (int i = 0; i < count; i++) {
            double lambda = exposure * intensity[i];
            double e;
            if (shot && lambda >= Camera.GAUSSIAN_SHOT_NOISE_ABOVE) {
                e = lambda + Math.sqrt(lambda + variance) * gaussian.sample();
            } else {
                e = lowLightElectrons(lambda);
            }
            if (e > well) {
                e = well;
                clipped++;
            } else if (e < 0.0) {
                e = 0.0;
            }
            out[i] = Math.rint(e * toCounts) * back;
        }
        saturated += clipped;
    }

    /**
     * Electrons of a pixel outside the Gaussian shot-noise regime: exact Poisson shot noise below
     * {@link Camera#GAUSSIAN_SHOT_NOISE_ABOVE} (or none when shot noise is off), plus read noise.
     */
    private double lowLightElectrons(double lambda) {
        double e = shotNoise ? poisson(lambda) : lambda;
        if (readNoise > 0.0) {
            e += readNoise * gaussian.sample();
        }
        return e;
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
     * An exact Poisson sample for {@code 0 <= λ < 50}, with no transcendental function: a sum of two
     * independent Poisson variables is Poisson with the sum of the means, so
     * {@code Poisson(λ) = Poisson(m) + Poisson(δ)} with {@code m = ⌊λ⌋} and {@code δ = λ − m}. The
     * first term is drawn by inverting the tabulated CDF of {@code Poisson(m)} (a guide table gives
     * the starting point, so about one comparison is needed); the second by thinning: of
     * {@code N ~ Poisson(1)} events (drawn the same way), each is kept with probability {@code δ}.
     * About three uniform draws in all.
     */
    private double poisson(double lambda) {
        if (lambda <= 0.0) {
            return 0.0;
        }
        int m = (int) lambda;
        double delta = lambda - m;
        int k = PoissonTables.sample(m, rng.nextDouble());
        if (delta > 0.0) {
            int events = PoissonTables.sample(1, rng.nextDouble());
            for (int e = 0; e < events; e++) {
                if (rng.nextDouble() < delta) {
                    k++;
                }
            }
        }
        return k;
    }
}

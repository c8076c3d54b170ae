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

    /** Means below which shot noise is sampled by inversion of the CDF, above by rejection. */
    static final double INVERSION_BELOW = 10.0;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);
    /** {@code ln k!} for {@code k < 1024}, summed once. */
    private static final double[] LOG_FACTORIALS = logFactorials(1024);

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
     * An exact Poisson sample: sequential inversion of the CDF below {@link #INVERSION_BELOW}, where it
     * takes about {@code λ} steps; above, the transformed rejection with squeeze of Hörmann (1993,
     * "PTRS"), which takes about 1.3 pairs of uniforms whatever {@code λ}.
     */
    private double poisson(double lambda) {
        if (lambda <= 0.0) {
            return 0.0;
        }
        if (lambda < INVERSION_BELOW) {
            return poissonByInversion(lambda);
        }
        return poissonByRejection(lambda);
    }

    /** Inversion of the CDF, {@code P(k) = P(k−1)·λ/k}, from {@code k = 0}: one uniform draw. */
    private double poissonByInversion(double lambda) {
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

    /**
     * Hörmann's PTRS for {@code λ >= 10}: with {@code U} uniform on {@code (−½, ½)}, {@code V} on
     * {@code [0, 1)}, {@code u_s = ½ − |U|}, the candidate {@code k = ⌊(2a/u_s + b)·U + λ + 0.43⌋}
     * (a transformed uniform whose hat dominates the Poisson probabilities) is accepted at once in
     * the squeeze region {@code u_s >= 0.07, V <= v_r}, and otherwise if
     * {@code ln(V·α⁻¹/(a/u_s² + b)) <= −λ + k·ln λ − ln k!}, the exact Poisson log-probability.
     */
    private double poissonByRejection(double lambda) {
        double b = 0.931 + 2.53 * Math.sqrt(lambda);
        double a = -0.059 + 0.02483 * b;
        double vr = 0.9277 - 3.6224 / (b - 2.0);
        // The squeeze accepts about 86% of first candidates; the constants of the exact test are
        // computed only when it is needed.
        double inverseAlpha = 0.0;
        double logLambda = 0.0;
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2.0 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0.0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (inverseAlpha == 0.0) {
                inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
                logLambda = Math.log(lambda);
            }
            if (Math.log(v * inverseAlpha / (a / (us * us) + b)) <= -lambda + k * logLambda - logFactorial(k)) {
                return k;
            }
        }
    }

    /** {@code ln k!} of a whole number {@code k >= 0}: from a table, or Stirling's series beyond it. */
    static double logFactorial(double k) {
        if (k < LOG_FACTORIALS.length) {
            return LOG_FACTORIALS[(int) k];
        }
        // ln k! = (k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π + 1/(12(k+1)) − 1/(360(k+1)³), with
        // k + 1 >= 1024 the next term is below 1e-19.
        double n = k + 1.0;
        return (n - 0.5) * Math.log(n) - n + HALF_LOG_TWO_PI + 1.0 / (12.0 * n) - 1.0 / (360.0 * n * n * n);
    }

    private static double[] logFactorials(int size) {
        double[] table = new double[size];
        for (int k = 1; k < size; k++) {
            table[k] = table[k - 1] + Math.log(k);
        }
        return table;
    }
}

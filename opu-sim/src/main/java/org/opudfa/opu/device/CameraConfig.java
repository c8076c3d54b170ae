package org.opudfa.opu.device;

/**
 * The camera's settings.
 *
 * @param width         pixels per row, at least 1 (default 2040)
 * @param height        pixel rows, at least 1 (default 1088)
 * @param unbounded     when true the camera is an unbounded virtual device: a projection may
 *                      read more pixels than {@code width·height} (default false)
 * @param bits          ADC bit depth, in {@code [1, 16]} (default 8)
 * @param fullWell      electrons at which a pixel saturates, finite and positive (default 10 000)
 * @param readNoise     standard deviation {@code σ_r} of the read noise in electrons, finite and
 *                      {@code >= 0} (default 3)
 * @param shotNoise     whether photo-electrons are Poisson distributed (default true)
 * @param autoExposure  whether the exposure {@code η} is chosen per frame so that the frame's
 *                      expected mean sits at {@code fill·fullWell} (default true)
 * @param fill          auto-exposure target as a fraction of full well, in {@code (0, 1]}
 *                      (default {@link #DEFAULT_FILL})
 * @param exposure      fixed exposure {@code η}, photo-electrons per unit intensity
 *                      {@code |E|²}, finite and positive, used when auto-exposure is off
 *                      (default 100)
 */
public record CameraConfig(int width, int height, boolean unbounded, int bits, double fullWell, double readNoise,
                           boolean shotNoise, boolean autoExposure, double fill, double exposure) {

    /** Default pixels per row. */
    public static final int DEFAULT_WIDTH = 2040;
    /** Default pixel rows. */
    public static final int DEFAULT_HEIGHT = 1088;
    /** Default ADC bit depth. */
    public static final int DEFAULT_BITS = 8;
    /** Default full well, electrons. */
    public static final double DEFAULT_FULL_WELL = 10_000.0;
    /** Default read noise, electrons RMS. */
    public static final double DEFAULT_READ_NOISE = 3.0;
    /**
     * Default auto-exposure fill: the frame's expected mean at 10% of full well. Speckle
     * intensity is exponential, so this clips a fraction {@code e^{−10} ≈ 5·10⁻⁵} of the pixels.
     * Measured with {@code FidelityMeasurement} on the default linear projector (input 10,
     * output 2048, reference 8, 200 ternary vectors of density 0.5, seed 1), fills of 0.05, 0.10,
     * 0.15, 0.20, 0.25 and 0.30 give correlations with the ideal projection of 0.9946, 0.9976,
     * 0.9978, 0.9939, 0.9845 and 0.9700, with 0, 3·10⁻⁵, 1.4·10⁻³, 7·10⁻³, 2·10⁻² and 4·10⁻²
     * of the pixels saturated: 0.10 is as good as the optimum with almost no clipping.
     */
    public static final double DEFAULT_FILL = 0.1;
    /** Default fixed exposure, electrons per unit intensity. */
    public static final double DEFAULT_EXPOSURE = 100.0;
    /** Highest ADC bit depth. */
    public static final int MAX_BITS = 16;

    /**
     * Validates every component; the message of a failure names the component, its value and
     * the allowed range.
     *
     * @param width see the record description
     * @param height see the record description
     * @param unbounded see the record description
     * @param bits see the record description
     * @param fullWell see the record description
     * @param readNoise see the record description
     * @param shotNoise see the record description
     * @param autoExposure see the record description
     * @param fill see the record description
     * @param exposure see the record description
     * @throws IllegalArgumentException if a component is out of range
     */
    public CameraConfig {
        if (width < 1) {
            throw new IllegalArgumentException("camera width must be at least 1 pixel, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("camera height must be at least 1 pixel, got " + height);
        }
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be between 1 and " + MAX_BITS + ", got " + bits);
        }
        if (!(fullWell > 0.0) || Double.isInfinite(fullWell)) {
            throw new IllegalArgumentException("full well must be a finite number of electrons > 0, got " + fullWell);
        }
        if (!(readNoise >= 0.0) || Double.isInfinite(readNoise)) {
            throw new IllegalArgumentException("read noise must be a finite number of electrons >= 0, got "
                    + readNoise);
        }
        if (!(fill > 0.0 && fill <= 1.0)) {
            throw new IllegalArgumentException("fill must be in (0, 1] (fraction of full well), got " + fill);
        }
        if (!(exposure > 0.0) || Double.isInfinite(exposure)) {
            throw new IllegalArgumentException("exposure must be a finite number of electrons per unit intensity"
                    + " > 0, got " + exposure);
        }
    }

    /** @return the default camera: 2040×1088 pixels, 8 bits, 10 000 e⁻ full well, 3 e⁻ read noise, shot noise, auto-exposure at 10% */
    public static CameraConfig defaults() {
        return new CameraConfig(DEFAULT_WIDTH, DEFAULT_HEIGHT, false, DEFAULT_BITS, DEFAULT_FULL_WELL,
                DEFAULT_READ_NOISE, true, true, DEFAULT_FILL, DEFAULT_EXPOSURE);
    }

    /** @return {@code width·height} */
    public long pixels() {
        return (long) width * height;
    }

    /** @return {@code 2^bits − 1}, the largest ADC count */
    public int maxCount() {
        return (1 << bits) - 1;
    }

    /** @return {@code fullWell/(2^bits − 1)}, electrons per ADC count */
    public double electronsPerCount() {
        return fullWell / maxCount();
    }
}

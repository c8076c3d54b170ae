package org.opudfa.opu;

import org.opudfa.opu.device.CameraConfig;
import org.opudfa.opu.device.Dmd;
import org.opudfa.opu.device.LinearReadout;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.BitPlaneEncoding;
import org.opudfa.opu.encoding.EncodingType;

/**
 * Every setting of a simulated OPU projector, validated when built. Build one with
 * {@link #builder(int, int)}; every knob has a documented default.
 *
 * @param inputDimension        {@code n}, the dimension of the projected vectors, at least 1
 * @param outputDimension       {@code m}, the dimension of the projections, at least 1
 * @param seed                  root seed: the medium comes from it (streams {@code "opu.medium"},
 *                              {@code "opu.medium.drift"}) and the noise from stream
 *                              {@code "opu.noise"} (default 0)
 * @param dmd                   the micromirror device (default 912×1140 mirrors, macro-pixel 1)
 * @param referenceSize         {@code R}, features of the reference pattern, at least 1, or
 *                              {@link #REFERENCE_SIZE_AUTO} to size it to the signal
 *                              ({@link #effectiveReferenceSize()}; default auto)
 * @param matrixMode            how the transmission matrix is held (default {@link MatrixMode#AUTO})
 * @param camera                the camera (default {@link CameraConfig#defaults()})
 * @param calibrationFrames     reference-only frames averaged per calibration, at least 1
 *                              (default {@link #DEFAULT_CALIBRATION_FRAMES})
 * @param weakReferenceFraction {@code f} in {@code [0, 1]}: output pixels whose calibrated
 *                              reference intensity is under {@code f} times the mean are skipped
 *                              (default {@link #DEFAULT_WEAK_REFERENCE_FRACTION})
 * @param driftRate             medium drift in radians per frame, finite and {@code >= 0} (default 0)
 * @param recalibrationPeriod   frames between reference calibrations, {@code >= 0}, 0 = never (default 0)
 * @param framePeriod           seconds per frame, finite and positive (default 500 µs)
 * @param power                 device power in watts, finite and {@code >= 0} (default 30)
 * @param encoding              how real vectors become binary frames (default ternary)
 * @param threshold             {@code τ} in {@code [0, 1)}, threshold relative to each vector's
 *                              largest magnitude, for the threshold and ternary encodings
 *                              (default {@link #DEFAULT_THRESHOLD})
 * @param bitPlanes             {@code p} in {@code [1, 16]}, bits per sign of the bit-plane
 *                              encoding (default {@link #DEFAULT_BIT_PLANES})
 */
public record OpuConfig(int inputDimension, int outputDimension, long seed, Dmd dmd, int referenceSize,
                        MatrixMode matrixMode, CameraConfig camera, int calibrationFrames,
                        double weakReferenceFraction, double driftRate, long recalibrationPeriod,
                        double framePeriod, double power, EncodingType encoding, double threshold,
                        int bitPlanes) {

    /**
     * {@link #referenceSize()} value meaning "size the reference to the signal": the effective
     * size is then {@link #autoReferenceSize(int, EncodingType, Dmd)} of the input dimension,
     * the encoding and the DMD.
     */
    public static final int REFERENCE_SIZE_AUTO = 0;
    /**
     * Default reference size: {@link #REFERENCE_SIZE_AUTO}. It used to be a fixed 8 features,
     * which on the default device at input dimension 10 is as good as auto's 5 (ternary vectors
     * of density 0.1, 0.5 and 1.0, 200 vectors: correlations 0.9967, 0.9976 and 0.9978 against
     * 0.9974, 0.9977 and 0.9975), but whose fidelity falls as the input grows (0.954 at input
     * 1 000, 0.761 at 10 000) because the signal outgrows the reference.
     */
    public static final int DEFAULT_REFERENCE_SIZE = REFERENCE_SIZE_AUTO;
    /**
     * Reference features per expected ON feature of a frame, {@code a} in
     * {@link #autoReferenceSize(int, EncodingType, Dmd)}: the optimum {@code √(2βF/(F + 1)) ≈ 1.89}
     * of the default device, rounded to 2 (which loses 0.1% of the signal-to-noise ratio).
     */
    public static final double REFERENCE_PER_ON_FEATURE = 2.0;
    /**
     * Default number of reference-only frames averaged per calibration; measured on the default
     * projector (input 10, output 2048, fill 0.1) with a reference of 16 features, 1, 8 and 32
     * frames give correlations of 0.9965, 0.9969 and 0.9969.
     */
    public static final int DEFAULT_CALIBRATION_FRAMES = 8;
    /**
     * Default weak-reference fraction: skip pixels under a tenth of the mean reference intensity
     * (about 9.5% of them, so about 16% more pixels are simulated). Measured (reference 16, as
     * for the calibration frames) fractions of 0, 0.05, 0.1, 0.2 and 0.3 give correlations of
     * 0.9894, 0.9965, 0.9969, 0.9973 and 0.9975: most of the gain comes from skipping the
     * darkest few percent.
     */
    public static final double DEFAULT_WEAK_REFERENCE_FRACTION = 0.1;
    /** Default frame period, seconds. */
    public static final double DEFAULT_FRAME_PERIOD = 500e-6;
    /** Default device power, watts. */
    public static final double DEFAULT_POWER = 30.0;
    /**
     * Default threshold {@code τ}. Measured on softmax cross-entropy errors of 10 classes
     * (logits {@code N(0, 4)}, 640 rows) projected to 2048 outputs by the default device and
     * compared with the exact {@code B·e}, so encoding and device error together: τ = 0, 0.05,
     * 0.1, 0.2, 0.3, 0.4 and 0.5 give correlations of 0.880, 0.951, 0.972, 0.982, 0.975, 0.963
     * and 0.943. A low threshold lets many small entries share the scale of the large ones; a
     * high one drops too much. (Bit planes with p = 2, 3, 4 and 6, at up to {@code 4p} device
     * frames per row instead of 4, give 0.984, 0.995, 0.997 and 0.998.)
     *
     * <p>Training decides, though, and it prefers the lower threshold: DFA through the default
     * device on Fashion-MNIST (first 10 000 training and 2 000 test images, MLP 784-256-256-10,
     * tanh, Adam 1e-4, batch 128, 3 epochs, seed 0) reaches test accuracies of 0.604, 0.606,
     * 0.617 and 0.560 at τ = 0.02, 0.05, 0.1 and 0.2, against 0.604 with the exact projector:
     * at 0.2 the small entries of confident samples are dropped and their feedback is lost.
     */
    public static final double DEFAULT_THRESHOLD = 0.1;
    /** Default bit-plane precision {@code p}. */
    public static final int DEFAULT_BIT_PLANES = 4;

    /**
     * Validates every component; the message of a failure names the component, its value and
     * the allowed range.
     *
     * @param inputDimension see the record description
     * @param outputDimension see the record description
     * @param seed see the record description
     * @param dmd see the record description
     * @param referenceSize see the record description
     * @param matrixMode see the record description
     * @param camera see the record description
     * @param calibrationFrames see the record description
     * @param weakReferenceFraction see the record description
     * @param driftRate see the record description
     * @param recalibrationPeriod see the record description
     * @param framePeriod see the record description
     * @param power see the record description
     * @param encoding see the record description
     * @param threshold see the record description
     * @param bitPlanes see the record description
     * @throws IllegalArgumentException if a component is out of range, the input and reference do not
     *     fit the DMD, or the outputs (with the weak-reference margin) do not fit the camera
     */
    public OpuConfig {
        if (inputDimension < 1) {
            throw new IllegalArgumentException("input dimension must be at least 1, got " + inputDimension);
        }
        if (outputDimension < 1) {
            throw new IllegalArgumentException("output dimension must be at least 1, got " + outputDimension);
        }
        if (dmd == null) {
            throw new IllegalArgumentException("dmd must be given, got null");
        }
        if (camera == null) {
            throw new IllegalArgumentException("camera must be given, got null");
        }
        if (matrixMode == null) {
            throw new IllegalArgumentException("matrix mode must be one of DENSE, ON_DEMAND, AUTO, got null");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("encoding must be one of THRESHOLD, TERNARY, BIT_PLANES, got null");
        }
        if (referenceSize < 1 && referenceSize != REFERENCE_SIZE_AUTO) {
            throw new IllegalArgumentException("reference size must be at least 1 feature, or REFERENCE_SIZE_AUTO ("
                    + REFERENCE_SIZE_AUTO + ") to size it to the signal, got " + referenceSize);
        }
        dmd.requireFits(inputDimension, referenceSize == REFERENCE_SIZE_AUTO
                ? autoReferenceSize(inputDimension, encoding, dmd) : referenceSize);
        LinearReadout.requireCalibrationFrames(calibrationFrames);
        LinearReadout.requireWeakFraction(weakReferenceFraction);
        LinearReadout.requireRecalibrationPeriod(recalibrationPeriod);
        long pixels = LinearReadout.pixelsNeeded(outputDimension, weakReferenceFraction);
        if (!camera.unbounded() && pixels > camera.pixels()) {
            throw new IllegalArgumentException("output dimension " + outputDimension + " needs " + pixels
                    + " camera pixels (with the weak-reference margin), but the camera of " + camera.width() + "×"
                    + camera.height() + " has only " + camera.pixels() + "; use a smaller output or an unbounded"
                    + " virtual camera");
        }
        if (pixels > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("output dimension " + outputDimension + " needs " + pixels
                    + " camera pixels, more than the simulator can hold (" + (Integer.MAX_VALUE - 8L) + ")");
        }
        if (!(driftRate >= 0.0) || Double.isInfinite(driftRate)) {
            throw new IllegalArgumentException("drift rate must be a finite number of radians per frame >= 0, got "
                    + driftRate);
        }
        if (!(framePeriod > 0.0) || Double.isInfinite(framePeriod)) {
            throw new IllegalArgumentException("frame period must be a finite number of seconds > 0, got "
                    + framePeriod);
        }
        if (!(power >= 0.0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be a finite number of watts >= 0, got " + power);
        }
        if (!(threshold >= 0.0 && threshold < 1.0)) {
            throw new IllegalArgumentException("threshold τ must be in [0, 1), got " + threshold);
        }
        if (bitPlanes < 1 || bitPlanes > BitPlaneEncoding.MAX_PRECISION) {
            throw new IllegalArgumentException("bit planes must be between 1 and " + BitPlaneEncoding.MAX_PRECISION
                    + ", got " + bitPlanes);
        }
    }

    /**
     * @param inputDimension  {@code n}
     * @param outputDimension {@code m}
     * @return a builder holding every default
     */
    public static Builder builder(int inputDimension, int outputDimension) {
        return new Builder(inputDimension, outputDimension);
    }

    /**
     * @param inputDimension  {@code n}
     * @param outputDimension {@code m}
     * @return the default configuration for those dimensions
     * @throws IllegalArgumentException if they are out of range
     */
    public static OpuConfig defaults(int inputDimension, int outputDimension) {
        return builder(inputDimension, outputDimension).build();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @return {@code R}, the features of the reference pattern the device shows: the configured
     *     size, or {@link #autoReferenceSize(int, EncodingType, Dmd)} when it is
     *     {@link #REFERENCE_SIZE_AUTO}
     */
    public int effectiveReferenceSize() {
        return referenceSize == REFERENCE_SIZE_AUTO ? autoReferenceSize(inputDimension, encoding, dmd) : referenceSize;
    }

    /**
     * The reference size that keeps the linear readout's signal-to-noise ratio independent of the
     * input dimension:
     * <pre>
     *   R = min(max(1, round(a·k̄)), capacity − n),   k̄ = q·n,   a = {@value #REFERENCE_PER_ON_FEATURE},
     * </pre>
     * with {@code q} the encoding's expected fraction of features ON in a frame
     * ({@link EncodingType#expectedOnFraction()}) and {@code capacity} the DMD's macro-pixels (auto
     * never asks for more than the DMD has left; if the input alone fills it, the fit check fails).
     *
     * <p>Why: the readout {@code L_i = (Î(x⊕r) − Î(x) − Î(r))/(2·|(Tr)_i|)} has signal
     * {@code Re(conj(u_i)(Tx)_i)}, of variance {@code k/2} for a frame of {@code k} ON features.
     * Auto-exposure sets each frame's exposure from its mean intensity ({@code k + R}, {@code k}
     * and {@code R}), so the photo-electron count of a pixel of intensity {@code I} in a frame
     * of mean {@code μ} has shot-noise variance {@code ∝ I·μ} in intensity units. With
     * {@code p_i = |(Tr)_i|²}, {@code E[I(x⊕r) | p_i] = k + p_i}, {@code E[I(x)] = k} and the
     * calibration averaging {@code F} frames:
     * <pre>
     *   var L_i ∝ [(k + p_i)(k + R) + k² + p_i·R/F] / (4p_i).
     * </pre>
     * Averaged over the outputs ({@code p_i} exponential of mean {@code R}, the weak-reference
     * cut {@code f} keeping {@code E[1/p] = β/R}, {@code β = e^f·E₁(f) ≈ 2.01} at {@code f = 0.1}),
     * with {@code R = a·k}:
     * <pre>
     *   noise/signal ∝ 2β/a + (β + 1) + a·(1 + 1/F),
     * </pre>
     * which does not depend on {@code k} for a fixed ratio {@code a} and is smallest at
     * {@code a = √(2βF/(F + 1)) ≈ 1.89} ({@code F = 8}). Quantisation and read noise grow as
     * {@code μ²} rather than {@code I·μ}, which puts the optimum of their share at
     * {@code a = √(2F/(F + 1)) ≈ 1.33}, but on the default camera shot noise dominates (a
     * variance of about 1 000 e⁻² at the mean against 128 for an 8-bit step). A fixed {@code R}
     * instead makes the ratio grow as {@code 2βk/R}: a reference dim beside {@code |Tx|²} drowns
     * the interference term {@code 2·Re(conj(Tr)⊙Tx)} in the noise of the large {@code |Tx|²}.
     * The optimum is flat (within 2% of the ratio for {@code a} in {@code [1.5, 2.4]}), so
     * {@code a = 2}.
     * Measured on the default device at input 1 000 (50 ternary vectors of density 0.5,
     * {@code k̄ = 250}), references of 8, 250, 333, 500 and 1 000 features give correlations
     * 0.964, 0.9976, 0.9978, 0.9979 and 0.9975.
     *
     * @param inputDimension {@code n}, at least 1
     * @param encoding       the encoding, which sets {@code q}
     * @param dmd            the DMD, whose capacity bounds {@code R}
     * @return {@code R}, at least 1
     */
    public static int autoReferenceSize(int inputDimension, EncodingType encoding, Dmd dmd) {
        double expectedOn = encoding.expectedOnFraction() * inputDimension;
        long size = Math.max(1L, Math.round(REFERENCE_PER_ON_FEATURE * expectedOn));
        long free = dmd.capacity() - inputDimension;
        return (int) Math.max(1L, Math.min(size, free));
    }

    /** @return {@code M}, the camera pixels simulated: {@code m} plus the weak-reference margin */
    public int simulatedPixels() {
        return (int) LinearReadout.pixelsNeeded(outputDimension, weakReferenceFraction);
    }

    /**
     * Mutable collector of settings; {@link #build()} validates them. Setters mirror the
     * fields of {@link OpuConfig}, {@link Dmd} and {@link CameraConfig}, one per knob.
     */
    public static final class Builder {
        private int inputDimension;
        private int outputDimension;
        private long seed;
        private int dmdWidth = Dmd.DEFAULT_WIDTH;
        private int dmdHeight = Dmd.DEFAULT_HEIGHT;
        private int macroPixel = 1;
        private int referenceSize = DEFAULT_REFERENCE_SIZE;
        private MatrixMode matrixMode = MatrixMode.AUTO;
        private int cameraWidth = CameraConfig.DEFAULT_WIDTH;
        private int cameraHeight = CameraConfig.DEFAULT_HEIGHT;
        private boolean unboundedCamera;
        private int bits = CameraConfig.DEFAULT_BITS;
        private double fullWell = CameraConfig.DEFAULT_FULL_WELL;
        private double readNoise = CameraConfig.DEFAULT_READ_NOISE;
        private boolean shotNoise = true;
        private boolean autoExposure = true;
        private double fill = CameraConfig.DEFAULT_FILL;
        private double exposure = CameraConfig.DEFAULT_EXPOSURE;
        private int calibrationFrames = DEFAULT_CALIBRATION_FRAMES;
        private double weakReferenceFraction = DEFAULT_WEAK_REFERENCE_FRACTION;
        private double driftRate;
        private long recalibrationPeriod;
        private double framePeriod = DEFAULT_FRAME_PERIOD;
        private double power = DEFAULT_POWER;
        private EncodingType encoding = EncodingType.TERNARY;
        private double threshold = DEFAULT_THRESHOLD;
        private int bitPlanes = DEFAULT_BIT_PLANES;

        private Builder(int inputDimension, int outputDimension) {
            this.inputDimension = inputDimension;
            this.outputDimension = outputDimension;
        }

        private Builder(OpuConfig c) {
            this(c.inputDimension, c.outputDimension);
            seed = c.seed;
            dmdWidth = c.dmd.width();
            dmdHeight = c.dmd.height();
            macroPixel = c.dmd.macroPixel();
            referenceSize = c.referenceSize;
            matrixMode = c.matrixMode;
            CameraConfig k = c.camera;
            cameraWidth = k.width();
            cameraHeight = k.height();
            unboundedCamera = k.unbounded();
            bits = k.bits();
            fullWell = k.fullWell();
            readNoise = k.readNoise();
            shotNoise = k.shotNoise();
            autoExposure = k.autoExposure();
            fill = k.fill();
            exposure = k.exposure();
            calibrationFrames = c.calibrationFrames;
            weakReferenceFraction = c.weakReferenceFraction;
            driftRate = c.driftRate;
            recalibrationPeriod = c.recalibrationPeriod;
            framePeriod = c.framePeriod;
            power = c.power;
            encoding = c.encoding;
            threshold = c.threshold;
            bitPlanes = c.bitPlanes;
        }

        /**
         * Sets the {@code n}.
         *
         * @param value the {@code n}
         * @return this builder
         */
        public Builder inputDimension(int value) {
            inputDimension = value;
            return this;
        }

        /**
         * Sets the {@code m}.
         *
         * @param value the {@code m}
         * @return this builder
         */
        public Builder outputDimension(int value) {
            outputDimension = value;
            return this;
        }

        /**
         * Sets the root seed.
         *
         * @param value the root seed
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Sets the DMD mirrors per row.
         *
         * @param value the DMD mirrors per row
         * @return this builder
         */
        public Builder dmdWidth(int value) {
            dmdWidth = value;
            return this;
        }

        /**
         * Sets the DMD mirror rows.
         *
         * @param value the DMD mirror rows
         * @return this builder
         */
        public Builder dmdHeight(int value) {
            dmdHeight = value;
            return this;
        }

        /**
         * Sets the mirrors per feature {@code s}.
         *
         * @param value the mirrors per feature {@code s}
         * @return this builder
         */
        public Builder macroPixel(int value) {
            macroPixel = value;
            return this;
        }

        /**
         * Sets the reference features {@code R}, or {@link #REFERENCE_SIZE_AUTO} to size the
         * reference to the signal.
         *
         * @param value the reference features {@code R}, or {@link #REFERENCE_SIZE_AUTO}
         * @return this builder
         */
        public Builder referenceSize(int value) {
            referenceSize = value;
            return this;
        }

        /**
         * Sets the dense, on-demand or automatic transmission matrix.
         *
         * @param value the dense, on-demand or automatic transmission matrix
         * @return this builder
         */
        public Builder matrixMode(MatrixMode value) {
            matrixMode = value;
            return this;
        }

        /**
         * Sets the camera pixels per row.
         *
         * @param value the camera pixels per row
         * @return this builder
         */
        public Builder cameraWidth(int value) {
            cameraWidth = value;
            return this;
        }

        /**
         * Sets the camera pixel rows.
         *
         * @param value the camera pixel rows
         * @return this builder
         */
        public Builder cameraHeight(int value) {
            cameraHeight = value;
            return this;
        }

        /**
         * Sets the whether the camera is an unbounded virtual device.
         *
         * @param value the whether the camera is an unbounded virtual device
         * @return this builder
         */
        public Builder unboundedCamera(boolean value) {
            unboundedCamera = value;
            return this;
        }

        /**
         * Sets the ADC bits.
         *
         * @param value the ADC bits
         * @return this builder
         */
        public Builder bits(int value) {
            bits = value;
            return this;
        }

        /**
         * Sets the full well, electrons.
         *
         * @param value the full well, electrons
         * @return this builder
         */
        public Builder fullWell(double value) {
            fullWell = value;
            return this;
        }

        /**
         * Sets the read noise, electrons RMS.
         *
         * @param value the read noise, electrons RMS
         * @return this builder
         */
        public Builder readNoise(double value) {
            readNoise = value;
            return this;
        }

        /**
         * Sets the whether shot noise is simulated.
         *
         * @param value the whether shot noise is simulated
         * @return this builder
         */
        public Builder shotNoise(boolean value) {
            shotNoise = value;
            return this;
        }

        /**
         * Sets the whether auto-exposure is on.
         *
         * @param value the whether auto-exposure is on
         * @return this builder
         */
        public Builder autoExposure(boolean value) {
            autoExposure = value;
            return this;
        }

        /**
         * Sets the auto-exposure fill, fraction of full well.
         *
         * @param value the auto-exposure fill, fraction of full well
         * @return this builder
         */
        public Builder fill(double value) {
            fill = value;
            return this;
        }

        /**
         * Sets the fixed exposure {@code η}, electrons per unit intensity (auto-exposure off).
         *
         * @param value the fixed exposure {@code η}, electrons per unit intensity (auto-exposure off)
         * @return this builder
         */
        public Builder exposure(double value) {
            exposure = value;
            return this;
        }

        /**
         * Sets the frames per calibration.
         *
         * @param value the frames per calibration
         * @return this builder
         */
        public Builder calibrationFrames(int value) {
            calibrationFrames = value;
            return this;
        }

        /**
         * Sets the weak-reference fraction {@code f}.
         *
         * @param value the weak-reference fraction {@code f}
         * @return this builder
         */
        public Builder weakReferenceFraction(double value) {
            weakReferenceFraction = value;
            return this;
        }

        /**
         * Sets the drift, radians per frame.
         *
         * @param value the drift, radians per frame
         * @return this builder
         */
        public Builder driftRate(double value) {
            driftRate = value;
            return this;
        }

        /**
         * Sets the frames between calibrations, 0 = never.
         *
         * @param value the frames between calibrations, 0 = never
         * @return this builder
         */
        public Builder recalibrationPeriod(long value) {
            recalibrationPeriod = value;
            return this;
        }

        /**
         * Sets the seconds per frame.
         *
         * @param value the seconds per frame
         * @return this builder
         */
        public Builder framePeriod(double value) {
            framePeriod = value;
            return this;
        }

        /**
         * Sets the device power, watts.
         *
         * @param value the device power, watts
         * @return this builder
         */
        public Builder power(double value) {
            power = value;
            return this;
        }

        /**
         * Sets the encoding of real vectors.
         *
         * @param value the encoding of real vectors
         * @return this builder
         */
        public Builder encoding(EncodingType value) {
            encoding = value;
            return this;
        }

        /**
         * Sets the threshold {@code τ}.
         *
         * @param value the threshold {@code τ}
         * @return this builder
         */
        public Builder threshold(double value) {
            threshold = value;
            return this;
        }

        /**
         * Sets the bit-plane precision {@code p}.
         *
         * @param value the bit-plane precision {@code p}
         * @return this builder
         */
        public Builder bitPlanes(int value) {
            bitPlanes = value;
            return this;
        }

        /**
         * Noise-free camera: no shot noise and no read noise (quantisation and clipping remain).
         *
         * @return this builder
         */
        public Builder noiseless() {
            shotNoise = false;
            readNoise = 0.0;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws IllegalArgumentException naming the first value out of range
         */
        public OpuConfig build() {
            Dmd dmd = new Dmd(dmdWidth, dmdHeight, macroPixel);
            CameraConfig camera = new CameraConfig(cameraWidth, cameraHeight, unboundedCamera, bits, fullWell,
                    readNoise, shotNoise, autoExposure, fill, exposure);
            return new OpuConfig(inputDimension, outputDimension, seed, dmd, referenceSize, matrixMode, camera,
                    calibrationFrames, weakReferenceFraction, driftRate, recalibrationPeriod, framePeriod, power,
                    encoding, threshold, bitPlanes);
        }
    }
}

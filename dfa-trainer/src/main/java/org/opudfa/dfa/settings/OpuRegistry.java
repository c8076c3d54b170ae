package org.opudfa.dfa.settings;

import java.util.Map;

import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.device.CameraConfig;
import org.opudfa.opu.device.Dmd;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.BitPlaneEncoding;
import org.opudfa.opu.encoding.EncodingType;

/**
 * The simulated OPU's settings, declared once: every knob of {@link OpuConfig.Builder} except
 * the input and output dimensions and the seed, which belong to whoever builds the device. The
 * defaults are the library's; {@link #apply} sets a builder from {@link SettingValues}.
 */
public final class OpuRegistry {

    /** The number {@link #REFERENCE_SIZE} holds for {@code auto}: a reference sized to the signal. */
    public static final int AUTO_REFERENCE_SIZE = OpuConfig.REFERENCE_SIZE_AUTO;

    /** Camera ADC bit depth. */
    public static final Setting<Integer> BITS = Setting.of("bits", "camera ADC bit depth, in bits",
            SettingType.wholeNumber(1, CameraConfig.MAX_BITS), CameraConfig.DEFAULT_BITS);
    /** Camera full-well capacity. */
    public static final Setting<Double> FULL_WELL = Setting.of("fullWell", "camera full-well capacity, electrons",
            SettingType.realNumber(RealRange.greaterThan(0)), CameraConfig.DEFAULT_FULL_WELL);
    /** Camera read noise. */
    public static final Setting<Double> READ_NOISE = Setting.of("readNoise", "camera read noise, electrons RMS",
            SettingType.realNumber(RealRange.atLeast(0)), CameraConfig.DEFAULT_READ_NOISE);
    /** Whether photon shot noise is simulated. */
    public static final Setting<Boolean> SHOT_NOISE = Setting.of("shotNoise", "simulate photon shot noise",
            SettingType.onOff(), true);
    /** Switches shot noise and read noise off together. */
    public static final Setting<Boolean> NOISELESS = Setting.of("noiseless",
            "switch shot noise and read noise off (quantisation remains)", SettingType.onOff(), false);
    /** Auto-exposure target. */
    public static final Setting<Double> FILL = Setting.of("fill",
            "auto-exposure target, the mean intensity as a fraction of full well",
            SettingType.realNumber(RealRange.openClosed(0, 1)), CameraConfig.DEFAULT_FILL);
    /** Fixed exposure; unset means auto-exposure. */
    public static final Setting<Double> EXPOSURE = Setting.optional("exposure",
            "fixed exposure in electrons per unit intensity, which switches auto-exposure off (unset: auto-exposure)",
            SettingType.realNumber(RealRange.greaterThan(0)));
    /** Features of the reference pattern, or auto. */
    public static final Setting<Integer> REFERENCE_SIZE = Setting.of("referenceSize",
            "features (macro-pixels) of the reference pattern for linear mode, or auto to size it to the signal",
            SettingType.wholeNumberOrWord(1, Integer.MAX_VALUE, Map.of("auto", AUTO_REFERENCE_SIZE)),
            AUTO_REFERENCE_SIZE);
    /** Reference frames averaged per calibration. */
    public static final Setting<Integer> CALIBRATION_FRAMES = Setting.of("calibrationFrames",
            "reference frames averaged per calibration", SettingType.wholeNumber(1, Integer.MAX_VALUE),
            OpuConfig.DEFAULT_CALIBRATION_FRAMES);
    /** Weak-reference cut. */
    public static final Setting<Double> WEAK_REFERENCE = Setting.of("weakReference",
            "skip camera pixels whose reference intensity is under this fraction of the mean",
            SettingType.realNumber(RealRange.closed(0, 1)), OpuConfig.DEFAULT_WEAK_REFERENCE_FRACTION);
    /** How real vectors become binary frames. */
    public static final Setting<EncodingType> ENCODING = Setting.of("encoding",
            "how real vectors become binary frames", SettingType.choice(EncodingType.class), EncodingType.TERNARY);
    /** Threshold of the threshold and ternary encodings. */
    public static final Setting<Double> THRESHOLD = Setting.of("threshold",
            "threshold relative to each vector's largest magnitude (threshold and ternary encodings)",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), OpuConfig.DEFAULT_THRESHOLD);
    /** Bits per sign of the bit-plane encoding. */
    public static final Setting<Integer> BIT_PLANES = Setting.of("bitPlanes",
            "bits per sign of the bit-plane encoding", SettingType.wholeNumber(1, BitPlaneEncoding.MAX_PRECISION),
            OpuConfig.DEFAULT_BIT_PLANES);
    /** Medium drift. */
    public static final Setting<Double> DRIFT = Setting.of("drift", "medium drift, radians per frame",
            SettingType.realNumber(RealRange.atLeast(0)), 0.0);
    /** Frames between recalibrations. */
    public static final Setting<Long> RECALIBRATE_EVERY = Setting.of("recalibrateEvery",
            "frames between reference recalibrations, 0 = never", SettingType.longNumber(0, Long.MAX_VALUE), 0L);
    /** Seconds per frame. */
    public static final Setting<Double> FRAME_PERIOD = Setting.of("framePeriod", "seconds per frame",
            SettingType.realNumber(RealRange.greaterThan(0)), OpuConfig.DEFAULT_FRAME_PERIOD);
    /** Device power. */
    public static final Setting<Double> POWER = Setting.of("power", "device power, watts",
            SettingType.realNumber(RealRange.atLeast(0)), OpuConfig.DEFAULT_POWER);
    /** DMD mirrors. */
    public static final Setting<FrameSize> DMD = Setting.of("dmd", "DMD mirrors, width x height",
            SettingType.frameSize(), new FrameSize(Dmd.DEFAULT_WIDTH, Dmd.DEFAULT_HEIGHT));
    /** Mirrors per feature. */
    public static final Setting<Integer> MACRO_PIXEL = Setting.of("macroPixel", "DMD mirrors per feature",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 1);
    /** Camera pixels. */
    public static final Setting<FrameSize> CAMERA = Setting.of("camera", "camera pixels, width x height",
            SettingType.frameSize(), new FrameSize(CameraConfig.DEFAULT_WIDTH, CameraConfig.DEFAULT_HEIGHT));
    /** Unbounded virtual camera. */
    public static final Setting<Boolean> UNBOUNDED_CAMERA = Setting.of("unboundedCamera",
            "simulate an unbounded virtual camera (no pixel-count limit)", SettingType.onOff(), false);
    /** Transmission matrix storage. */
    public static final Setting<MatrixMode> MATRIX = Setting.of("matrix", "transmission matrix storage",
            SettingType.choice(MatrixMode.class), MatrixMode.AUTO);

    /** Every OPU setting, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("opu", BITS, FULL_WELL, READ_NOISE,
            SHOT_NOISE, NOISELESS, FILL, EXPOSURE, REFERENCE_SIZE, CALIBRATION_FRAMES, WEAK_REFERENCE, ENCODING,
            THRESHOLD, BIT_PLANES, DRIFT, RECALIBRATE_EVERY, FRAME_PERIOD, POWER, DMD, MACRO_PIXEL, CAMERA,
            UNBOUNDED_CAMERA, MATRIX);

    private OpuRegistry() {
    }

    /**
     * Sets every OPU knob of a builder from the values (given or default): {@code noiseless}
     * switches shot and read noise off whatever they hold, and an {@code exposure} switches
     * auto-exposure off. The builder's dimensions and seed are left as they are.
     *
     * @param values values of a registry that holds the OPU's settings ({@link #SETTINGS} or a
     *               composition of it)
     * @param b      the builder to set
     * @return {@code b}
     * @throws IllegalArgumentException if the values' registry lacks an OPU setting
     */
    public static OpuConfig.Builder apply(SettingValues values, OpuConfig.Builder b) {
        boolean noiseless = values.get(NOISELESS);
        FrameSize dmd = values.get(DMD);
        FrameSize camera = values.get(CAMERA);
        b.bits(values.get(BITS))
                .fullWell(values.get(FULL_WELL))
                .readNoise(noiseless ? 0.0 : values.get(READ_NOISE))
                .shotNoise(values.get(SHOT_NOISE) && !noiseless)
                .fill(values.get(FILL))
                .referenceSize(values.get(REFERENCE_SIZE))
                .calibrationFrames(values.get(CALIBRATION_FRAMES))
                .weakReferenceFraction(values.get(WEAK_REFERENCE))
                .encoding(values.get(ENCODING))
                .threshold(values.get(THRESHOLD))
                .bitPlanes(values.get(BIT_PLANES))
                .driftRate(values.get(DRIFT))
                .recalibrationPeriod(values.get(RECALIBRATE_EVERY))
                .framePeriod(values.get(FRAME_PERIOD))
                .power(values.get(POWER))
                .dmdWidth(dmd.width())
                .dmdHeight(dmd.height())
                .macroPixel(values.get(MACRO_PIXEL))
                .cameraWidth(camera.width())
                .cameraHeight(camera.height())
                .unboundedCamera(values.get(UNBOUNDED_CAMERA))
                .matrixMode(values.get(MATRIX));
        Double exposure = values.get(EXPOSURE);
        if (exposure != null) {
            b.autoExposure(false).exposure(exposure);
        }
        return b;
    }
}

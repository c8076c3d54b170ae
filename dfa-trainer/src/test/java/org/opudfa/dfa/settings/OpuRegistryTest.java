package org.opudfa.dfa.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.encoding.EncodingType;

/**
 * The OPU's registry: it covers every knob of {@link OpuConfig.Builder}, its defaults are the
 * library's, every value reaches the configuration, and its values survive the command-line,
 * JSON and describe round trips.
 */
class OpuRegistryTest {

    private static final int INPUT = 10;
    private static final int OUTPUT = 100;
    private static final long SEED = 3;

    /** Builder method → the setting that sets it; the dimensions and seed stay the caller's. */
    private static final Map<String, String> SETTING_OF_BUILDER_METHOD = Map.ofEntries(
            Map.entry("inputDimension", "(caller)"), Map.entry("outputDimension", "(caller)"),
            Map.entry("seed", "(caller)"),
            Map.entry("bits", "bits"), Map.entry("fullWell", "fullWell"), Map.entry("readNoise", "readNoise"),
            Map.entry("shotNoise", "shotNoise"), Map.entry("noiseless", "noiseless"), Map.entry("fill", "fill"),
            Map.entry("exposure", "exposure"), Map.entry("autoExposure", "exposure"),
            Map.entry("referenceSize", "referenceSize"), Map.entry("calibrationFrames", "calibrationFrames"),
            Map.entry("weakReferenceFraction", "weakReference"), Map.entry("encoding", "encoding"),
            Map.entry("threshold", "threshold"), Map.entry("bitPlanes", "bitPlanes"), Map.entry("driftRate", "drift"),
            Map.entry("recalibrationPeriod", "recalibrateEvery"), Map.entry("framePeriod", "framePeriod"),
            Map.entry("power", "power"), Map.entry("dmdWidth", "dmd"), Map.entry("dmdHeight", "dmd"),
            Map.entry("macroPixel", "macroPixel"), Map.entry("cameraWidth", "camera"),
            Map.entry("cameraHeight", "camera"), Map.entry("unboundedCamera", "unboundedCamera"),
            Map.entry("matrixMode", "matrix"));

    @Test
    void everyBuilderKnobHasASetting() {
        TreeSet<String> knobs = new TreeSet<>();
        for (Method m : OpuConfig.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == OpuConfig.Builder.class) {
                knobs.add(m.getName());
            }
        }
        assertEquals(new TreeSet<>(SETTING_OF_BUILDER_METHOD.keySet()), knobs,
                "a new builder knob needs a setting (and this table an entry)");
        for (String setting : SETTING_OF_BUILDER_METHOD.values()) {
            assertTrue(setting.equals("(caller)") || OpuRegistry.SETTINGS.find(setting).isPresent(), setting);
        }
    }

    @Test
    void theOptionNamesAreTheCommandLinesOfToday() {
        List<String> options = OpuRegistry.SETTINGS.settings().stream().map(Setting::optionName).toList();
        assertEquals(List.of("--bits", "--full-well", "--read-noise", "--no-shot-noise", "--noiseless", "--fill",
                "--exposure", "--reference-size", "--calibration-frames", "--weak-reference", "--encoding",
                "--threshold", "--bit-planes", "--drift", "--recalibrate-every", "--frame-period", "--power", "--dmd",
                "--macro-pixel", "--camera", "--unbounded-camera", "--matrix"), options);
    }

    @Test
    void theDefaultsAreTheLibrarys() {
        OpuConfig fromSettings = OpuRegistry.apply(SettingValues.defaults(OpuRegistry.SETTINGS),
                OpuConfig.builder(INPUT, OUTPUT).seed(SEED)).build();
        assertEquals(OpuConfig.builder(INPUT, OUTPUT).seed(SEED).build(), fromSettings);
    }

    @Test
    void everyValueReachesTheConfiguration() {
        OpuConfig c = OpuRegistry.apply(changed(), OpuConfig.builder(INPUT, OUTPUT).seed(SEED)).build();
        assertEquals(INPUT, c.inputDimension());
        assertEquals(SEED, c.seed());
        assertEquals(12, c.camera().bits());
        assertEquals(20_000.0, c.camera().fullWell());
        assertEquals(1.5, c.camera().readNoise());
        assertFalse(c.camera().shotNoise());
        assertEquals(0.2, c.camera().fill());
        assertFalse(c.camera().autoExposure());
        assertEquals(50.0, c.camera().exposure());
        assertEquals(16, c.referenceSize());
        assertEquals(4, c.calibrationFrames());
        assertEquals(0.05, c.weakReferenceFraction());
        assertEquals(EncodingType.BIT_PLANES, c.encoding());
        assertEquals(0.2, c.threshold());
        assertEquals(3, c.bitPlanes());
        assertEquals(1e-4, c.driftRate());
        assertEquals(100L, c.recalibrationPeriod());
        assertEquals(1e-3, c.framePeriod());
        assertEquals(10.0, c.power());
        assertEquals(800, c.dmd().width());
        assertEquals(600, c.dmd().height());
        assertEquals(2, c.dmd().macroPixel());
        assertEquals(640, c.camera().width());
        assertEquals(480, c.camera().height());
        assertTrue(c.camera().unbounded());
        assertEquals(MatrixMode.ON_DEMAND, c.matrixMode());
    }

    @Test
    void noiselessSwitchesBothNoisesOffWhateverTheyHold() {
        SettingValues v = SettingValues.defaults(OpuRegistry.SETTINGS).with(OpuRegistry.READ_NOISE, 5.0)
                .with(OpuRegistry.NOISELESS, true);
        OpuConfig c = OpuRegistry.apply(v, OpuConfig.builder(INPUT, OUTPUT)).build();
        assertEquals(0.0, c.camera().readNoise());
        assertFalse(c.camera().shotNoise());
        assertTrue(c.camera().autoExposure(), "no exposure given: auto-exposure stays on");
    }

    @Test
    void commandLineTextJsonAndDescribeGiveTheSameValues() {
        SettingValues v = changed();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Setting<?> s : OpuRegistry.SETTINGS.settings()) {
            texts.put(s.name(), formatted(s, v));
        }
        assertEquals(v, SettingValues.parse(OpuRegistry.SETTINGS, texts));
        assertEquals(v, SettingValues.fromDescribe(OpuRegistry.SETTINGS, v.describe()));
        SettingValues defaults = SettingValues.defaults(OpuRegistry.SETTINGS);
        assertEquals(defaults, SettingValues.fromDescribe(OpuRegistry.SETTINGS, defaults.describe()));
    }

    private static <T> String formatted(Setting<T> s, SettingValues v) {
        return s.format(v.get(s));
    }

    @Test
    void autoIsTheDefaultReferenceSize() {
        SettingValues auto = SettingValues.parse(OpuRegistry.SETTINGS, Map.of("referenceSize", "auto"));
        assertEquals(OpuRegistry.AUTO_REFERENCE_SIZE, auto.get(OpuRegistry.REFERENCE_SIZE));
        assertEquals(SettingValues.defaults(OpuRegistry.SETTINGS), auto);
        assertEquals(OpuConfig.DEFAULT_REFERENCE_SIZE,
                OpuRegistry.apply(auto, OpuConfig.builder(INPUT, OUTPUT)).build().referenceSize());
    }

    /** A value other than the default for every setting. */
    private static SettingValues changed() {
        return SettingValues.defaults(OpuRegistry.SETTINGS)
                .with(OpuRegistry.BITS, 12)
                .with(OpuRegistry.FULL_WELL, 20_000.0)
                .with(OpuRegistry.READ_NOISE, 1.5)
                .with(OpuRegistry.SHOT_NOISE, false)
                .with(OpuRegistry.FILL, 0.2)
                .with(OpuRegistry.EXPOSURE, 50.0)
                .with(OpuRegistry.REFERENCE_SIZE, 16)
                .with(OpuRegistry.CALIBRATION_FRAMES, 4)
                .with(OpuRegistry.WEAK_REFERENCE, 0.05)
                .with(OpuRegistry.ENCODING, EncodingType.BIT_PLANES)
                .with(OpuRegistry.THRESHOLD, 0.2)
                .with(OpuRegistry.BIT_PLANES, 3)
                .with(OpuRegistry.DRIFT, 1e-4)
                .with(OpuRegistry.RECALIBRATE_EVERY, 100L)
                .with(OpuRegistry.FRAME_PERIOD, 1e-3)
                .with(OpuRegistry.POWER, 10.0)
                .with(OpuRegistry.DMD, new FrameSize(800, 600))
                .with(OpuRegistry.MACRO_PIXEL, 2)
                .with(OpuRegistry.CAMERA, new FrameSize(640, 480))
                .with(OpuRegistry.UNBOUNDED_CAMERA, true)
                .with(OpuRegistry.MATRIX, MatrixMode.ON_DEMAND);
    }
}

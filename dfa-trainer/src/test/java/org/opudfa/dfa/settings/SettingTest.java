package org.opudfa.dfa.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.encoding.EncodingType;

/**
 * Each setting type: reading command-line text and JSON, writing plain JSON values and text,
 * and the one-sentence messages for a value of the wrong form and one out of range.
 */
class SettingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Setting<Integer> BITS = Setting.of("bits", "camera ADC bit depth, bits",
            SettingType.wholeNumber(1, 16), 8);
    private static final Setting<Long> PERIOD = Setting.of("recalibrateEvery", "frames between recalibrations",
            SettingType.longNumber(0, Long.MAX_VALUE), 0L);
    private static final Setting<Double> RATE = Setting.of("learningRate", "initial learning rate",
            SettingType.realNumber(RealRange.greaterThan(0)), 1e-3);
    private static final Setting<Double> FILL = Setting.of("fill", "fraction of full well",
            SettingType.realNumber(RealRange.openClosed(0, 1)), 0.1);
    private static final Setting<Boolean> SHOT_NOISE = Setting.of("shotNoise", "simulate shot noise",
            SettingType.onOff(), true);
    private static final Setting<Boolean> NOISELESS = Setting.of("noiseless", "no noise", SettingType.onOff(), false);
    private static final Setting<EncodingType> ENCODING = Setting.of("encoding", "frame encoding",
            SettingType.choice(EncodingType.class), EncodingType.TERNARY);
    private static final Setting<String> VECTOR_TYPE = Setting.of("vectorType", "vector entries",
            SettingType.word(List.of("ternary", "gaussian")), "ternary");
    private static final Setting<List<Integer>> HIDDEN = Setting.of("hidden", "hidden layer widths",
            SettingType.wholeNumbers(1, Integer.MAX_VALUE), List.of(256, 256));
    private static final Setting<Path> DATA = Setting.optional("data", "data folder; unset: the default",
            SettingType.path());
    private static final Setting<Integer> REFERENCE = Setting.of("referenceSize", "reference features",
            SettingType.wholeNumberOrWord(1, Integer.MAX_VALUE, Map.of("auto", 0)), 0);
    private static final Setting<FrameSize> DMD = Setting.of("dmd", "DMD mirrors",
            SettingType.frameSize(), new FrameSize(912, 1140));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String rejected(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void optionNamesAreTheNameHyphenatedAndSwitchesOnByDefaultAreSpelledWithNo() {
        assertEquals("--bits", BITS.optionName());
        assertEquals("--recalibrate-every", PERIOD.optionName());
        assertEquals("--no-shot-noise", SHOT_NOISE.optionName());
        assertFalse(SHOT_NOISE.flagValue(), "--no-shot-noise switches shot noise off");
        assertEquals("--noiseless", NOISELESS.optionName());
        assertTrue(NOISELESS.flagValue());
        assertThrows(IllegalStateException.class, BITS::flagValue);
    }

    @Test
    void wholeNumber() throws Exception {
        assertEquals("a whole number between 1 and 16", BITS.typeDescription());
        assertEquals(12, BITS.parse(" 12 "));
        assertEquals(12, BITS.fromJson(json("12"), "bits"));
        assertEquals(12, BITS.toJson(12));
        assertEquals("12", BITS.format(12));
        assertEquals("--bits must be a whole number, got 'many'", rejected(() -> BITS.parse("many")));
        assertEquals("--bits must be between 1 and 16, got 17", rejected(() -> BITS.parse("17")));
        assertEquals("grid.bits[1] must be a whole number, got \"nine\"",
                rejected(() -> BITS.fromJson(json("\"nine\""), "grid.bits[1]")));
        assertEquals("grid.bits[1] must be a whole number, got 4.5",
                rejected(() -> BITS.fromJson(json("4.5"), "grid.bits[1]")));
        assertEquals("bits must be between 1 and 16, got 0", rejected(() -> BITS.fromJson(json("0"), "bits")));
        assertEquals(17, BITS.readJson(json("17"), "grid.bits[0]"), "reading alone leaves the range unchecked");
        assertEquals("--bits must be a whole number, got '9999999999'", rejected(() -> BITS.parse("9999999999")));
    }

    @Test
    void longNumber() throws Exception {
        assertEquals("a whole number at least 0", PERIOD.typeDescription());
        assertEquals(10_000_000_000L, PERIOD.parse("10000000000"));
        assertEquals(100L, PERIOD.fromJson(json("100"), "recalibrateEvery"));
        assertEquals(100L, PERIOD.toJson(100L));
        assertEquals("--recalibrate-every must be at least 0, got -1", rejected(() -> PERIOD.parse("-1")));
        assertEquals("base.recalibrateEvery must be a whole number, got 1.5",
                rejected(() -> PERIOD.fromJson(json("1.5"), "base.recalibrateEvery")));
    }

    @Test
    void realNumberWithAnExclusiveLowerBound() throws Exception {
        assertEquals("a number greater than 0", RATE.typeDescription());
        assertEquals("a number in (0, 1]", FILL.typeDescription());
        assertEquals(0.5, RATE.parse("5e-1"));
        assertEquals(3.0, RATE.fromJson(json("3"), "learningRate"), "whole numbers are numbers");
        assertEquals(0.5, RATE.toJson(0.5));
        assertEquals("0.001", RATE.format(1e-3));
        assertEquals("--learning-rate must be greater than 0, got 0.0", rejected(() -> RATE.parse("0")));
        assertEquals("--learning-rate must be a number, got 'NaN'", rejected(() -> RATE.parse("NaN")));
        assertEquals("--learning-rate must be a number, got 'Infinity'", rejected(() -> RATE.parse("Infinity")));
        assertEquals("--fill must be in (0, 1], got 1.5", rejected(() -> FILL.parse("1.5")));
        assertEquals("grid.readNoise[0] must be a number, got \"x\"",
                rejected(() -> RATE.fromJson(json("\"x\""), "grid.readNoise[0]")));
    }

    @Test
    void realRangesInWords() {
        assertEquals("", RealRange.any().phrase());
        assertEquals("at least 0", RealRange.atLeast(0).phrase());
        assertEquals("in [0, 1)", RealRange.closedOpen(0, 1).phrase());
        assertEquals("in [0, 0.5]", RealRange.closed(0, 0.5).phrase());
        assertEquals("less than 2", new RealRange(Double.NEGATIVE_INFINITY, false, 2, false).phrase());
        assertTrue(RealRange.closedOpen(0, 1).contains(0));
        assertFalse(RealRange.closedOpen(0, 1).contains(1));
        assertFalse(RealRange.any().contains(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RealRange.closedOpen(1, 1));
    }

    @Test
    void switches() throws Exception {
        assertEquals("true or false", SHOT_NOISE.typeDescription());
        assertEquals(false, SHOT_NOISE.parse("FALSE"));
        assertEquals(true, SHOT_NOISE.fromJson(json("true"), "shotNoise"));
        assertEquals(false, SHOT_NOISE.toJson(false));
        assertEquals("grid.shotNoise[0] must be true or false, got 1",
                rejected(() -> SHOT_NOISE.fromJson(json("1"), "grid.shotNoise[0]")));
        assertEquals("--no-shot-noise must be true or false, got 'yes'", rejected(() -> SHOT_NOISE.parse("yes")));
    }

    @Test
    void enumChoicesAreSpelledInLowerCaseWithHyphens() throws Exception {
        assertEquals("one of threshold, ternary, bit-planes", ENCODING.typeDescription());
        assertEquals(EncodingType.BIT_PLANES, ENCODING.parse("bit-planes"));
        assertEquals(EncodingType.BIT_PLANES, ENCODING.parse("BIT_PLANES"), "either spelling, any case");
        assertEquals(EncodingType.BIT_PLANES, ENCODING.fromJson(json("\"bit-planes\""), "encoding"));
        assertEquals("bit-planes", ENCODING.toJson(EncodingType.BIT_PLANES));
        assertEquals("bit-planes", ENCODING.format(EncodingType.BIT_PLANES));
        assertEquals("--encoding 'morse' is not one of threshold, ternary, bit-planes",
                rejected(() -> ENCODING.parse("morse")));
        assertEquals("grid.encoding[0] must be one of threshold, ternary, bit-planes, got \"morse\"",
                rejected(() -> ENCODING.fromJson(json("\"morse\""), "grid.encoding[0]")));
        assertEquals("grid.encoding[0] must be one of threshold, ternary, bit-planes, got 2",
                rejected(() -> ENCODING.fromJson(json("2"), "grid.encoding[0]")));
        assertEquals("bit-planes", EnumSpelling.spell(EncodingType.BIT_PLANES));
        assertNull(EnumSpelling.find(EncodingType.class, "morse"));
    }

    @Test
    void wordChoices() throws Exception {
        assertEquals("gaussian", VECTOR_TYPE.parse("Gaussian"));
        assertEquals("gaussian", VECTOR_TYPE.toJson("gaussian"));
        assertEquals("vectorType must be one of ternary, gaussian, got \"uniform\"",
                rejected(() -> VECTOR_TYPE.fromJson(json("\"uniform\""), "vectorType")));
        assertEquals("vectorType must be one of ternary, gaussian, got uniform",
                rejected(() -> VECTOR_TYPE.check("uniform", "vectorType")));
    }

    @Test
    void listsOfWholeNumbers() throws Exception {
        assertEquals("a list of whole numbers each at least 1", HIDDEN.typeDescription());
        assertEquals(List.of(1024, 1024), HIDDEN.parse("1024, 1024"));
        assertEquals(List.of(1024, 1024), HIDDEN.fromJson(json("[1024, 1024]"), "hidden"));
        assertEquals(List.of(64), HIDDEN.fromJson(json("64"), "hidden"), "one number is a list of one");
        assertEquals(List.of(1024, 1024), HIDDEN.toJson(List.of(1024, 1024)));
        assertEquals("1024,1024", HIDDEN.format(List.of(1024, 1024)));
        assertEquals("--hidden must be a list of whole numbers, got '1024,x'", rejected(() -> HIDDEN.parse("1024,x")));
        assertEquals("--hidden must be a list of whole numbers, got ''", rejected(() -> HIDDEN.parse("")));
        assertEquals("every entry of --hidden must be at least 1, got 0", rejected(() -> HIDDEN.parse("32,0")));
        assertEquals("base.hidden must be a list of whole numbers, got [\"a\"]",
                rejected(() -> HIDDEN.fromJson(json("[\"a\"]"), "base.hidden")));
        assertEquals("hidden must be a list of whole numbers, got []",
                rejected(() -> HIDDEN.fromJson(json("[]"), "hidden")));
    }

    @Test
    void optionalPaths() throws Exception {
        assertFalse(DATA.hasDefault());
        assertNull(DATA.defaultValue());
        assertEquals(Path.of("data", "fashion"), DATA.parse("data/fashion"));
        assertEquals(Path.of("x.idx"), DATA.fromJson(json("\"x.idx\""), "data"));
        assertEquals("x.idx", DATA.toJson(Path.of("x.idx")));
        assertNull(DATA.toJson(null), "an unset optional setting is null in JSON");
        assertEquals("--data must be a path, got ' '", rejected(() -> DATA.parse(" ")));
        assertEquals("data must be a path, got 3", rejected(() -> DATA.fromJson(json("3"), "data")));
    }

    @Test
    void wholeNumberOrWord() throws Exception {
        assertEquals("auto or a whole number at least 1", REFERENCE.typeDescription());
        assertEquals(0, REFERENCE.parse("AUTO"));
        assertEquals(16, REFERENCE.parse("16"));
        assertEquals(0, REFERENCE.fromJson(json("\"auto\""), "referenceSize"));
        assertEquals(16, REFERENCE.fromJson(json("16"), "referenceSize"));
        assertEquals("auto", REFERENCE.toJson(0));
        assertEquals(16, REFERENCE.toJson(16));
        assertEquals("auto", REFERENCE.format(0));
        assertEquals("--reference-size must be auto or a whole number, got 'big'",
                rejected(() -> REFERENCE.parse("big")));
        assertEquals("--reference-size must be auto or a whole number at least 1, got -3",
                rejected(() -> REFERENCE.parse("-3")));
        assertEquals("referenceSize must be auto or a whole number, got 2.5",
                rejected(() -> REFERENCE.fromJson(json("2.5"), "referenceSize")));
        assertThrows(IllegalArgumentException.class,
                () -> SettingType.wholeNumberOrWord(0, 10, Map.of("auto", 0)), "a sentinel inside the range");
    }

    @Test
    void frameSizes() throws Exception {
        assertEquals(new FrameSize(800, 600), DMD.parse("800X600"));
        assertEquals(new FrameSize(800, 600), DMD.fromJson(json("\"800x600\""), "dmd"));
        assertEquals("912x1140", DMD.toJson(new FrameSize(912, 1140)));
        assertEquals("--dmd must be WIDTHxHEIGHT in whole numbers, e.g. 912x1140, got '912by1140'",
                rejected(() -> DMD.parse("912by1140")));
        assertEquals("--dmd must have a width and height of at least 1, got 0x5", rejected(() -> DMD.parse("0x5")));
        assertEquals("dmd must be WIDTHxHEIGHT in whole numbers, e.g. 912x1140, got [912,1140]",
                rejected(() -> DMD.fromJson(json("[912, 1140]"), "dmd")));
    }

    @Test
    void textAndJsonFormsReadBackToTheSameValue() {
        List<Setting<?>> all = List.of(BITS, PERIOD, RATE, FILL, SHOT_NOISE, NOISELESS, ENCODING, VECTOR_TYPE, HIDDEN,
                REFERENCE, DMD);
        for (Setting<?> s : all) {
            assertRoundTrip(s);
        }
    }

    private static <T> void assertRoundTrip(Setting<T> s) {
        T value = s.defaultValue();
        assertEquals(value, s.parse(s.format(value)), s.name());
        assertEquals(value, s.fromJson(JSON.valueToTree(s.toJson(value)), s.name()), s.name());
    }

    @Test
    void declarationsAreChecked() {
        assertEquals("the default of bits must be between 1 and 16, got 0", rejected(() ->
                Setting.of("bits", "bits", SettingType.wholeNumber(1, 16), 0)));
        assertEquals("a setting name must be camelCase letters and digits, got 'read-noise'", rejected(() ->
                Setting.of("read-noise", "noise", SettingType.realNumber(RealRange.any()), 0.0)));
        assertThrows(NullPointerException.class, () -> Setting.of("bits", "bits", SettingType.wholeNumber(1, 16), null));
        assertEquals("bits holds Integer values, got String 8", rejected(() -> BITS.cast("8")));
    }
}

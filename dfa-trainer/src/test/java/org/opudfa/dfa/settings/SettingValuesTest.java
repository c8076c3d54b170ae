package org.opudfa.dfa.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Values of a registry: defaults, typed access, checks, equality and the describe round trip. */
class SettingValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Setting<List<Integer>> HIDDEN = Setting.of("hidden", "hidden layer widths",
            SettingType.wholeNumbers(1, Integer.MAX_VALUE), List.of(256, 256));
    private static final Setting<Double> RATE = Setting.of("learningRate", "initial learning rate",
            SettingType.realNumber(RealRange.greaterThan(0)), 1e-3);
    private static final Setting<Integer> THREADS = Setting.optional("threads",
            "compute threads; unset: every core", SettingType.wholeNumber(1, 256));
    private static final SettingsRegistry MLP = SettingsRegistry.of("mlp", HIDDEN, RATE, THREADS);

    @Test
    void unsetSettingsHoldTheirDefaults() {
        SettingValues v = SettingValues.defaults(MLP);
        assertEquals(List.of(256, 256), v.get(HIDDEN));
        assertEquals(1e-3, v.get(RATE));
        assertNull(v.get(THREADS), "an optional setting with no value holds nothing");
        assertFalse(v.isSet(RATE));
    }

    @Test
    void withGivesACheckedCopy() {
        SettingValues defaults = SettingValues.defaults(MLP);
        SettingValues v = defaults.with(THREADS, 4).with(RATE, 1e-3);
        assertEquals(4, v.get(THREADS));
        assertTrue(v.isSet(RATE));
        assertFalse(defaults.isSet(THREADS), "the original is unchanged");
        assertEquals(defaults, v.without(THREADS), "a value given equal to the default equals the default");
        assertEquals("learningRate must be greater than 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> defaults.with(RATE, 0.0)).getMessage());
        assertEquals("every entry of hidden must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> defaults.with(HIDDEN, List.of(8, 0)))
                        .getMessage());
        assertEquals("bits is not a setting of mlp",
                assertThrows(IllegalArgumentException.class, () -> defaults.get(OpuRegistry.BITS)).getMessage());
    }

    @Test
    void describeGivesEverySettingAsPlainJsonValuesInOrder() throws Exception {
        SettingValues v = SettingValues.defaults(MLP).with(HIDDEN, List.of(1024, 1024));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("hidden", List.of(1024, 1024));
        expected.put("learningRate", 1e-3);
        expected.put("threads", null);
        assertEquals(expected, v.describe());
        assertEquals(List.of("hidden", "learningRate", "threads"), List.copyOf(v.describe().keySet()));
        assertEquals("{\"hidden\":[1024,1024],\"learningRate\":0.001,\"threads\":null}",
                JSON.writeValueAsString(v.describe()), "real JSON, not strings of Java objects");
    }

    @Test
    void describeReadsBackToEqualValues() {
        SettingValues v = SettingValues.defaults(MLP).with(HIDDEN, List.of(64)).with(THREADS, 2);
        SettingValues back = SettingValues.fromDescribe(MLP, v.describe());
        assertEquals(v, back);
        assertEquals(v.hashCode(), back.hashCode());
        assertNotEquals(v, back.with(THREADS, 3));
    }

    @Test
    void readsJsonObjectsAndCommandLineTextToTheSameValues() throws Exception {
        SettingValues fromJson = SettingValues.fromJson(MLP,
                (ObjectNode) JSON.readTree("{\"hidden\": [512, 128], \"threads\": 8}"));
        SettingValues fromText = SettingValues.parse(MLP, Map.of("hidden", "512,128", "threads", "8"));
        assertEquals(fromJson, fromText);
        assertEquals(List.of(512, 128), fromJson.get(HIDDEN));
        assertTrue(fromJson.isSet(THREADS));
        assertFalse(fromJson.isSet(RATE));
        SettingValues nulled = SettingValues.fromJson(MLP, (ObjectNode) JSON.readTree("{\"threads\": null}"));
        assertFalse(nulled.isSet(THREADS), "null leaves an optional setting unset");
    }

    @Test
    void badValuesAreOneSentenceNamingTheSetting() throws Exception {
        assertEquals("threads must be a whole number, got \"four\"", assertThrows(IllegalArgumentException.class,
                () -> SettingValues.fromJson(MLP, (ObjectNode) JSON.readTree("{\"threads\": \"four\"}")))
                .getMessage());
        assertEquals("'colour' is not a setting of mlp; known: hidden, learningRate, threads",
                assertThrows(IllegalArgumentException.class,
                        () -> SettingValues.fromDescribe(MLP, Map.of("colour", 1))).getMessage());
        assertEquals("--threads must be between 1 and 256, got 0", assertThrows(IllegalArgumentException.class,
                () -> SettingValues.parse(MLP, Map.of("threads", "0"))).getMessage());
        assertEquals("learningRate must be a number, got null", assertThrows(IllegalArgumentException.class,
                () -> SettingValues.fromDescribe(MLP, nullFor("learningRate"))).getMessage());
    }

    private static Map<String, Object> nullFor(String name) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, null);
        return map;
    }

    @Test
    void theOpuDefaultsDescribeAsTheLibraryDefaults() {
        Map<String, Object> d = SettingValues.defaults(OpuRegistry.SETTINGS).describe();
        assertEquals(8, d.get("bits"));
        assertEquals("ternary", d.get("encoding"));
        assertEquals("auto", d.get("referenceSize"));
        assertEquals("912x1140", d.get("dmd"));
        assertEquals(0L, d.get("recalibrateEvery"));
        assertNull(d.get("exposure"));
        assertTrue(Arrays.asList(d.values().toArray()).stream().allMatch(SettingValuesTest::plain), d.toString());
    }

    private static boolean plain(Object v) {
        return v == null || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean
                || v instanceof String || v instanceof List<?>;
    }
}

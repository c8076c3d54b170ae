package org.opudfa.dfa.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.opudfa.dfa.io.MessageText;

/**
 * The type of a {@link Setting}'s values: how they are read from command-line text and from
 * JSON, the range they must lie in, and how they are written back as text and as plain JSON
 * values. Build one with the factories ({@link #wholeNumber}, {@link #realNumber},
 * {@link #choice}, ...).
 *
 * <p>Reading checks the form only ("a whole number"); {@link #check} checks the range ("between
 * 1 and 16"). The messages are one sentence naming where the value came from:
 * {@code --bits must be a whole number, got 'many'}, {@code grid.bits[1] must be a whole number,
 * got "nine"}, {@code bits must be between 1 and 16, got 17}.
 *
 * @param <T> the Java type of the values
 */
public abstract class SettingType<T> {

    SettingType() {
    }

    /**
     * @param min the smallest value
     * @param max the largest value ({@link Integer#MAX_VALUE} for no upper limit)
     * @return whole numbers in {@code [min, max]} that fit in 32 bits
     */
    public static SettingType<Integer> wholeNumber(int min, int max) {
        return WholeNumberType.ofInt(min, max);
    }

    /**
     * @param min the smallest value
     * @param max the largest value ({@link Long#MAX_VALUE} for no upper limit)
     * @return whole numbers in {@code [min, max]} that fit in 64 bits
     */
    public static SettingType<Long> longNumber(long min, long max) {
        return WholeNumberType.ofLong(min, max);
    }

    /**
     * @param range the allowed values
     * @return finite real numbers in the range (whole numbers are accepted)
     */
    public static SettingType<Double> realNumber(RealRange range) {
        return new RealNumberType(range);
    }

    /** @return on or off: {@code true} or {@code false} */
    public static SettingType<Boolean> onOff() {
        return SwitchType.INSTANCE;
    }

    /**
     * @param type an enum
     * @param <E>  the enum type
     * @return its constants, spelled as {@link EnumSpelling} spells them
     */
    public static <E extends Enum<E>> SettingType<E> choice(Class<E> type) {
        Map<String, E> byWord = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byWord.put(EnumSpelling.spell(e), e);
        }
        return new ChoiceType<>(byWord, type);
    }

    /**
     * @param words the allowed words, lower case with hyphens
     * @return one of the words, as a {@link String}
     */
    public static SettingType<String> word(List<String> words) {
        Map<String, String> byWord = new LinkedHashMap<>();
        for (String w : words) {
            byWord.put(w, w);
        }
        return new ChoiceType<>(byWord, String.class);
    }

    /**
     * @param min the smallest entry
     * @param max the largest entry
     * @return non-empty lists of whole numbers in {@code [min, max]}: {@code 1024,1024} as text,
     *     {@code [1024, 1024]} in JSON (where one number means a list of one)
     */
    public static SettingType<List<Integer>> wholeNumbers(int min, int max) {
        return new WholeNumberListType(WholeNumberType.ofInt(min, max));
    }

    /** @return file-system paths */
    public static SettingType<Path> path() {
        return PathType.INSTANCE;
    }

    /**
     * A whole number, or one of a few words that each stand for a sentinel number outside the
     * range ({@code auto} for a size chosen by the program).
     *
     * @param min   the smallest number
     * @param max   the largest number
     * @param words each word and the sentinel it stands for, outside {@code [min, max]}
     * @return the type, whose values are {@link Integer}s
     */
    public static SettingType<Integer> wholeNumberOrWord(int min, int max, Map<String, Integer> words) {
        return new WholeNumberOrWordType(WholeNumberType.ofInt(min, max), words);
    }

    /** @return {@code WIDTHxHEIGHT} sizes, each side at least 1 */
    public static SettingType<FrameSize> frameSize() {
        return FrameSizeType.INSTANCE;
    }

    /**
     * @return the type in words for help and messages, e.g. {@code "a whole number between 1 and
     *     16"} or {@code "a number in (0, 1]"}
     */
    public final String describe() {
        return range().isEmpty() ? noun() : noun() + " " + range();
    }

    /**
     * @return the words of a choice ({@link #choice}, {@link #word}), in order; empty for every
     *     other type
     */
    public List<String> words() {
        return List.of();
    }

    /** @return the type without its range, e.g. {@code "a whole number"} */
    abstract String noun();

    /** @return the range in words, e.g. {@code "between 1 and 16"}, or {@code ""} for none */
    abstract String range();

    /** @return a short placeholder for the text form in help, e.g. {@code "N"} */
    abstract String placeholder();

    /** @return the class of the values */
    abstract Class<?> valueClass();

    /** @return whether the values are on/off switches */
    boolean isSwitch() {
        return false;
    }

    /**
     * Reads command-line text, checking its form only.
     *
     * @param text  what was typed
     * @param where the option, e.g. {@code --bits}, for the message
     * @return the value
     * @throws IllegalArgumentException if the text is not of this type
     */
    abstract T parse(String text, String where);

    /**
     * Reads a JSON value, checking its form only.
     *
     * @param node  the JSON value
     * @param where the field, e.g. {@code grid.bits[1]}, for the message
     * @return the value
     * @throws IllegalArgumentException if the JSON value is not of this type
     */
    abstract T read(JsonNode node, String where);

    /**
     * @param value a value of this type
     * @param where the setting, for the message
     * @throws IllegalArgumentException if the value is out of range
     */
    abstract void check(T value, String where);

    /**
     * @param value a value of this type
     * @return it as a plain JSON-ready value: Integer, Long, Double, Boolean, String or
     *     {@code List<Integer>}
     */
    abstract Object toJson(T value);

    /**
     * @param value a value of this type
     * @return its text form, which {@link #parse} reads back
     */
    abstract String format(T value);

    /**
     * @return "{@code where} must be {@code noun}, got '{@code text}'", for command-line text
     *     of the wrong form
     */
    final IllegalArgumentException wrongText(String where, String text) {
        return new IllegalArgumentException(where + " must be " + noun() + ", got '" + text + "'");
    }

    /** @return "{@code where} must be {@code noun}, got {@code json}", for JSON of the wrong form */
    final IllegalArgumentException wrongJson(String where, JsonNode node) {
        return new IllegalArgumentException(where + " must be " + noun() + ", got " + MessageText.abbreviate(String.valueOf(node)));
    }

    /** @return "{@code where} must be {@code range}, got {@code value}", for a value out of range */
    final IllegalArgumentException outOfRange(String where, T value) {
        return new IllegalArgumentException(where + " must be " + range() + ", got " + format(value));
    }
}

package org.opudfa.dfa.settings;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One declared setting: its name, one line of description, its {@link SettingType type} (with
 * the range) and its default. Everything else about it — the command-line option, the sweep
 * parameter, messages, its JSON form — is derived from this one declaration.
 *
 * <pre>
 * Setting&lt;Integer&gt; BITS = Setting.of("bits", "camera ADC bit depth",
 *         SettingType.wholeNumber(1, 16), 8);
 * BITS.optionName()           // "--bits"
 * BITS.parse("17")            // IllegalArgumentException: --bits must be between 1 and 16, got 17
 * </pre>
 *
 * <p>A setting is either given a default or declared {@link #optional optional}: then it has no
 * default and its absence has a meaning of its own (no fixed exposure: auto-exposure). Settings
 * are immutable and compared by identity: declare each once, as a constant.
 *
 * @param <T> the Java type of its values
 */
public final class Setting<T> {

    private final String name;
    private final String description;
    private final SettingType<T> type;
    private final T defaultValue;
    private final List<String> shortOptions;

    private Setting(String name, String description, SettingType<T> type, T defaultValue) {
        this(name, description, type, defaultValue, List.of());
    }

    private Setting(String name, String description, SettingType<T> type, T defaultValue, List<String> shortOptions) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("a setting name must be camelCase letters and digits, got '"
                    + name + "'");
        }
        if (description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("setting " + name + " needs a one-line description");
        }
        this.name = name;
        this.description = description;
        this.type = type;
        this.defaultValue = defaultValue;
        this.shortOptions = List.copyOf(shortOptions);
        if (defaultValue != null) {
            type.check(cast(defaultValue), "the default of " + name);
        }
    }

    /**
     * @param name         the camelCase name used in sweep specs and JSON, e.g. {@code "readNoise"}
     * @param description  one line for people, with the unit, e.g. {@code "camera read noise,
     *                     electrons RMS"}
     * @param type         the values' type and range
     * @param defaultValue the value when none is given, in range
     * @param <T>          the Java type of the values
     * @return the setting
     * @throws IllegalArgumentException if the name is not camelCase or the default is out of range
     * @throws NullPointerException     if an argument is null
     */
    public static <T> Setting<T> of(String name, String description, SettingType<T> type, T defaultValue) {
        return new Setting<>(name, description, type, Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    /**
     * A setting with no default, whose absence means something of its own; say what in the
     * description.
     *
     * @param name        the camelCase name
     * @param description one line for people, with the unit and what absence means, e.g.
     *                    {@code "fixed exposure, electrons per unit intensity; unset: auto-exposure"}
     * @param type        the values' type and range
     * @param <T>         the Java type of the values
     * @return the setting
     * @throws IllegalArgumentException if the name is not camelCase
     */
    public static <T> Setting<T> optional(String name, String description, SettingType<T> type) {
        return new Setting<>(name, description, type, null);
    }

    /**
     * The same setting with shorter command-line spellings beside {@link #optionName()}, for
     * options users type often ({@code learningRate} is also {@code --lr}). Declare the result as
     * the constant: settings are compared by identity.
     *
     * @param options option spellings, each starting with {@code --}
     * @return the setting with those spellings
     * @throws IllegalArgumentException if a spelling does not start with {@code --}
     */
    public Setting<T> alsoSpelled(String... options) {
        for (String o : options) {
            if (!o.matches("--[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("an option spelling must be --lower-case-words, got '" + o + "'");
            }
        }
        return new Setting<>(name, description, type, defaultValue, List.of(options));
    }

    /** @return every command-line spelling: {@link #optionName()} first, then the shorter ones */
    public List<String> optionNames() {
        List<String> all = new java.util.ArrayList<>();
        all.add(optionName());
        all.addAll(shortOptions);
        return List.copyOf(all);
    }

    /** @return the camelCase name used in sweep specs and JSON, e.g. {@code "readNoise"} */
    public String name() {
        return name;
    }

    /** @return one line for people, with the unit */
    public String description() {
        return description;
    }

    /** @return the values' type */
    public SettingType<T> type() {
        return type;
    }

    /** @return the default, or null for an {@link #optional} setting */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return whether it has a default (it is not {@link #optional}) */
    public boolean hasDefault() {
        return defaultValue != null;
    }

    /**
     * @return the command-line option: the name in lower case with hyphens, {@code readNoise} is
     *     {@code --read-noise}; a switch that is on by default is spelled with {@code no-}
     *     ({@code shotNoise} is {@code --no-shot-noise}), since giving it switches it off
     */
    public String optionName() {
        String hyphenated = name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        return isSwitch() && Boolean.TRUE.equals(defaultValue) ? "--no-" + hyphenated : "--" + hyphenated;
    }

    /** @return whether it is an on/off switch, given on the command line as a flag */
    public boolean isSwitch() {
        return type.isSwitch();
    }

    /**
     * @return for a switch, the value its command-line flag sets: the opposite of the default
     *     ({@code --no-shot-noise} sets {@code shotNoise} to false, {@code --noiseless} sets
     *     {@code noiseless} to true)
     * @throws IllegalStateException if it is not a switch
     */
    public boolean flagValue() {
        if (!isSwitch()) {
            throw new IllegalStateException(name + " is not a switch");
        }
        return !Boolean.TRUE.equals(defaultValue);
    }

    /** @return the type in words, e.g. {@code "a whole number between 1 and 16"} */
    public String typeDescription() {
        return type.describe();
    }

    /** @return a short placeholder for the text form in help, e.g. {@code "N"} or {@code "WxH"} */
    public String placeholder() {
        return type.placeholder();
    }

    /**
     * Reads a command-line value and checks its range; messages name {@link #optionName()}.
     *
     * @param text what was typed, e.g. {@code "8"}
     * @return the value
     * @throws IllegalArgumentException e.g. {@code --bits must be a whole number, got 'many'} or
     *     {@code --bits must be between 1 and 16, got 17}
     */
    public T parse(String text) {
        return parse(text, optionName());
    }

    /**
     * Reads a text value and checks its range.
     *
     * @param text  the text form, as {@link #format} writes it
     * @param where what the text is, for messages
     * @return the value
     * @throws IllegalArgumentException naming {@code where} if the text is not a valid value
     */
    public T parse(String text, String where) {
        Objects.requireNonNull(text, "text");
        return check(type.parse(text, where), where);
    }

    /**
     * Reads a JSON value and checks its range.
     *
     * @param node  the JSON value
     * @param field where it sits, e.g. {@code "grid.bits[1]"}, for messages
     * @return the value
     * @throws IllegalArgumentException e.g. {@code grid.bits[1] must be a whole number, got "nine"}
     */
    public T fromJson(JsonNode node, String field) {
        return check(readJson(node, field), field);
    }

    /**
     * Reads a JSON value checking its form but not its range. Sweeps read so, and check the
     * range when a point is built, so that the message names the point.
     *
     * @param node  the JSON value
     * @param field where it sits, for messages
     * @return the value, possibly out of range
     * @throws IllegalArgumentException if the JSON value is not of this setting's type
     */
    public T readJson(JsonNode node, String field) {
        Objects.requireNonNull(node, "node");
        return type.read(node, field);
    }

    /**
     * @param value a value
     * @param where what the value is, for messages (the name, an option, a field)
     * @return {@code value}
     * @throws IllegalArgumentException if it is null or out of range, e.g. {@code bits must be
     *     between 1 and 16, got 17}
     */
    public T check(T value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + " must be " + typeDescription() + ", got nothing");
        }
        type.check(cast(value), where);
        return value;
    }

    /**
     * @param value a value, or null (an unset optional setting)
     * @return it as a plain JSON-ready value (Integer, Long, Double, Boolean, String,
     *     {@code List<Integer>}), or null
     */
    public Object toJson(T value) {
        return value == null ? null : type.toJson(cast(value));
    }

    /**
     * @param value a value
     * @return its text form ({@code 8}, {@code bit-planes}, {@code 912x1140}, {@code auto}),
     *     which {@link #parse} reads back
     */
    public String format(T value) {
        return type.format(cast(value));
    }

    /**
     * @param value a value of unknown static type
     * @return it as this setting's type
     * @throws IllegalArgumentException if it is not of this setting's value class
     */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        if (value != null && !type.valueClass().isInstance(value)) {
            throw new IllegalArgumentException(name + " holds " + type.valueClass().getSimpleName()
                    + " values, got " + value.getClass().getSimpleName() + " " + value);
        }
        return (T) value;
    }

    /** @return the name */
    @Override
    public String toString() {
        return name;
    }
}

package org.opudfa.experiments.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.opudfa.dfa.settings.EnumSpelling;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;

/**
 * One setting a sweep may fix in its base or vary in its grid: a view of a {@link Setting}. A
 * spec's values are read by the setting's type and kept as plain JSON values (Integer, Long,
 * Double, Boolean, String, {@code List<Integer>}); their range is checked when a point's
 * configuration is built, so that the message names the point.
 *
 * @param setting the declared setting: the spec's name for it, its type and its description
 */
public record SweepParameter(Setting<?> setting) {

    /**
     * @param setting the declared setting
     * @throws NullPointerException if it is null
     */
    public SweepParameter {
        Objects.requireNonNull(setting, "setting");
    }

    /**
     * @param setting a declared setting, e.g. one of {@link org.opudfa.dfa.settings.OpuRegistry}'s
     * @return the parameter
     */
    public static SweepParameter of(Setting<?> setting) {
        return new SweepParameter(setting);
    }

    /**
     * @param name        the name
     * @param type        a type other than {@link ParameterType#CHOICE}
     * @param description one line
     * @return the parameter
     * @throws IllegalArgumentException for {@link ParameterType#CHOICE}
     */
    public static SweepParameter of(String name, ParameterType type, String description) {
        return new SweepParameter(Setting.optional(name, description, type.settingType()));
    }

    /**
     * @param name        the name
     * @param type        the enum whose constants, spelled in lower case with hyphens, are the choices
     * @param description one line
     * @return a choice parameter, whose values are the spellings
     */
    public static SweepParameter choice(String name, Class<? extends Enum<?>> type, String description) {
        return choice(name, Arrays.stream(type.getEnumConstants()).map(EnumSpelling::spell).toList(), description);
    }

    /**
     * @param name        the name
     * @param choices     the allowed words
     * @param description one line
     * @return a choice parameter
     */
    public static SweepParameter choice(String name, List<String> choices, String description) {
        return new SweepParameter(Setting.optional(name, description, SettingType.word(choices)));
    }

    /** @return the spec's name for it, e.g. {@code "bits"} */
    public String name() {
        return setting.name();
    }

    /** @return one line for people (with the unit) */
    public String description() {
        return setting.description();
    }

    /**
     * Reads a spec's value, checking its type but not its range.
     *
     * @param node  the JSON value
     * @param field where it sits in the spec, e.g. {@code "grid.bits[2]"}, for messages
     * @return the value as a plain JSON value
     * @throws IllegalArgumentException naming the field when the value has the wrong type, e.g.
     *     {@code grid.bits[1] must be a whole number, got "nine"}
     */
    public Object parse(JsonNode node, String field) {
        return plain(setting, node, field);
    }

    private static <T> Object plain(Setting<T> setting, JsonNode node, String field) {
        return setting.toJson(setting.readJson(node, field));
    }

    /**
     * @param e an enum constant
     * @return its spec spelling: lower case, underscores as hyphens ({@code BIT_PLANES} is {@code bit-planes})
     */
    public static String spell(Enum<?> e) {
        return EnumSpelling.spell(e);
    }

    /**
     * @param type  the enum
     * @param value a spec spelling, as produced by {@link #parse}
     * @param <E>   the enum type
     * @return the constant
     * @throws IllegalArgumentException if no constant has that spelling
     */
    public static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        E e = EnumSpelling.find(type, String.valueOf(value));
        if (e == null) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + EnumSpelling.allowed(type));
        }
        return e;
    }
}

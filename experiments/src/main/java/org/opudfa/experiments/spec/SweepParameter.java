package org.opudfa.experiments.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting a sweep may fix in its base or vary in its grid.
 *
 * @param name        the spec's name for it, e.g. {@code "bits"}
 * @param type        its value type
 * @param choices     the allowed words when the type is {@link ParameterType#CHOICE}, else empty
 * @param description one line for people (with the unit)
 */
public record SweepParameter(String name, ParameterType type, List<String> choices, String description) {

    /**
     * @param name        the spec's name for it, e.g. {@code "bits"}
     * @param type        its value type
     * @param choices     the allowed words when the type is {@link ParameterType#CHOICE}, else empty
     * @param description one line for people (with the unit)
     * @throws NullPointerException if a field is null
     */
    public SweepParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param name        the name
     * @param type        a type other than {@link ParameterType#CHOICE}
     * @param description one line
     * @return the parameter
     */
    public static SweepParameter of(String name, ParameterType type, String description) {
        return new SweepParameter(name, type, List.of(), description);
    }

    /**
     * @param name        the name
     * @param type        the enum whose constants, spelled in lower case with hyphens, are the choices
     * @param description one line
     * @return a {@link ParameterType#CHOICE} parameter
     */
    public static SweepParameter choice(String name, Class<? extends Enum<?>> type, String description) {
        return new SweepParameter(name, ParameterType.CHOICE,
                Arrays.stream(type.getEnumConstants()).map(SweepParameter::spell).toList(), description);
    }

    /**
     * @param name        the name
     * @param choices     the allowed words
     * @param description one line
     * @return a {@link ParameterType#CHOICE} parameter
     */
    public static SweepParameter choice(String name, List<String> choices, String description) {
        return new SweepParameter(name, ParameterType.CHOICE, choices, description);
    }

    /**
     * @param e an enum constant
     * @return its spec spelling: lower case, underscores as hyphens ({@code BIT_PLANES} is {@code bit-planes})
     */
    public static String spell(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type  the enum
     * @param value a spec spelling, as produced by {@link ParameterType#parse}
     * @param <E>   the enum type
     * @return the constant
     * @throws IllegalArgumentException if no constant has that spelling
     */
    public static <E extends Enum<E>> E constant(Class<E> type, Object value) {
        String key = String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_');
        return Enum.valueOf(type, key);
    }
}

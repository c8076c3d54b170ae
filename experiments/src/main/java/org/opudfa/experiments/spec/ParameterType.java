package org.opudfa.experiments.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value types a sweep parameter can have, and how a JSON value becomes a Java value of that
 * type: whole numbers are {@link Integer} or {@link Long} (or the string {@code "auto"} where a
 * parameter allows it), real numbers {@link Double}, switches {@link Boolean}, choices a
 * lower-case hyphenated {@link String}, lists of widths {@code List<Integer>}.
 */
public enum ParameterType {
    /** A whole number that fits in 32 bits. */
    INTEGER("a whole number"),
    /** A whole number that fits in 32 bits, or the word {@code "auto"} (kept as that string). */
    INTEGER_OR_AUTO("a whole number or auto"),
    /** A whole number that fits in 64 bits. */
    LONG("a whole number"),
    /** A real number (whole numbers are accepted). */
    NUMBER("a number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** One of a fixed set of words. */
    CHOICE("one of the allowed words"),
    /** A list of positive whole numbers, or one whole number meaning a list of one. */
    INTEGER_LIST("a list of whole numbers");

    /** The word {@link #INTEGER_OR_AUTO} accepts besides whole numbers. */
    public static final String AUTO = "auto";

    private final String description;

    ParameterType(String description) {
        this.description = description;
    }

    /** @return how the type is named in error messages, e.g. "a whole number" */
    public String description() {
        return description;
    }

    /**
     * Converts a JSON value to this type.
     *
     * @param node    the JSON value
     * @param field   where it sits in the spec, e.g. {@code "grid.bits[2]"}, for messages
     * @param choices the allowed words for {@link #CHOICE} (lower case, hyphenated), else ignored
     * @return the value
     * @throws IllegalArgumentException naming the field when the value has the wrong type
     */
    public Object parse(JsonNode node, String field, List<String> choices) {
        switch (this) {
            case INTEGER -> {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
            }
            case INTEGER_OR_AUTO -> {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                if (node.isTextual() && node.textValue().trim().equalsIgnoreCase(AUTO)) {
                    return AUTO;
                }
            }
            case LONG -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
            }
            case NUMBER -> {
                if (node.isNumber() && Double.isFinite(node.doubleValue())) {
                    return node.doubleValue();
                }
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
            }
            case CHOICE -> {
                if (node.isTextual()) {
                    String word = node.textValue().trim().toLowerCase(Locale.ROOT).replace('_', '-');
                    if (choices.contains(word)) {
                        return word;
                    }
                    throw new IllegalArgumentException(field + " must be one of " + String.join(", ", choices)
                            + ", got " + node);
                }
            }
            case INTEGER_LIST -> {
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return List.of(node.intValue());
                }
                if (node.isArray() && node.size() > 0) {
                    List<Integer> list = new ArrayList<>();
                    for (JsonNode item : node) {
                        if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                            throw new IllegalArgumentException(field + " must be " + description + ", got " + node);
                        }
                        list.add(item.intValue());
                    }
                    return List.copyOf(list);
                }
            }
            default -> throw new IllegalStateException("unhandled type " + this);
        }
        throw new IllegalArgumentException(field + " must be " + description + ", got " + node);
    }
}

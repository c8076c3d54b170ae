package org.opudfa.dfa.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.opudfa.dfa.io.MessageText;

/**
 * A whole number in a range, or one of a few words each standing for a sentinel number outside
 * it ({@code auto}), as {@link Integer}. As text and in JSON the sentinel is written as its word.
 */
final class WholeNumberOrWordType extends SettingType<Integer> {

    private final WholeNumberType<Integer> number;
    private final Map<String, Integer> words;

    WholeNumberOrWordType(WholeNumberType<Integer> number, Map<String, Integer> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a whole number or word needs at least one word");
        }
        for (Map.Entry<String, Integer> w : words.entrySet()) {
            if (number.contains(w.getValue())) {
                throw new IllegalArgumentException("the sentinel " + w.getValue() + " of '" + w.getKey()
                        + "' must lie outside the numbers' range (" + number.range() + ")");
            }
        }
        if (words.values().stream().distinct().count() != words.size()) {
            throw new IllegalArgumentException("each word needs its own sentinel, got " + words);
        }
        this.number = number;
        this.words = new LinkedHashMap<>(words);
    }

    @Override
    String noun() {
        return String.join(", ", words.keySet()) + " or a whole number";
    }

    @Override
    String range() {
        return number.range();
    }

    @Override
    String placeholder() {
        return String.join("|", words.keySet()) + "|N";
    }

    @Override
    Class<?> valueClass() {
        return Integer.class;
    }

    @Override
    Integer parse(String text, String where) {
        Integer sentinel = words.get(text.trim().toLowerCase(Locale.ROOT));
        if (sentinel != null) {
            return sentinel;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw wrongText(where, text);
        }
        return inRange(value, where);
    }

    /** A number written as a number must be in range, even where a word stands for an out-of-range value. */
    private Integer inRange(int value, String where) {
        if (!number.contains(value)) {
            throw new IllegalArgumentException(where + " must be " + describe() + ", got " + value);
        }
        return value;
    }

    @Override
    Integer read(JsonNode node, String where) {
        if (node.isTextual()) {
            Integer sentinel = words.get(node.textValue().trim().toLowerCase(Locale.ROOT));
            if (sentinel != null) {
                return sentinel;
            }
        } else if (node.isIntegralNumber() && node.canConvertToInt()) {
            return inRange(node.intValue(), where);
        }
        throw wrongJson(where, node);
    }

    @Override
    void check(Integer value, String where) {
        if (!words.containsValue(value) && !number.contains(value)) {
            throw new IllegalArgumentException(where + " must be " + describe() + ", got " + MessageText.abbreviate(String.valueOf(value)));
        }
    }

    @Override
    Object toJson(Integer value) {
        String word = wordOf(value);
        return word != null ? word : value;
    }

    @Override
    String format(Integer value) {
        String word = wordOf(value);
        return word != null ? word : value.toString();
    }

    private String wordOf(Integer value) {
        for (Map.Entry<String, Integer> w : words.entrySet()) {
            if (w.getValue().equals(value)) {
                return w.getKey();
            }
        }
        return null;
    }
}

package org.opudfa.dfa.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.opudfa.dfa.io.MessageText;

/**
 * One of a fixed set of words (lower case, hyphenated), each standing for a value: an enum
 * constant, or the word itself.
 *
 * @param <T> the values
 */
final class ChoiceType<T> extends SettingType<T> {

    private final Map<String, T> byWord;
    private final Class<?> valueClass;

    ChoiceType(Map<String, T> byWord, Class<?> valueClass) {
        if (byWord.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one word");
        }
        this.byWord = new LinkedHashMap<>(byWord);
        this.valueClass = valueClass;
    }

    private String allowed() {
        return String.join(", ", byWord.keySet());
    }

    @Override
    public List<String> words() {
        return List.copyOf(byWord.keySet());
    }

    @Override
    String noun() {
        return "one of " + allowed();
    }

    @Override
    String range() {
        return "";
    }

    @Override
    String placeholder() {
        return "WORD";
    }

    @Override
    Class<?> valueClass() {
        return valueClass;
    }

    /** Accepts either spelling (bit-planes, BIT_PLANES), in any case. */
    private T find(String text) {
        return byWord.get(text.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    @Override
    T parse(String text, String where) {
        T value = find(text);
        if (value == null) {
            throw new IllegalArgumentException(where + " '" + text + "' is not one of " + allowed());
        }
        return value;
    }

    @Override
    T read(JsonNode node, String where) {
        T value = node.isTextual() ? find(node.textValue()) : null;
        if (value == null) {
            throw wrongJson(where, node);
        }
        return value;
    }

    @Override
    void check(T value, String where) {
        if (!byWord.containsValue(value)) {
            throw new IllegalArgumentException(where + " must be " + noun() + ", got " + MessageText.abbreviate(String.valueOf(value)));
        }
    }

    @Override
    Object toJson(T value) {
        return format(value);
    }

    @Override
    String format(T value) {
        for (Map.Entry<String, T> e : byWord.entrySet()) {
            if (e.getValue().equals(value)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + allowed());
    }
}

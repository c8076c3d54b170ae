package org.opudfa.dfa.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Non-empty lists of whole numbers, each in a range: {@code 1024,1024} as text, {@code [1024,
 * 1024]} in JSON, where a single number means a list of one.
 */
final class WholeNumberListType extends SettingType<List<Integer>> {

    private final WholeNumberType<Integer> entry;

    WholeNumberListType(WholeNumberType<Integer> entry) {
        this.entry = entry;
    }

    @Override
    String noun() {
        return "a list of whole numbers";
    }

    @Override
    String range() {
        return entry.range().isEmpty() ? "" : "each " + entry.range();
    }

    @Override
    String placeholder() {
        return "N,N,...";
    }

    @Override
    Class<?> valueClass() {
        return List.class;
    }

    @Override
    List<Integer> parse(String text, String where) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw wrongText(where, text);
            }
        }
        return List.copyOf(values);
    }

    @Override
    List<Integer> read(JsonNode node, String where) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return List.of(node.intValue());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw wrongJson(where, node);
        }
        List<Integer> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw wrongJson(where, node);
            }
            values.add(item.intValue());
        }
        return List.copyOf(values);
    }

    @Override
    void check(List<Integer> value, String where) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty list of whole numbers, got []");
        }
        for (Integer v : value) {
            if (v == null || !entry.contains(v)) {
                throw new IllegalArgumentException("every entry of " + where + " must be " + entry.range()
                        + ", got " + v);
            }
        }
    }

    @Override
    Object toJson(List<Integer> value) {
        return List.copyOf(value);
    }

    @Override
    String format(List<Integer> value) {
        return value.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

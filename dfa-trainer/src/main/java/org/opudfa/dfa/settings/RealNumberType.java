package org.opudfa.dfa.settings;

import com.fasterxml.jackson.databind.JsonNode;

/** Finite real numbers in a {@link RealRange}, as {@link Double}. */
final class RealNumberType extends SettingType<Double> {

    private final RealRange range;

    RealNumberType(RealRange range) {
        this.range = range;
    }

    @Override
    String noun() {
        return "a number";
    }

    @Override
    String range() {
        return range.phrase();
    }

    @Override
    String placeholder() {
        return "X";
    }

    @Override
    Class<?> valueClass() {
        return Double.class;
    }

    @Override
    Double parse(String text, String where) {
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw wrongText(where, text);
    }

    @Override
    Double read(JsonNode node, String where) {
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return node.doubleValue();
        }
        throw wrongJson(where, node);
    }

    @Override
    void check(Double value, String where) {
        if (!range.contains(value)) {
            throw outOfRange(where, value);
        }
    }

    @Override
    Object toJson(Double value) {
        return value;
    }

    @Override
    String format(Double value) {
        return value.toString();
    }
}

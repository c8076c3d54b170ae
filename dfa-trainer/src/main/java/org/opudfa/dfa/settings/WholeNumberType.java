package org.opudfa.dfa.settings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whole numbers in {@code [min, max]}, as {@link Integer} (32 bits) or {@link Long} (64 bits).
 *
 * @param <N> Integer or Long
 */
final class WholeNumberType<N extends Number> extends SettingType<N> {

    private final long min;
    private final long max;
    private final boolean wide;

    private WholeNumberType(long min, long max, boolean wide) {
        if (min > max) {
            throw new IllegalArgumentException("a range must not be empty, got " + min + " to " + max);
        }
        this.min = min;
        this.max = max;
        this.wide = wide;
    }

    static WholeNumberType<Integer> ofInt(int min, int max) {
        return new WholeNumberType<>(min, max, false);
    }

    static WholeNumberType<Long> ofLong(long min, long max) {
        return new WholeNumberType<>(min, max, true);
    }

    @Override
    String noun() {
        return "a whole number";
    }

    @Override
    String range() {
        boolean low = min > (wide ? Long.MIN_VALUE : Integer.MIN_VALUE);
        boolean high = max < (wide ? Long.MAX_VALUE : Integer.MAX_VALUE);
        if (low && high) {
            return "between " + min + " and " + max;
        }
        if (low) {
            return "at least " + min;
        }
        return high ? "at most " + max : "";
    }

    @Override
    String placeholder() {
        return "N";
    }

    @Override
    Class<?> valueClass() {
        return wide ? Long.class : Integer.class;
    }

    @Override
    N parse(String text, String where) {
        try {
            return box(wide ? Long.parseLong(text.trim()) : Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw wrongText(where, text);
        }
    }

    @Override
    N read(JsonNode node, String where) {
        if (node.isIntegralNumber() && (wide ? node.canConvertToLong() : node.canConvertToInt())) {
            return box(node.longValue());
        }
        throw wrongJson(where, node);
    }

    @Override
    void check(N value, String where) {
        if (!contains(value.longValue())) {
            throw outOfRange(where, value);
        }
    }

    /** @return whether {@code value} is in the range */
    boolean contains(long value) {
        return value >= min && value <= max;
    }

    @Override
    Object toJson(N value) {
        return value;
    }

    @Override
    String format(N value) {
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    private N box(long value) {
        return (N) (wide ? (Number) value : (Number) (int) value);
    }
}

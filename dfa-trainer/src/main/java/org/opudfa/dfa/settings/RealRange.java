package org.opudfa.dfa.settings;

/**
 * The allowed values of a real-number setting: an interval whose ends may be open, closed or
 * absent (infinite). Values are always finite as well.
 *
 * @param min          lower end, or negative infinity for none
 * @param minInclusive whether {@code min} itself is allowed
 * @param max          upper end, or positive infinity for none
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record RealRange(double min, boolean minInclusive, double max, boolean maxInclusive) {

    /**
     * @param min          lower end, or negative infinity for none
     * @param minInclusive whether {@code min} itself is allowed
     * @param max          upper end, or positive infinity for none
     * @param maxInclusive whether {@code max} itself is allowed
     * @throws IllegalArgumentException if an end is NaN, or the interval is empty
     */
    public RealRange {
        if (Double.isNaN(min) || Double.isNaN(max) || min == Double.POSITIVE_INFINITY
                || max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("a range needs ends that are numbers or outward infinities, got "
                    + min + " and " + max);
        }
        if (min > max || (min == max && !(minInclusive && maxInclusive))) {
            throw new IllegalArgumentException("a range must not be empty, got " + min + " to " + max);
        }
    }

    /** @return every finite number */
    public static RealRange any() {
        return new RealRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /**
     * @param min the smallest allowed value
     * @return {@code [min, ∞)}
     */
    public static RealRange atLeast(double min) {
        return new RealRange(min, true, Double.POSITIVE_INFINITY, false);
    }

    /**
     * @param min a bound the values must exceed (a learning rate is greater than 0)
     * @return {@code (min, ∞)}
     */
    public static RealRange greaterThan(double min) {
        return new RealRange(min, false, Double.POSITIVE_INFINITY, false);
    }

    /**
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return {@code [min, max]}
     */
    public static RealRange closed(double min, double max) {
        return new RealRange(min, true, max, true);
    }

    /**
     * @param min the smallest allowed value
     * @param max a bound the values must stay under
     * @return {@code [min, max)}
     */
    public static RealRange closedOpen(double min, double max) {
        return new RealRange(min, true, max, false);
    }

    /**
     * @param min a bound the values must exceed
     * @param max the largest allowed value
     * @return {@code (min, max]}
     */
    public static RealRange openClosed(double min, double max) {
        return new RealRange(min, false, max, true);
    }

    /**
     * @param value a number
     * @return whether it is finite and in the range
     */
    public boolean contains(double value) {
        return Double.isFinite(value)
                && (minInclusive ? value >= min : value > min)
                && (maxInclusive ? value <= max : value < max);
    }

    /**
     * @return the range in words for messages: {@code "in (0, 1]"}, {@code "at least 0"},
     *     {@code "greater than 0"}, {@code "at most 1"}, {@code "less than 1"}, or {@code ""} for
     *     every finite number
     */
    public String phrase() {
        boolean low = Double.isFinite(min);
        boolean high = Double.isFinite(max);
        if (low && high) {
            return "in " + (minInclusive ? "[" : "(") + plain(min) + ", " + plain(max) + (maxInclusive ? "]" : ")");
        }
        if (low) {
            return (minInclusive ? "at least " : "greater than ") + plain(min);
        }
        if (high) {
            return (maxInclusive ? "at most " : "less than ") + plain(max);
        }
        return "";
    }

    /**
     * @param value a finite number
     * @return it without a trailing {@code .0} when it is whole ({@code 1} rather than {@code 1.0})
     */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}

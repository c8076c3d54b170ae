package org.opudfa.cli;

import java.util.Locale;

/**
 * Numbers in the tables people read: a fixed number of decimals for ordinary magnitudes, and
 * scientific notation with four significant digits from {@link #HUGE} on, so that a diverging loss
 * prints as {@code 6.388e+31} rather than as thirty-two digits and four decimal zeros.
 */
final class NumberText {

    /** The magnitude from which a number prints in scientific notation. */
    static final double HUGE = 1e9;

    private NumberText() {
    }

    /**
     * @param value    any number
     * @param decimals digits after the point for ordinary magnitudes
     * @return {@code value} with that many decimals when {@code |value| < HUGE}, else as
     *     {@code d.ddde±XX}; NaN and infinities as Java spells them
     */
    static String fixed(double value, int decimals) {
        if (Math.abs(value) >= HUGE && Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}

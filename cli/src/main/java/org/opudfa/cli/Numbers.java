package org.opudfa.cli;

import java.util.Locale;

/** Number formatting for tables: fixed decimals, and scientific notation where fixed would be unreadable. */
final class Numbers {

    /** Magnitudes from which fixed notation turns into a wall of digits. */
    private static final double HUGE = 1e9;

    private Numbers() {
    }

    /**
     * @param value    a number
     * @param decimals decimals in fixed notation
     * @return the number with that many decimals, or in scientific notation (4 significant digits)
     *     when its magnitude is 10⁹ or more; NaN and infinities as Java spells them
     */
    static String fixed(double value, int decimals) {
        if (Double.isFinite(value) && Math.abs(value) >= HUGE) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}

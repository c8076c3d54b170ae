package org.opudfa.dfa.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants are written in options, specs and JSON: lower case with hyphens
 * ({@code BIT_PLANES} is {@code bit-planes}). Reading accepts either spelling, in any case.
 */
public final class EnumSpelling {

    private EnumSpelling() {
    }

    /**
     * @param e an enum constant
     * @return its spelling: lower case, underscores as hyphens
     */
    public static String spell(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type the enum
     * @param text a spelling ({@code bit-planes}) or a constant name ({@code BIT_PLANES}), in any
     *             case, surrounding spaces ignored
     * @param <E>  the enum type
     * @return the constant, or null if none is spelled so
     */
    public static <E extends Enum<E>> E find(Class<E> type, String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /**
     * @param type an enum
     * @return the spellings of its constants, comma-separated, in declaration order
     */
    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumSpelling::spell).collect(Collectors.joining(", "));
    }
}

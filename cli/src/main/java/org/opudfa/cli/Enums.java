package org.opudfa.cli;

import org.opudfa.dfa.settings.EnumSpelling;

import picocli.CommandLine;

/**
 * Command-line spelling of enum constants: lower case with hyphens ({@code FASHION_MNIST} is
 * {@code fashion-mnist}); parsing accepts either spelling, in any case.
 */
final class Enums {

    private Enums() {
    }

    /** @return the command-line spelling of a constant */
    static String spell(Enum<?> e) {
        return EnumSpelling.spell(e);
    }

    /**
     * @param type  the enum type
     * @param text  what the user typed
     * @param <E>   the enum
     * @return the constant
     * @throws CommandLine.TypeConversionException naming the allowed values
     */
    static <E extends Enum<E>> E parse(Class<E> type, String text) {
        E e = EnumSpelling.find(type, text);
        if (e == null) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not one of " + allowed(type));
        }
        return e;
    }

    /** @return the allowed spellings, comma-separated */
    static String allowed(Class<? extends Enum<?>> type) {
        return EnumSpelling.allowed(type);
    }

    /**
     * Registers a converter for each given enum type.
     *
     * @param cmd   the command line
     * @param types the enum types
     */
    @SafeVarargs
    static void register(CommandLine cmd, Class<? extends Enum<?>>... types) {
        for (Class<? extends Enum<?>> type : types) {
            registerOne(cmd, type);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerOne(CommandLine cmd, Class type) {
        cmd.registerConverter(type, text -> parse(type, text));
    }
}

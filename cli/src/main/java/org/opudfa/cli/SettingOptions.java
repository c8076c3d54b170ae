package org.opudfa.cli;

import java.util.Locale;

import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * A registry's settings as picocli options, generated from their declarations: one option per
 * setting, spelled {@link Setting#optionName()}, with help giving the description, the type and
 * the default. A switch is a flag that sets {@link Setting#flagValue()}. Values are read and
 * range-checked as they are parsed, so a bad one is reported as one sentence ({@code --bits
 * must be between 1 and 16, got 17}, exit 2) before the command runs.
 *
 * <p>A command takes a registry's options through a subclass named in its {@code @Command}'s
 * {@code modelTransformer}, and reads them back with {@link #values}.
 */
abstract class SettingOptions implements CommandLine.IModelTransformer {

    private final SettingsRegistry registry;

    /** @param registry the settings whose options the command gets */
    SettingOptions(SettingsRegistry registry) {
        this.registry = registry;
    }

    /** Adds the registry's options to the command. */
    @Override
    public CommandSpec transform(CommandSpec spec) {
        addTo(spec, registry);
        return spec;
    }

    /**
     * @param spec     a command
     * @param registry settings to add as options, in registry order
     */
    static void addTo(CommandSpec spec, SettingsRegistry registry) {
        for (Setting<?> s : registry.settings()) {
            spec.addOption(option(s));
        }
    }

    private static OptionSpec option(Setting<?> s) {
        OptionSpec.Builder b = OptionSpec.builder(s.optionNames().toArray(new String[0])).description(help(s));
        if (s.isSwitch()) {
            return b.arity("0").type(boolean.class).build();
        }
        return b.arity("1").type(String.class).paramLabel(s.placeholder())
                .converters(text -> s.parse(text)).build();
    }

    /**
     * @param s a setting
     * @return its help line: description, type and default
     */
    static String help(Setting<?> s) {
        String text = s.description().substring(0, 1).toUpperCase(Locale.ROOT) + s.description().substring(1);
        if (s.isSwitch()) {
            text += s.flagValue() ? ". Off by default." : ". On by default; this option switches it off.";
        } else {
            text += ": " + s.typeDescription() + (s.hasDefault() ? " (default: " + defaultText(s) + ")." : ".");
        }
        // picocli reads descriptions as format strings
        return text.replace("%", "%%");
    }

    private static <T> String defaultText(Setting<T> s) {
        return s.format(s.defaultValue());
    }

    /**
     * @param spec     a parsed command that has the registry's options
     * @param registry the settings
     * @return the values given on the command line; the others hold their defaults
     */
    static SettingValues values(CommandSpec spec, SettingsRegistry registry) {
        SettingValues values = SettingValues.defaults(registry);
        for (Setting<?> s : registry.settings()) {
            OptionSpec option = spec.findOption(s.optionName());
            if (option == null) {
                throw new IllegalStateException(spec.qualifiedName() + " has no option " + s.optionName());
            }
            Object value = option.getValue();
            if (s.isSwitch()) {
                if (Boolean.TRUE.equals(value)) {
                    values = given(values, s, s.flagValue());
                }
            } else if (value != null) {
                values = given(values, s, value);
            }
        }
        return values;
    }

    private static <T> SettingValues given(SettingValues values, Setting<T> s, Object value) {
        return values.with(s, s.cast(value));
    }
}

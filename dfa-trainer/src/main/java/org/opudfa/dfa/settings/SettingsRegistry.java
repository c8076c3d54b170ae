package org.opudfa.dfa.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named, ordered list of settings, e.g. {@code "opu"} or {@code "training"}: the order is the
 * order of help and of {@link SettingValues#describe()}. Names and option names are unique; a
 * command that takes several registries {@link #compose composes} them.
 */
public final class SettingsRegistry {

    private final String name;
    private final List<Setting<?>> settings;
    private final Map<String, Integer> indexByName;

    private SettingsRegistry(String name, List<Setting<?>> settings) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a settings registry needs a name, got '" + name + "'");
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        Map<String, String> byOption = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (byName.putIfAbsent(s.name(), byName.size()) != null) {
                throw new IllegalArgumentException("settings registry " + name + " cannot hold two settings named '"
                        + s.name() + "'");
            }
            String clash = byOption.putIfAbsent(s.optionName(), s.name());
            if (clash != null) {
                throw new IllegalArgumentException("settings registry " + name + " cannot hold both " + clash
                        + " and " + s.name() + ": both are spelled " + s.optionName());
            }
        }
        this.name = name;
        this.settings = List.copyOf(settings);
        this.indexByName = Collections.unmodifiableMap(byName);
    }

    /**
     * @param name     the registry's name, e.g. {@code "opu"}
     * @param settings its settings, in help order
     * @return the registry
     * @throws IllegalArgumentException if two settings share a name or an option name
     */
    public static SettingsRegistry of(String name, Setting<?>... settings) {
        return new SettingsRegistry(name, Arrays.asList(settings));
    }

    /**
     * @param name  the composed registry's name, e.g. {@code "fidelity"}
     * @param parts registries whose settings it holds, in order
     * @return a registry of every part's settings
     * @throws IllegalArgumentException if two parts declare settings of the same name
     */
    public static SettingsRegistry compose(String name, SettingsRegistry... parts) {
        List<Setting<?>> all = new ArrayList<>();
        for (SettingsRegistry part : parts) {
            all.addAll(part.settings);
        }
        return new SettingsRegistry(name, all);
    }

    /** @return the registry's name */
    public String name() {
        return name;
    }

    /** @return its settings, in order */
    public List<Setting<?>> settings() {
        return settings;
    }

    /** @return the names of its settings, in order */
    public List<String> names() {
        return settings.stream().map(Setting::name).toList();
    }

    /**
     * @param settingName a setting's name
     * @return the setting, if this registry has one of that name
     */
    public Optional<Setting<?>> find(String settingName) {
        Integer i = indexByName.get(settingName);
        return i == null ? Optional.empty() : Optional.of(settings.get(i));
    }

    /**
     * @param settingName a setting's name
     * @return the setting
     * @throws IllegalArgumentException if there is none of that name, naming the known ones
     */
    public Setting<?> setting(String settingName) {
        return find(settingName).orElseThrow(() -> new IllegalArgumentException("'" + settingName
                + "' is not a setting of " + name + "; known: " + String.join(", ", names())));
    }

    /**
     * @param setting a setting
     * @return whether it is this registry's (the same declaration, not only the same name)
     */
    public boolean contains(Setting<?> setting) {
        return indexOf(setting) >= 0;
    }

    /** @return the setting's position, or -1 if it is not this registry's */
    int indexOf(Setting<?> setting) {
        Integer i = indexByName.get(setting.name());
        return i != null && settings.get(i) == setting ? i : -1;
    }

    /** @return equal when the names and the settings (by identity, in order) are */
    @Override
    public boolean equals(Object o) {
        return o instanceof SettingsRegistry r && name.equals(r.name) && settings.equals(r.settings);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + settings.hashCode();
    }

    /** @return the name and the settings' names */
    @Override
    public String toString() {
        return name + settings.stream().map(Setting::name).collect(Collectors.joining(", ", "[", "]"));
    }
}

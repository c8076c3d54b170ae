package org.opudfa.dfa.settings;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An immutable assignment of values to a registry's settings: each setting holds the value it was
 * given, or else its default (an {@link Setting#optional optional} setting with none holds
 * nothing). Every value is in range: values are checked as they are set.
 *
 * <p>Two assignments are equal when their registries are and every setting has the same value,
 * whether given or by default; so {@code fromDescribe(registry, v.describe())} equals {@code v}.
 */
public final class SettingValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettingsRegistry registry;
    /** The given values by position in the registry; null where not given. */
    private final Object[] given;

    private SettingValues(SettingsRegistry registry, Object[] given) {
        this.registry = registry;
        this.given = given;
    }

    /**
     * @param registry the settings
     * @return every setting at its default
     */
    public static SettingValues defaults(SettingsRegistry registry) {
        return new SettingValues(Objects.requireNonNull(registry, "registry"),
                new Object[registry.settings().size()]);
    }

    /**
     * Reads command-line text, as typed after each setting's option; messages name the option.
     *
     * @param registry the settings
     * @param texts    text by setting name, e.g. {@code {"bits": "8", "dmd": "912x1140"}}
     *                 (switches as {@code true} or {@code false}); others keep their default
     * @return the values
     * @throws IllegalArgumentException for an unknown name or a bad value, e.g. {@code --bits must
     *     be between 1 and 16, got 17}
     */
    public static SettingValues parse(SettingsRegistry registry, Map<String, String> texts) {
        SettingValues values = defaults(registry);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            values = values.parsed(registry.setting(e.getKey()), e.getValue());
        }
        return values;
    }

    private <T> SettingValues parsed(Setting<T> setting, String text) {
        return with(setting, setting.parse(text));
    }

    /**
     * Reads a JSON object of values by setting name; messages name the field. A null value leaves
     * an {@link Setting#optional optional} setting unset.
     *
     * @param registry the settings
     * @param object   e.g. {@code {"bits": 8, "hidden": [1024, 1024], "encoding": "bit-planes"}};
     *                 settings it does not name keep their default
     * @return the values
     * @throws IllegalArgumentException for an unknown field or a bad value, e.g. {@code bits must be
     *     a whole number, got "nine"}
     */
    public static SettingValues fromJson(SettingsRegistry registry, ObjectNode object) {
        SettingValues values = defaults(registry);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values = values.read(registry.setting(e.getKey()), e.getValue());
        }
        return values;
    }

    private <T> SettingValues read(Setting<T> setting, JsonNode node) {
        if (node.isNull() && !setting.hasDefault()) {
            return without(setting);
        }
        return with(setting, setting.fromJson(node, setting.name()));
    }

    /**
     * The inverse of {@link #describe()}: reads plain values by setting name.
     *
     * @param registry the settings
     * @param described plain JSON-ready values by setting name, as {@link #describe()} gives them;
     *                  settings it does not name keep their default
     * @return the values
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public static SettingValues fromDescribe(SettingsRegistry registry, Map<String, ?> described) {
        return fromJson(registry, JSON.valueToTree(described));
    }

    /** @return the registry whose settings these values are for */
    public SettingsRegistry registry() {
        return registry;
    }

    /**
     * @param setting one of the registry's settings
     * @param <T>     its type
     * @return its value: the one given, else its default (null for an unset optional setting)
     * @throws IllegalArgumentException if the setting is not the registry's
     */
    public <T> T get(Setting<T> setting) {
        Object v = given[index(setting)];
        return v != null ? setting.cast(v) : setting.defaultValue();
    }

    /**
     * @param setting one of the registry's settings
     * @return whether a value was given for it (even one equal to the default)
     * @throws IllegalArgumentException if the setting is not the registry's
     */
    public boolean isSet(Setting<?> setting) {
        return given[index(setting)] != null;
    }

    /**
     * @param setting one of the registry's settings
     * @param value   its new value, in range
     * @param <T>     its type
     * @return a copy with that value given
     * @throws IllegalArgumentException if the setting is not the registry's or the value is null
     *     or out of range, naming the setting
     */
    public <T> SettingValues with(Setting<T> setting, T value) {
        int i = index(setting);
        Object[] copy = given.clone();
        copy[i] = setting.check(setting.cast(value), setting.name());
        return new SettingValues(registry, copy);
    }

    /**
     * @param setting one of the registry's settings
     * @return a copy in which it is not given: it holds its default again
     * @throws IllegalArgumentException if the setting is not the registry's
     */
    public SettingValues without(Setting<?> setting) {
        int i = index(setting);
        Object[] copy = given.clone();
        copy[i] = null;
        return new SettingValues(registry, copy);
    }

    private int index(Setting<?> setting) {
        int i = registry.indexOf(setting);
        if (i < 0) {
            throw new IllegalArgumentException(setting.name() + " is not a setting of " + registry.name());
        }
        return i;
    }

    /**
     * @return every setting's value in registry order, as plain JSON-ready values (Integer, Long,
     *     Double, Boolean, String, {@code List<Integer>}, or null for an unset optional setting)
     *     by name: {@code {"bits": 8, "encoding": "ternary", "dmd": "912x1140", ...}}
     */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Setting<?> s : registry.settings()) {
            map.put(s.name(), plain(s));
        }
        return Collections.unmodifiableMap(map);
    }

    private <T> Object plain(Setting<T> setting) {
        return setting.toJson(get(setting));
    }

    /** @return equal when the registries are and every setting's value (given or default) is */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SettingValues v) || !registry.equals(v.registry)) {
            return false;
        }
        for (Setting<?> s : registry.settings()) {
            if (!Objects.equals(get(s), v.get(s))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        Object[] values = registry.settings().stream().map(this::get).toArray();
        return registry.hashCode() * 31 + Arrays.hashCode(values);
    }

    /** @return the registry's name and {@link #describe()} */
    @Override
    public String toString() {
        return registry.name() + describe();
    }
}

package org.opudfa.experiments.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.opu.OpuConfig;

/**
 * The simulated OPU's settings ({@link OpuRegistry}) as sweep parameters, by the same camel-case
 * names, and how a point's values set an {@link OpuConfig.Builder}.
 */
public final class OpuSettings {

    /** The OPU parameters, shared by training (with projector {@code opu}) and fidelity sweeps. */
    public static final List<SweepParameter> PARAMETERS = OpuRegistry.SETTINGS.settings().stream()
            .map(SweepParameter::of).toList();

    private OpuSettings() {
    }

    /**
     * @param settings parsed values by parameter name (others are ignored)
     * @return whether any OPU parameter is set
     */
    public static boolean anySet(Map<String, Object> settings) {
        return PARAMETERS.stream().anyMatch(p -> settings.containsKey(p.name()));
    }

    /**
     * @param settings parsed values by parameter name (those that are not the OPU's are ignored)
     * @return the OPU's values: those given, defaults for the others
     * @throws IllegalArgumentException naming the first value out of range, e.g. {@code bits must
     *     be between 1 and 16, got 17}
     */
    public static SettingValues values(Map<String, Object> settings) {
        Map<String, Object> opu = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (OpuRegistry.SETTINGS.find(name).isPresent()) {
                opu.put(name, value);
            }
        });
        return SettingValues.fromDescribe(OpuRegistry.SETTINGS, opu);
    }

    /**
     * Sets every OPU knob of a builder: those in {@code settings} to their values, the others to
     * their defaults ({@link OpuRegistry#apply}).
     *
     * @param settings parsed values by parameter name
     * @param b        the builder to set
     * @return {@code b}
     * @throws IllegalArgumentException naming the first value out of range
     */
    public static OpuConfig.Builder apply(Map<String, Object> settings, OpuConfig.Builder b) {
        return OpuRegistry.apply(values(settings), b);
    }
}

/**
 * Declared settings: each configuration knob (training, a task, the simulated OPU) is declared
 * once as a {@link org.opudfa.dfa.settings.Setting} — name, type, default, range, description —
 * and everything else is derived from that one declaration: the command-line option and its help,
 * the sweep-spec parameter, the validation messages, and the configuration as plain JSON
 * ({@link org.opudfa.dfa.settings.SettingValues#describe()}) for provenance and {@code --json}.
 *
 * <p>Settings are grouped in named {@link org.opudfa.dfa.settings.SettingsRegistry registries}
 * ({@link org.opudfa.dfa.settings.OpuRegistry#SETTINGS "opu"}, ...), which a command composes;
 * {@link org.opudfa.dfa.settings.SettingValues} assigns values to a registry's settings.
 */
package org.opudfa.dfa.settings;

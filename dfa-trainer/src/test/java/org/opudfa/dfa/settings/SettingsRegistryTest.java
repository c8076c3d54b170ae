package org.opudfa.dfa.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Registries: order, lookup by name, duplicates refused, composition. */
class SettingsRegistryTest {

    private static final Setting<Integer> EPOCHS = Setting.of("epochs", "passes over the training set",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 10);
    private static final Setting<Long> SEED = Setting.of("seed", "root seed", SettingType.longNumber(
            Long.MIN_VALUE, Long.MAX_VALUE), 0L);
    private static final Setting<Integer> VECTORS = Setting.of("vectors", "vectors projected",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 200);

    @Test
    void keepsOrderAndFindsByName() {
        SettingsRegistry r = SettingsRegistry.of("training", EPOCHS, SEED);
        assertEquals("training", r.name());
        assertEquals(List.of("epochs", "seed"), r.names());
        assertSame(SEED, r.setting("seed"));
        assertTrue(r.find("bits").isEmpty());
        assertEquals("'bits' is not a setting of training; known: epochs, seed",
                assertThrows(IllegalArgumentException.class, () -> r.setting("bits")).getMessage());
        assertTrue(r.contains(EPOCHS));
        Setting<Integer> lookalike = Setting.of("epochs", "another", SettingType.wholeNumber(1, 5), 1);
        assertFalse(r.contains(lookalike), "the same name is not the same declaration");
    }

    @Test
    void refusesTwoSettingsOfOneName() {
        Setting<Integer> otherSeed = Setting.of("seed", "another seed", SettingType.wholeNumber(0, 9), 0);
        assertEquals("settings registry training cannot hold two settings named 'seed'",
                assertThrows(IllegalArgumentException.class,
                        () -> SettingsRegistry.of("training", SEED, otherSeed)).getMessage());
    }

    @Test
    void refusesTwoSettingsOfOneOptionName() {
        Setting<Boolean> shotNoise = Setting.of("shotNoise", "shot noise", SettingType.onOff(), true);
        Setting<Boolean> noShotNoise = Setting.of("noShotNoise", "no shot noise", SettingType.onOff(), false);
        assertEquals("settings registry opu cannot hold both shotNoise and noShotNoise: both are spelled"
                + " --no-shot-noise", assertThrows(IllegalArgumentException.class,
                        () -> SettingsRegistry.of("opu", shotNoise, noShotNoise)).getMessage());
    }

    @Test
    void composesRegistriesInOrderAndRefusesClashes() {
        SettingsRegistry fidelity = SettingsRegistry.of("fidelity", VECTORS, SEED);
        SettingsRegistry command = SettingsRegistry.compose("fidelity+opu", fidelity, OpuRegistry.SETTINGS);
        assertEquals(2 + OpuRegistry.SETTINGS.settings().size(), command.settings().size());
        assertEquals(List.of("vectors", "seed", "bits"), command.names().subList(0, 3));
        assertTrue(command.contains(OpuRegistry.BITS));
        SettingsRegistry training = SettingsRegistry.of("training", EPOCHS, SEED);
        assertThrows(IllegalArgumentException.class, () -> SettingsRegistry.compose("both", fidelity, training));
    }
}

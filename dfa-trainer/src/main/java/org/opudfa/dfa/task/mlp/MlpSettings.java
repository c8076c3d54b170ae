package org.opudfa.dfa.task.mlp;

import java.nio.file.Path;
import java.util.List;

import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The MLP task's own settings, declared once: its data and its network. */
public final class MlpSettings {

    /** Which data to train on. */
    public static final Setting<DatasetChoice> DATASET = Setting.of("dataset",
            "which data: auto is Fashion-MNIST when installed, else the generated synthetic task",
            SettingType.choice(DatasetChoice.class), DatasetChoice.AUTO);
    /** Where Fashion-MNIST's IDX files are; unset means the default locations. */
    public static final Setting<Path> DATA = Setting.optional("data",
            "folder holding the Fashion-MNIST IDX files (unset: the installed package's)", SettingType.path());
    /** Training samples used. */
    public static final Setting<Integer> TRAIN_LIMIT = Setting.of("trainLimit",
            "train on the first N samples only, 0 = all", SettingType.wholeNumber(0, Integer.MAX_VALUE), 0);
    /** Test samples used. */
    public static final Setting<Integer> TEST_LIMIT = Setting.of("testLimit",
            "test on the first N samples only, 0 = all", SettingType.wholeNumber(0, Integer.MAX_VALUE), 0);
    /** Whether features are standardised. */
    public static final Setting<Boolean> STANDARDISE = Setting.of("standardise",
            "standardise the features by the training set's mean and deviation (else raw pixels in [0, 1])",
            SettingType.onOff(), true);
    /** Hidden widths. */
    public static final Setting<List<Integer>> HIDDEN = Setting.of("hidden", "hidden layer widths",
            SettingType.wholeNumbers(1, 1 << 20), List.of(1024, 1024));
    /** The hidden activation. */
    public static final Setting<Activation> ACTIVATION = Setting.of("activation", "the hidden activation",
            SettingType.choice(Activation.class), Activation.TANH);

    /** The MLP task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("mlp", DATASET, DATA, TRAIN_LIMIT, TEST_LIMIT,
            STANDARDISE, HIDDEN, ACTIVATION);

    /** Training samples of the synthetic task. */
    public static final int SYNTHETIC_TRAIN_SIZE = 20_000;
    /** Test samples of the synthetic task. */
    public static final int SYNTHETIC_TEST_SIZE = 5_000;

    private MlpSettings() {
    }
}

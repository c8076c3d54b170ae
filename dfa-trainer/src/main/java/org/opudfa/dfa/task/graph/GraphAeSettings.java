package org.opudfa.dfa.task.graph;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The graph autoencoder task's own settings, declared once: the encoder, the edge split, dropout. */
public final class GraphAeSettings {

    /** The encoder's hidden width. */
    public static final Setting<Integer> HIDDEN = Setting.of("hidden", "encoder hidden width",
            SettingType.wholeNumber(1, 1 << 16), 32);
    /** The embedding width. */
    public static final Setting<Integer> EMBEDDING = Setting.of("embedding", "embedding width (the decoder's input)",
            SettingType.wholeNumber(1, 1 << 16), 16);
    /** Validation edges. */
    public static final Setting<Double> VALIDATION_EDGES = Setting.of("validationEdges",
            "fraction of the edges held out for validation (with as many non-edges)",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.05);
    /** Test edges. */
    public static final Setting<Double> TEST_EDGES = Setting.of("testEdges",
            "fraction of the edges held out for testing (with as many non-edges)",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.10);
    /** Dropout on the input features. */
    public static final Setting<Double> INPUT_DROPOUT = Setting.of("inputDropout",
            "dropout probability on the input features", SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.0);
    /** Dropout on the hidden activations. */
    public static final Setting<Double> DROPOUT = Setting.of("dropout",
            "dropout probability on the hidden activations", SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.0);

    /** Where the feedback point goes. */
    public static final Setting<FeedbackPlacement> FEEDBACK_AT = Setting.of("feedbackAt",
            "DFA feedback point: activation (after the encoder's first activation, as the paper) or aggregation (after "
                    + "its second layer's aggregation, before its weights)",
            SettingType.choice(FeedbackPlacement.class), FeedbackPlacement.ACTIVATION);

    /** The task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("graph-ae", HIDDEN, EMBEDDING,
            VALIDATION_EDGES, TEST_EDGES, INPUT_DROPOUT, DROPOUT, FEEDBACK_AT);

    private GraphAeSettings() {
    }
}

package org.opudfa.dfa.task.graph;

import java.nio.file.Path;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The node-classification task's own settings, declared once: model, split, sizes, regularisation. */
public final class GraphSettings {

    /** The classifier. */
    public static final Setting<GraphModel> MODEL = Setting.of("model", "gcn, cheb (Chebyshev) or gat",
            SettingType.choice(GraphModel.class), GraphModel.GCN);
    /** A split file; unset means the standard split. */
    public static final Setting<Path> SPLIT = Setting.optional("split",
            "split file: lines 'NODE_ID train|validation|test' (unset: the standard seeded split)", SettingType.path());
    /** Labelled nodes per class of the standard split. */
    public static final Setting<Integer> TRAIN_PER_CLASS = Setting.of("trainPerClass",
            "standard split: labelled nodes per class", SettingType.wholeNumber(1, 1_000_000), 20);
    /** Validation nodes of the standard split. */
    public static final Setting<Integer> VALIDATION_NODES = Setting.of("validationNodes",
            "standard split: validation nodes", SettingType.wholeNumber(1, 10_000_000), 500);
    /** Test nodes of the standard split. */
    public static final Setting<Integer> TEST_NODES = Setting.of("testNodes", "standard split: test nodes",
            SettingType.wholeNumber(1, 10_000_000), 1000);
    /** Hidden width of GCN and Chebyshev. */
    public static final Setting<Integer> HIDDEN = Setting.of("hidden", "hidden width of gcn and cheb",
            SettingType.wholeNumber(1, 1 << 16), 16);
    /** K. */
    public static final Setting<Integer> CHEBYSHEV_ORDER = Setting.of("chebyshevOrder",
            "cheb: polynomial terms K (2: X·W0 + L·X·W1)", SettingType.wholeNumber(1, 32), 2);
    /** GAT heads of layer 1. */
    public static final Setting<Integer> HEADS = Setting.of("heads", "gat: attention heads of the hidden layer",
            SettingType.wholeNumber(1, 1024), 8);
    /** GAT channels per head. */
    public static final Setting<Integer> HEAD_WIDTH = Setting.of("headWidth", "gat: channels per hidden head",
            SettingType.wholeNumber(1, 1 << 16), 8);
    /** GAT heads of the output layer. */
    public static final Setting<Integer> OUTPUT_HEADS = Setting.of("outputHeads",
            "gat: attention heads of the output layer, averaged", SettingType.wholeNumber(1, 1024), 1);
    /** Dropout on the input features. */
    public static final Setting<Double> INPUT_DROPOUT = Setting.of("inputDropout",
            "dropout probability on the input features", SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.0);
    /** Dropout on the hidden activations. */
    public static final Setting<Double> DROPOUT = Setting.of("dropout",
            "dropout probability on the hidden activations", SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.5);
    /** Where the feedback point goes. */
    public static final Setting<FeedbackPlacement> FEEDBACK_AT = Setting.of("feedbackAt",
            "DFA feedback point: activation (after layer 1's activation, as the paper) or aggregation (after layer 2's "
                    + "parameter-free aggregation, before its weights; gcn and cheb)",
            SettingType.choice(FeedbackPlacement.class), FeedbackPlacement.ACTIVATION);
    /** GAT attention dropout. */
    public static final Setting<Double> ATTENTION_DROPOUT = Setting.of("attentionDropout",
            "gat: dropout probability on the attention coefficients", SettingType.realNumber(RealRange.closedOpen(0, 1)),
            0.5);

    /** The task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("graph", MODEL, SPLIT, TRAIN_PER_CLASS,
            VALIDATION_NODES, TEST_NODES, HIDDEN, CHEBYSHEV_ORDER, HEADS, HEAD_WIDTH, OUTPUT_HEADS, INPUT_DROPOUT, DROPOUT,
            ATTENTION_DROPOUT, FEEDBACK_AT);

    private GraphSettings() {
    }
}

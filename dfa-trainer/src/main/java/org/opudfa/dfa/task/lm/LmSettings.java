package org.opudfa.dfa.task.lm;

import java.nio.file.Path;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The language-model task's own settings, declared once: its text, its model, its feedback and clipping. */
public final class LmSettings {

    /** The text to train on; unset means the fortunes package's files. */
    public static final Setting<Path> DATA = Setting.optional("data",
            "UTF-8 text file or folder to train on (unset: the fortunes package's plain-text files)",
            SettingType.path());
    /** Tokens per window. */
    public static final Setting<Integer> CONTEXT = Setting.of("context", "tokens (bytes) per training window",
            SettingType.wholeNumber(1, 4096), 128);
    /** Training steps per epoch; 0 means one pass over the training text in expectation. */
    public static final Setting<Integer> EPOCH_STEPS = Setting.of("epochSteps",
            "training steps per epoch (0: the training text's tokens over the tokens of a step)",
            SettingType.wholeNumber(0, Integer.MAX_VALUE), 0);
    /** Transformer blocks. */
    public static final Setting<Integer> LAYERS = Setting.of("layers", "transformer blocks",
            SettingType.wholeNumber(1, 64), 4);
    /** Model width. */
    public static final Setting<Integer> D_MODEL = Setting.of("dModel", "model width d (a multiple of heads)",
            SettingType.wholeNumber(1, 8192), 128);
    /** Attention heads. */
    public static final Setting<Integer> HEADS = Setting.of("heads", "attention heads per block",
            SettingType.wholeNumber(1, 256), 4);
    /** Feed-forward hidden width; unset means 4·d. */
    public static final Setting<Integer> FFN_WIDTH = Setting.optional("ffnWidth",
            "feed-forward hidden width (unset: 4 times dModel)", SettingType.wholeNumber(1, 65536));
    /** Dropout probability. */
    public static final Setting<Double> DROPOUT = Setting.of("dropout",
            "drop probability after the embedding, on residual branches and in the feed-forward layer, 0 = none",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.0);
    /** Positional encoding. */
    public static final Setting<PositionalKind> POSITIONAL = Setting.of("positional",
            "positional encoding: sinusoidal or learned", SettingType.choice(PositionalKind.class),
            PositionalKind.SINUSOIDAL);
    /** Norm placement. */
    public static final Setting<NormPlacement> NORM = Setting.of("norm",
            "layer norm after each residual sum (post, as the paper) or before each branch (pre)",
            SettingType.choice(NormPlacement.class), NormPlacement.POST);
    /** Tied output projection. */
    public static final Setting<Boolean> TIED = Setting.of("tied",
            "use the embedding table as the output projection (tied weights)", SettingType.onOff(), false);
    /** Feedback placement. */
    public static final Setting<FeedbackPlacement> FEEDBACK = Setting.of("feedback",
            "DFA feedback points: macro (after each block) or micro (three per block)",
            SettingType.choice(FeedbackPlacement.class), FeedbackPlacement.MACRO);
    /** Gradient clipping. */
    public static final Setting<Double> CLIP_NORM = Setting.of("clipNorm",
            "scale the update down to this global L2 norm when it is larger, 0 = no clipping",
            SettingType.realNumber(RealRange.atLeast(0)), 0.0);

    /** The language-model task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("lm", DATA, CONTEXT, EPOCH_STEPS, LAYERS,
            D_MODEL, HEADS, FFN_WIDTH, DROPOUT, POSITIONAL, NORM, TIED, FEEDBACK, CLIP_NORM);

    private LmSettings() {
    }
}

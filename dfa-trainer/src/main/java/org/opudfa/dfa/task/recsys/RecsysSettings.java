package org.opudfa.dfa.task.recsys;

import java.nio.file.Path;
import java.util.List;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingsRegistry;

/** The recommender task's own settings, declared once: its data, its model and early stopping. */
public final class RecsysSettings {

    /** Which model. */
    public static final Setting<RecsysModel> MODEL = Setting.of("model", "fm, deepfm or deep-cross",
            SettingType.choice(RecsysModel.class), RecsysModel.DEEPFM);
    /** The click log. */
    public static final Setting<Path> DATA = Setting.optional("data",
            "click log in the Criteo TSV format (unset: a log generated from the seed, see generatedRows); split "
                    + "80/10/10 by position unless validationData and testData are given", SettingType.path());
    /** A separate validation log. */
    public static final Setting<Path> VALIDATION_DATA = Setting.optional("validationData",
            "separate validation log (with testData: the whole of data trains)", SettingType.path());
    /** A separate test log. */
    public static final Setting<Path> TEST_DATA = Setting.optional("testData",
            "separate test log (with validationData: the whole of data trains)", SettingType.path());
    /** Rows of the generated log. */
    public static final Setting<Integer> GENERATED_ROWS = Setting.of("generatedRows",
            "records of the click log generated when no data is given", SettingType.wholeNumber(10, Integer.MAX_VALUE),
            200_000);
    /** Largest categorical vocabulary of the generated log. */
    public static final Setting<Integer> GENERATED_CARDINALITY = Setting.of("generatedCardinality",
            "most values of a categorical field of the generated log", SettingType.wholeNumber(3, 1 << 24), 20_000);
    /** Weight of the generated log's nonlinear term. */
    public static final Setting<Double> GENERATED_NONLINEARITY = Setting.of("generatedNonlinearity",
            "weight c of the nonlinear term c·tanh(2s)·s' in the logit of the generated log's click model (0: none, "
                    + "so a factorization machine's kind of model is all there is to learn)",
            SettingType.realNumber(RealRange.closed(0, ClickModel.MAX_NONLINEAR_WEIGHT)), ClickModel.NONLINEAR_WEIGHT);
    /** Minimum count of a value to get its own embedding. */
    public static final Setting<Integer> MIN_COUNT = Setting.of("minCount",
            "fewest occurrences in the training records for a value to get its own embedding (rarer ones share one)",
            SettingType.wholeNumber(1, Integer.MAX_VALUE), 10);
    /** Embedding size. */
    public static final Setting<Integer> EMBEDDING = Setting.of("embedding",
            "embedding size k, 0 = the model's own (10 for fm and deepfm, 16 for deep-cross)",
            SettingType.wholeNumber(0, 4096), 0);
    /** MLP widths. */
    public static final Setting<List<Integer>> HIDDEN = Setting.of("hidden",
            "widths of the MLP blocks (dense, batch norm, ReLU, dropout) of deepfm and deep-cross",
            SettingType.wholeNumbers(1, 1 << 16), List.of(400, 400, 400));
    /** Cross layers. */
    public static final Setting<Integer> CROSS_LAYERS = Setting.of("crossLayers", "cross layers of deep-cross",
            SettingType.wholeNumber(1, 64), 3);
    /** Dropout after each MLP block. */
    public static final Setting<Double> DROPOUT = Setting.of("dropout", "dropout probability after each MLP block",
            SettingType.realNumber(RealRange.closedOpen(0, 1)), 0.2);
    /**
     * Whether the passes outside the matrix products run on the compute threads too. The results
     * are the same bits either way; only the speed changes.
     */
    public static final Setting<Boolean> LAYER_THREADS = Setting.of("layerThreads",
            "run the embeddings, FM term, cross layers, ReLU and dropout of large batches on the "
                    + "compute threads too, not only the matrix products (same results either way)",
            SettingType.onOff(), true);
    /** Training records between evaluations. */
    public static final Setting<Integer> EVALUATION_RECORDS = Setting.of("evaluationRecords",
            "evaluate every N training records, each N counting as an epoch (continuing through the training log and "
                    + "wrapping around); 0 = once per pass over the training log", SettingType.wholeNumber(0,
                    Integer.MAX_VALUE), 0);
    /** Early-stopping patience. */
    public static final Setting<Integer> PATIENCE = Setting.of("patience",
            "stop when the validation AUC has not improved for this many evaluations (epochs)", SettingType.wholeNumber(1, 1000), 2);

    /** The task's own settings, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.of("recsys", MODEL, DATA, VALIDATION_DATA,
            TEST_DATA, GENERATED_ROWS, GENERATED_CARDINALITY, GENERATED_NONLINEARITY, MIN_COUNT, EMBEDDING, HIDDEN,
            CROSS_LAYERS, DROPOUT, LAYER_THREADS, EVALUATION_RECORDS, PATIENCE);

    private RecsysSettings() {
    }
}

package org.opudfa.dfa.task.mlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opudfa.dfa.data.DataDescription;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.FashionMnist;
import org.opudfa.dfa.data.FeatureStandardisation;
import org.opudfa.dfa.data.SourceFile;
import org.opudfa.dfa.data.SyntheticClassification;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;

/**
 * The data an MLP run trains and tests on, with what it is.
 *
 * @param split       the training and test sets (after any limits and standardisation)
 * @param description where it came from, and the files read
 */
public record MlpData(DatasetSplit split, DataDescription description) {

    private static final Map<List<Object>, SoftReference<MlpData>> CACHE = new HashMap<>();

    /**
     * Resolves the dataset choice: Fashion-MNIST from the given folder or the default locations,
     * or the synthetic task (seeded by the run's seed). Each distinct selection is loaded once per
     * JVM and shared (data sets are read-only once built; entries are softly held, so the garbage
     * collector may drop them under memory pressure and they are then loaded again), so the points
     * of a sweep do not read the same files over and over.
     *
     * @param values the MLP task's settings
     * @return the data
     * @throws IllegalArgumentException if Fashion-MNIST was asked for and cannot be found or read, or
     *     a folder was given for the synthetic task, which reads none
     */
    public static MlpData load(SettingValues values) {
        if (values.get(MlpSettings.DATASET) == DatasetChoice.SYNTHETIC && values.get(MlpSettings.DATA) != null) {
            // A folder that is silently ignored leaves the user believing the run read it.
            throw new IllegalArgumentException(MlpSettings.DATA.optionName() + " " + values.get(MlpSettings.DATA)
                    + " names IDX files to read, but " + MlpSettings.DATASET.optionName() + " synthetic generates its"
                    + " data and reads none; leave out " + MlpSettings.DATA.optionName() + ", or choose "
                    + MlpSettings.DATASET.optionName() + " fashion-mnist to read the folder");
        }
        List<Object> key = List.of(values.get(MlpSettings.DATASET), String.valueOf(values.get(MlpSettings.DATA)),
                values.get(MlpSettings.TRAIN_LIMIT), values.get(MlpSettings.TEST_LIMIT),
                values.get(MlpSettings.STANDARDISE), values.get(TrainingSettings.SEED));
        synchronized (CACHE) {
            SoftReference<MlpData> ref = CACHE.get(key);
            MlpData data = ref == null ? null : ref.get();
            if (data == null) {
                data = read(values);
                CACHE.put(key, new SoftReference<>(data));
            }
            return data;
        }
    }

    private static MlpData read(SettingValues values) {
        Path folder = values.get(MlpSettings.DATA);
        long seed = values.get(TrainingSettings.SEED);
        int trainLimit = values.get(MlpSettings.TRAIN_LIMIT);
        int testLimit = values.get(MlpSettings.TEST_LIMIT);
        DatasetSplit split;
        String note;
        try {
            switch (values.get(MlpSettings.DATASET)) {
                case FASHION_MNIST -> {
                    Path from = folder != null ? folder : FashionMnist.defaultFolder();
                    split = FashionMnist.load(from);
                    note = FashionMnist.describe(from, split);
                }
                case SYNTHETIC -> {
                    split = synthetic(trainLimit, testLimit, seed);
                    note = "synthetic classification task (generated, seed " + seed + ")";
                }
                default -> {
                    Optional<Path> found = folder != null ? Optional.of(folder) : FashionMnist.findInstalled();
                    if (found.isPresent()) {
                        split = FashionMnist.load(found.get());
                        note = FashionMnist.describe(found.get(), split);
                    } else {
                        split = synthetic(trainLimit, testLimit, seed);
                        note = "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist), so "
                                + "training on the generated synthetic task (seed " + seed + ")";
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dataset: " + e.getMessage(), e);
        }
        if (trainLimit > 0 || testLimit > 0) {
            split = new DatasetSplit(limit(split.train(), trainLimit), limit(split.heldOut(), testLimit));
            note += " (first " + split.train().size() + " training and " + split.heldOut().size() + " test samples)";
        }
        if (values.get(MlpSettings.STANDARDISE)) {
            FeatureStandardisation standardisation = FeatureStandardisation.fitGlobal(split.train());
            split = new DatasetSplit(standardisation.apply(split.train()), standardisation.apply(split.heldOut()));
            note += ", standardised by the training set's pixel mean and deviation";
        }
        List<SourceFile> files = new ArrayList<>(split.train().source().files());
        files.addAll(split.heldOut().source().files());
        return new MlpData(split, new DataDescription(note, files));
    }

    private static Dataset limit(Dataset d, int n) {
        return n > 0 && n < d.size() ? d.subset(n) : d;
    }

    /**
     * Draws only the samples the limits keep: the task draws its samples one after another from
     * its streams, so the first n samples of a larger draw are exactly a draw of n, and a quick run
     * need not generate (and then drop) the full sets.
     */
    private static DatasetSplit synthetic(int trainLimit, int testLimit, long seed) {
        return SyntheticClassification.defaults().generate(
                limitedSize(MlpSettings.SYNTHETIC_TRAIN_SIZE, trainLimit),
                limitedSize(MlpSettings.SYNTHETIC_TEST_SIZE, testLimit), seed);
    }

    private static int limitedSize(int size, int limit) {
        return limit > 0 ? Math.min(size, limit) : size;
    }
}

package org.opudfa.dfa.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import org.opudfa.dfa.data.DatasetSplit;
import org.opudfa.dfa.data.FashionMnist;
import org.opudfa.dfa.data.FeatureStandardisation;
import org.opudfa.dfa.data.SyntheticClassification;

/**
 * The data a run trains and tests on, with a note saying where it came from.
 *
 * @param split the training and test sets (after any limits)
 * @param note  one line for people: the IDX folder and files read with their checksums
 *              ({@link FashionMnist#describe}), or why the synthetic task was used
 */
public record TrainingData(DatasetSplit split, String note) {

    /**
     * Resolves the configuration's dataset choice: Fashion-MNIST from the given folder or the
     * default locations, or the synthetic task (seeded by the run's seed).
     *
     * @param config the run's configuration
     * @return the data
     * @throws IllegalArgumentException if Fashion-MNIST was asked for and cannot be found or read
     */
    public static TrainingData load(TrainingConfig config) {
        DatasetSplit split;
        String note;
        try {
            switch (config.dataset()) {
                case FASHION_MNIST -> {
                    Path folder = config.dataFolder() != null ? config.dataFolder() : FashionMnist.defaultFolder();
                    split = FashionMnist.load(folder);
                    note = FashionMnist.describe(folder, split);
                }
                case SYNTHETIC -> {
                    split = synthetic(config);
                    note = "synthetic classification task (generated, seed " + config.seed() + ")";
                }
                default -> {
                    Optional<Path> found = config.dataFolder() != null ? Optional.of(config.dataFolder())
                            : FashionMnist.findInstalled();
                    if (found.isPresent()) {
                        split = FashionMnist.load(found.get());
                        note = FashionMnist.describe(found.get(), split);
                    } else {
                        split = synthetic(config);
                        note = "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist), so "
                                + "training on the generated synthetic task (seed " + config.seed() + ")";
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dataset: " + e.getMessage(), e);
        }
        if (config.trainLimit() > 0 || config.testLimit() > 0) {
            split = new DatasetSplit(limit(split.train(), config.trainLimit()), limit(split.heldOut(), config.testLimit()));
            note += " (first " + split.train().size() + " training and " + split.heldOut().size() + " test samples)";
        }
        if (config.standardise()) {
            FeatureStandardisation standardisation = FeatureStandardisation.fitGlobal(split.train());
            split = new DatasetSplit(standardisation.apply(split.train()), standardisation.apply(split.heldOut()));
            note += ", standardised by the training set's pixel mean and deviation";
        }
        return new TrainingData(split, note);
    }

    private static org.opudfa.dfa.data.Dataset limit(org.opudfa.dfa.data.Dataset d, int n) {
        return n > 0 && n < d.size() ? d.subset(n) : d;
    }

    /**
     * Draws only the samples the limits keep: the task draws its samples one after another from
     * its streams, so the first n samples of a larger draw are exactly a draw of n, and a quick run
     * need not generate (and then drop) the full sets.
     */
    private static DatasetSplit synthetic(TrainingConfig config) {
        return SyntheticClassification.defaults().generate(
                limitedSize(TrainingConfig.SYNTHETIC_TRAIN_SIZE, config.trainLimit()),
                limitedSize(TrainingConfig.SYNTHETIC_TEST_SIZE, config.testLimit()), config.seed());
    }

    private static int limitedSize(int size, int limit) {
        return limit > 0 ? Math.min(size, limit) : size;
    }
}

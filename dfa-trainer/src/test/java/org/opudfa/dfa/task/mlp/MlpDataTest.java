package org.opudfa.dfa.task.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;

/** Resolving the dataset choice: synthetic sizes and note, limits, and a clear error for a missing folder. */
class MlpDataTest {

    /** Mean and deviation of standardised features are exact up to float rounding of the sums. */
    private static final double MOMENT_TOLERANCE = 1e-4;
    /** Float rounding of (x − μ)/σ for values of order 10. */
    private static final double AFFINE_TOLERANCE = 1e-4;

    private static final long SEED = 5;
    private static final int TRAIN_LIMIT = 300;
    private static final int TEST_LIMIT = 100;

    private static MlpData full;

    @TempDir
    Path dir;

    private static SettingValues small() {
        return MlpTask.INSTANCE.defaults().with(MlpSettings.DATASET, DatasetChoice.SYNTHETIC);
    }

    @BeforeAll
    static void loadOnce() {
        full = MlpData.load(small().with(TrainingSettings.SEED, (long) SEED).with(MlpSettings.STANDARDISE, false));
    }

    @Test
    void syntheticHasTheDocumentedSizesAndANote() {
        assertEquals(MlpSettings.SYNTHETIC_TRAIN_SIZE, full.split().train().size());
        assertEquals(MlpSettings.SYNTHETIC_TEST_SIZE, full.split().heldOut().size());
        assertEquals(10, full.split().train().numClasses());
        assertEquals("synthetic classification task (generated, seed " + SEED + ")", full.description().note());
    }

    @Test
    void standardisationCentresAndScalesTheTrainingFeaturesAndAppliesTheSameToTheTestSet() {
        MlpData raw = MlpData.load(small().with(TrainingSettings.SEED, (long) SEED).with(MlpSettings.TRAIN_LIMIT, TRAIN_LIMIT)
                .with(MlpSettings.TEST_LIMIT, TEST_LIMIT).with(MlpSettings.STANDARDISE, false));
        MlpData std = MlpData.load(small().with(TrainingSettings.SEED, (long) SEED).with(MlpSettings.TRAIN_LIMIT, TRAIN_LIMIT)
                .with(MlpSettings.TEST_LIMIT, TEST_LIMIT));
        assertTrue(std.description().note().endsWith(", standardised by the training set's pixel mean and deviation"), std.description().note());
        float[] x = std.split().train().featuresCopy().data;
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / x.length;
        assertEquals(0.0, mean, MOMENT_TOLERANCE);
        assertEquals(1.0, Math.sqrt(sq / x.length - mean * mean), MOMENT_TOLERANCE);
        // one affine map for every feature of both sets: x' = (x − μ)/σ
        float[] r = raw.split().heldOut().featuresCopy().data;
        float[] s = std.split().heldOut().featuresCopy().data;
        float[] r0 = raw.split().train().featuresCopy().data;
        double scale = (x[1] - x[0]) / (r0[1] - r0[0]);
        double shift = x[0] - scale * r0[0];
        for (int i = 0; i < r.length; i += 97) {
            assertEquals(scale * r[i] + shift, s[i], AFFINE_TOLERANCE);
        }
    }

    @Test
    void limitsKeepTheFirstSamplesAndSaySo() {
        MlpData limited = MlpData.load(small().with(TrainingSettings.SEED, (long) SEED).with(MlpSettings.TRAIN_LIMIT, TRAIN_LIMIT)
                .with(MlpSettings.TEST_LIMIT, TEST_LIMIT).with(MlpSettings.STANDARDISE, false));
        Dataset train = limited.split().train();
        Dataset test = limited.split().heldOut();
        assertEquals(TRAIN_LIMIT, train.size());
        assertEquals(TEST_LIMIT, test.size());
        assertTrue(limited.description().note().endsWith("(first " + TRAIN_LIMIT + " training and " + TEST_LIMIT + " test samples)"),
                limited.description().note());
        float[] expected = new float[train.featureCount()];
        float[] actual = new float[train.featureCount()];
        int last = TRAIN_LIMIT - 1;
        full.split().train().copySample(last, expected, 0);
        train.copySample(last, actual, 0);
        assertArrayEquals(expected, actual, "the limit keeps a prefix of the same data");
        assertEquals(full.split().train().label(last), train.label(last));
        full.split().heldOut().copySample(TEST_LIMIT - 1, expected, 0);
        test.copySample(TEST_LIMIT - 1, actual, 0);
        assertArrayEquals(expected, actual, "the test limit keeps a prefix of the same test data");
    }

    @Test
    void fashionMnistFromAMissingFolderNamesTheFolder() {
        Path missing = dir.resolve("no-such-folder");
        for (DatasetChoice choice : new DatasetChoice[] {DatasetChoice.FASHION_MNIST, DatasetChoice.AUTO}) {
            SettingValues config = small().with(MlpSettings.DATASET, choice).with(MlpSettings.DATA, missing);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpData.load(config));
            assertEquals("Fashion-MNIST folder " + missing + " does not exist or is not a folder", e.getMessage(),
                    choice.name());
        }
    }

    @Test
    void fashionMnistFromAFolderWithoutTheFilesNamesTheFile() {
        SettingValues config = small().with(MlpSettings.DATASET, DatasetChoice.FASHION_MNIST).with(MlpSettings.DATA, dir)
                ;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpData.load(config));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST folder " + dir + " has no file train-images-idx3-ubyte"),
                e.getMessage());
    }

    @Test
    void aFolderGivenForTheSyntheticTaskIsRefusedEvenIfItDoesNotExist() {
        for (Path folder : new Path[] {dir, dir.resolve("no-such-folder")}) {
            SettingValues config = small().with(MlpSettings.DATA, folder);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MlpData.load(config));
            assertEquals("--data " + folder + " names IDX files to read, but --dataset synthetic generates its data and"
                    + " reads none; leave out --data, or choose --dataset fashion-mnist to read the folder",
                    e.getMessage());
        }
    }
}

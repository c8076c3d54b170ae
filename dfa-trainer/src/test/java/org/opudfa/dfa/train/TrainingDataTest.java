package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.rule.Method;

/** Resolving the dataset choice: synthetic sizes and note, limits, and a clear error for a missing folder. */
class TrainingDataTest {

    /** Mean and deviation of standardised features are exact up to float rounding of the sums. */
    private static final double MOMENT_TOLERANCE = 1e-4;
    /** Float rounding of (x − μ)/σ for values of order 10. */
    private static final double AFFINE_TOLERANCE = 1e-4;

    private static final long SEED = 5;
    private static final int TRAIN_LIMIT = 300;
    private static final int TEST_LIMIT = 100;

    private static TrainingData full;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOnce() {
        full = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).standardise(false).build());
    }

    @Test
    void syntheticHasTheDocumentedSizesAndANote() {
        assertEquals(TrainingConfig.SYNTHETIC_TRAIN_SIZE, full.split().train().size());
        assertEquals(TrainingConfig.SYNTHETIC_TEST_SIZE, full.split().heldOut().size());
        assertEquals(10, full.split().train().numClasses());
        assertEquals("synthetic classification task (generated, seed " + SEED + ")", full.note());
    }

    @Test
    void standardisationCentresAndScalesTheTrainingFeaturesAndAppliesTheSameToTheTestSet() {
        TrainingData raw = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).trainLimit(TRAIN_LIMIT)
                .testLimit(TEST_LIMIT).standardise(false).build());
        TrainingData std = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).trainLimit(TRAIN_LIMIT)
                .testLimit(TEST_LIMIT).build());
        assertTrue(std.note().endsWith(", standardised by the training set's pixel mean and deviation"), std.note());
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
        TrainingData limited = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).trainLimit(TRAIN_LIMIT)
                .testLimit(TEST_LIMIT).standardise(false).build());
        Dataset train = limited.split().train();
        Dataset test = limited.split().heldOut();
        assertEquals(TRAIN_LIMIT, train.size());
        assertEquals(TEST_LIMIT, test.size());
        assertTrue(limited.note().endsWith("(first " + TRAIN_LIMIT + " training and " + TEST_LIMIT + " test samples)"),
                limited.note());
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
            TrainingConfig config = TrainFixtures.small(Method.DFA).dataset(choice).dataFolder(missing).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingData.load(config));
            assertEquals("Fashion-MNIST folder " + missing + " does not exist or is not a folder", e.getMessage(),
                    choice.name());
        }
    }

    @Test
    void fashionMnistFromAFolderWithoutTheFilesNamesTheFile() {
        TrainingConfig config = TrainFixtures.small(Method.DFA).dataset(DatasetChoice.FASHION_MNIST).dataFolder(dir)
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingData.load(config));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST folder " + dir + " has no file train-images-idx3-ubyte"),
                e.getMessage());
    }
}

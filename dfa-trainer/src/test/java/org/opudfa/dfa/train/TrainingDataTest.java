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

/** Resolving the dataset choice: synthetic sizes and note, limits, and a clear error for a missing folder. */
class TrainingDataTest {

    private static final long SEED = 5;
    private static final int TRAIN_LIMIT = 300;
    private static final int TEST_LIMIT = 100;

    private static TrainingData full;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadOnce() {
        full = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).build());
    }

    @Test
    void syntheticHasTheDocumentedSizesAndANote() {
        assertEquals(TrainingConfig.SYNTHETIC_TRAIN_SIZE, full.split().train().size());
        assertEquals(TrainingConfig.SYNTHETIC_TEST_SIZE, full.split().heldOut().size());
        assertEquals(10, full.split().train().numClasses());
        assertEquals("synthetic classification task (generated, seed " + SEED + ")", full.note());
    }

    @Test
    void limitsKeepTheFirstSamplesAndSaySo() {
        TrainingData limited = TrainingData.load(TrainFixtures.small(Method.DFA).seed(SEED).trainLimit(TRAIN_LIMIT)
                .testLimit(TEST_LIMIT).build());
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

package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {

    private static final DataSource SOURCE = DataSource.generated("test data");

    /** 4 samples × 2 features, feature (i, j) = 10·i + j; labels 0, 1, 2, 1. */
    static Dataset small() {
        FMatrixRMaj x = new FMatrixRMaj(4, 2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                x.set(i, j, 10 * i + j);
            }
        }
        return Dataset.of("small", x, new int[] {0, 1, 2, 1}, 3, SOURCE);
    }

    @Test
    void ofCopiesItsInputs() {
        FMatrixRMaj x = new FMatrixRMaj(1, 2, true, 1f, 2f);
        int[] y = {1};
        Dataset d = Dataset.of("d", x, y, 2, SOURCE);
        x.set(0, 0, 99f);
        y[0] = 0;
        assertEquals(1f, d.feature(0, 0));
        assertEquals(1, d.label(0));
        d.featuresCopy().set(0, 1, 42f);
        d.labelsCopy()[0] = 0;
        assertEquals(2f, d.feature(0, 1));
        assertEquals(1, d.label(0));
    }

    @Test
    void accessors() {
        Dataset d = small();
        assertEquals(4, d.size());
        assertEquals(2, d.featureCount());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {1, 2, 1}, d.classCounts());
        float[] row = new float[4];
        d.copySample(2, row, 1);
        assertArrayEquals(new float[] {0f, 20f, 21f, 0f}, row);
        assertEquals("small (4 samples × 2 features, 3 classes)", d.toString());
    }

    @Test
    void subsetKeepsTheFirstSamples() {
        Dataset s = small().subset(2);
        assertEquals(2, s.size());
        assertEquals(10f, s.feature(1, 0));
        assertEquals(1, s.label(1));
        assertEquals("small[0:2]", s.name());
        assertEquals("test data; first 2 samples", s.source().description());
    }

    @Test
    void selectReordersSamples() {
        Dataset s = small().select(new int[] {3, 0}, "picked", "two samples");
        assertEquals(30f, s.feature(0, 0));
        assertEquals(1, s.label(0));
        assertEquals(0, s.label(1));
    }

    @Test
    void subsetAndSelectValidate() {
        Dataset d = small();
        assertEquals("subset count must be between 1 and 4 (the size of small), got 5",
                assertThrows(IllegalArgumentException.class, () -> d.subset(5)).getMessage());
        assertEquals("subset count must be between 1 and 4 (the size of small), got 0",
                assertThrows(IllegalArgumentException.class, () -> d.subset(0)).getMessage());
        assertEquals("selected index 4 is out of range; small has samples 0 to 3",
                assertThrows(IllegalArgumentException.class, () -> d.select(new int[] {4}, "n", "x")).getMessage());
        assertEquals("a selection from small must keep at least 1 sample, got 0",
                assertThrows(IllegalArgumentException.class, () -> d.select(new int[0], "n", "x")).getMessage());
    }

    @Test
    void constructionValidates() {
        FMatrixRMaj x = new FMatrixRMaj(2, 3);
        assertEquals("dataset name must not be blank", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(" ", x, new int[2], 2, SOURCE)).getMessage());
        assertEquals("numClasses must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", x, new int[2], 0, SOURCE)).getMessage());
        assertEquals("features must have one row per label (3 rows), got 2×3", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", x, new int[3], 2, SOURCE)).getMessage());
        assertEquals("features must have at least 1 column, got 0", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", new FMatrixRMaj(2, 0), new int[2], 2, SOURCE)).getMessage());
        assertEquals("label 2 of sample 1 is out of range; labels must be between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of("d", x, new int[] {0, 2}, 2, SOURCE)).getMessage());
        FMatrixRMaj nan = new FMatrixRMaj(2, 3);
        nan.set(1, 2, Float.NaN);
        assertEquals("feature (1, 2) must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", nan, new int[2], 2, SOURCE)).getMessage());
    }

    @Test
    void sourceFileValidates() {
        assertEquals("bytes must be non-negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> new SourceFile("f", -1, "0".repeat(64))).getMessage());
        assertEquals("sha256 must be 64 lower-case hex digits, got \"abc\"", assertThrows(IllegalArgumentException.class,
                () -> new SourceFile("f", 1, "abc")).getMessage());
    }
}

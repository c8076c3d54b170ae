package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SyntheticClassificationTest {

    private static final SyntheticClassification SMALL = new SyntheticClassification(4, 20, 5, 3, 8, 0.5, 0.05);
    private static final long SEED = 1234L;

    private static boolean sameFeatures(Dataset a, Dataset b) {
        return Arrays.equals(a.featuresCopy().data, b.featuresCopy().data);
    }

    @Test
    void sameSeedGivesIdenticalData() {
        DatasetSplit a = SMALL.generate(50, 20, SEED);
        DatasetSplit b = SMALL.generate(50, 20, SEED);
        assertTrue(sameFeatures(a.train(), b.train()));
        assertTrue(sameFeatures(a.heldOut(), b.heldOut()));
        assertArrayEquals(a.train().labelsCopy(), b.train().labelsCopy());
        assertEquals(a.train().source(), b.train().source());
    }

    @Test
    void differentSeedsGiveDifferentData() {
        Dataset a = SMALL.generate(50, 20, SEED).train();
        Dataset b = SMALL.generate(50, 20, SEED + 1).train();
        assertFalse(sameFeatures(a, b));
    }

    @Test
    void trainAndTestShareNoSamples() {
        DatasetSplit s = SMALL.generate(30, 30, SEED);
        assertFalse(sameFeatures(s.train(), s.heldOut()));
    }

    @Test
    void shapeRangeAndBalance() {
        DatasetSplit s = SyntheticClassification.defaults().generate(40, 10, SEED);
        Dataset train = s.train();
        assertEquals(40, train.size());
        assertEquals(784, train.featureCount());
        assertEquals(10, train.numClasses());
        int[] counts = train.classCounts();
        int[] expected = new int[10];
        Arrays.fill(expected, 4);
        assertArrayEquals(expected, counts);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < train.featureCount(); j++) {
                min = Math.min(min, train.feature(i, j));
                max = Math.max(max, train.feature(i, j));
            }
        }
        assertTrue(min >= 0f && max <= 1f);
        assertTrue(max - min > 0.5f, "features should use most of [0, 1]");
        assertTrue(train.source().description().contains("seed 1234"));
        assertEquals("synthetic-train", train.name());
    }

    @Test
    void samplesOfOneClassAreCloserThanSamplesOfDifferentClassesOnAverage() {
        // The task must carry class information: a weak sanity check of the generative model.
        Dataset d = SMALL.generate(400, 1, SEED).train();
        double same = 0;
        double other = 0;
        long nSame = 0;
        long nOther = 0;
        for (int i = 0; i < d.size(); i++) {
            for (int k = i + 1; k < d.size(); k++) {
                double dist = 0;
                for (int j = 0; j < d.featureCount(); j++) {
                    double diff = d.feature(i, j) - d.feature(k, j);
                    dist += diff * diff;
                }
                if (d.label(i) == d.label(k)) {
                    same += dist;
                    nSame++;
                } else {
                    other += dist;
                    nOther++;
                }
            }
        }
        assertTrue(same / nSame < other / nOther);
    }

    @Test
    void validation() {
        assertEquals("numClasses must be at least 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(1, 20, 5, 3, 8, 0.5, 0.05)).getMessage());
        assertEquals("featureCount must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 0, 5, 3, 8, 0.5, 0.05)).getMessage());
        assertEquals("latentDimension must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 20, 0, 3, 8, 0.5, 0.05)).getMessage());
        assertEquals("clustersPerClass must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 20, 5, 0, 8, 0.5, 0.05)).getMessage());
        assertEquals("hiddenWidth must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 20, 5, 3, 0, 0.5, 0.05)).getMessage());
        assertEquals("clusterSpread must be a positive finite number, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 20, 5, 3, 8, 0, 0.05)).getMessage());
        assertEquals("pixelNoise must be a non-negative finite number, got -0.1", assertThrows(IllegalArgumentException.class,
                () -> new SyntheticClassification(2, 20, 5, 3, 8, 0.5, -0.1)).getMessage());
        assertEquals("trainSize must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SMALL.generate(0, 1, SEED)).getMessage());
        assertEquals("testSize must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> SMALL.generate(1, 0, SEED)).getMessage());
    }
}

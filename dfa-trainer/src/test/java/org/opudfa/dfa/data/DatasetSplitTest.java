package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class DatasetSplitTest {

    /** 100 samples whose single feature is their index; 70 of class 0, 30 of class 1. */
    private static Dataset indexed() {
        FMatrixRMaj x = new FMatrixRMaj(100, 1);
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x.set(i, 0, i);
            y[i] = i < 70 ? 0 : 1;
        }
        return Dataset.of("idx", x, y, 2, DataSource.generated("indices"));
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add((int) d.feature(i, 0));
        }
        return s;
    }

    @Test
    void partsAreDisjointCoverTheDataAndKeepOrder() {
        DatasetSplit s = DatasetSplit.trainValidation(indexed(), 0.2, false, RandomStreams.of(5).stream("split"));
        assertEquals(80, s.train().size());
        assertEquals(20, s.heldOut().size());
        Set<Integer> all = ids(s.train());
        all.addAll(ids(s.heldOut()));
        assertEquals(100, all.size());
        for (int i = 1; i < s.train().size(); i++) {
            assertTrue(s.train().feature(i, 0) > s.train().feature(i - 1, 0));
        }
        assertEquals("idx-train", s.train().name());
        assertEquals("idx-validation", s.heldOut().name());
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        DatasetSplit s = DatasetSplit.trainValidation(indexed(), 0.1, true, RandomStreams.of(5).stream("split"));
        assertArrayEquals(new int[] {7, 3}, s.heldOut().classCounts());
        assertArrayEquals(new int[] {63, 27}, s.train().classCounts());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Set<Integer> a = ids(DatasetSplit.trainValidation(indexed(), 0.3, false, RandomStreams.of(5).stream("split")).heldOut());
        Set<Integer> b = ids(DatasetSplit.trainValidation(indexed(), 0.3, false, RandomStreams.of(5).stream("split")).heldOut());
        Set<Integer> c = ids(DatasetSplit.trainValidation(indexed(), 0.3, false, RandomStreams.of(6).stream("split")).heldOut());
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void validation() {
        assertEquals("validationFraction must be strictly between 0 and 1, got 1.0",
                assertThrows(IllegalArgumentException.class, () -> DatasetSplit.trainValidation(indexed(), 1.0, false,
                        RandomStreams.of(5).stream("split"))).getMessage());
        assertEquals("validationFraction 0.001 of 100 samples leaves the validation part empty; choose a fraction that"
                + " keeps at least 1 sample in each part",
                assertThrows(IllegalArgumentException.class, () -> DatasetSplit.trainValidation(indexed(), 0.001, false,
                        RandomStreams.of(5).stream("split"))).getMessage());
        assertEquals("validationFraction 0.999 of 100 samples leaves the training part empty; choose a fraction that"
                + " keeps at least 1 sample in each part",
                assertThrows(IllegalArgumentException.class, () -> DatasetSplit.trainValidation(indexed(), 0.999, false,
                        RandomStreams.of(5).stream("split"))).getMessage());
    }
}

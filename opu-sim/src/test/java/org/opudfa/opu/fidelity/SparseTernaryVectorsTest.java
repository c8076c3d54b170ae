package org.opudfa.opu.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class SparseTernaryVectorsTest {

    /** Standard errors allowed for sample statistics (two-sided false-failure rate about 6e-5 each). */
    private static final double Z = 4.0;

    @Test
    void nonZerosHaveTheRequestedDensityAndBalancedSigns() {
        int n = 1_000_000;
        double density = 2e-5;
        int vectors = 200;
        SparseTernaryVectors source = new SparseTernaryVectors(n, density, RandomStreams.of(1).stream("test"));
        int[] idx = new int[n];
        float[] signs = new float[n];
        long total = 0;
        long positive = 0;
        for (int v = 0; v < vectors; v++) {
            int count = source.next(idx, signs);
            assertTrue(count >= 1);
            for (int k = 0; k < count; k++) {
                assertTrue(idx[k] >= 0 && idx[k] < n);
                if (k > 0) {
                    assertTrue(idx[k] > idx[k - 1], "ascending positions");
                }
                assertEquals(1f, Math.abs(signs[k]));
                positive += signs[k] > 0 ? 1 : 0;
            }
            total += count;
        }
        double expected = n * density * vectors;
        assertEquals(expected, total, Z * Math.sqrt(expected));
        assertEquals(total / 2.0, positive, Z * Math.sqrt(total / 4.0));
    }

    @Test
    void fullDensityFillsEveryEntry() {
        SparseTernaryVectors source = new SparseTernaryVectors(7, 1.0, RandomStreams.of(1).stream("test"));
        assertEquals(7, source.next(new int[7], new float[7]));
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseTernaryVectors(10, 0.0, RandomStreams.of(1).stream("test")));
        assertEquals("density must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SparseTernaryVectors(0, 0.5, RandomStreams.of(1).stream("test")));
        assertEquals("vector dimension must be at least 1, got 0", e.getMessage());
    }
}

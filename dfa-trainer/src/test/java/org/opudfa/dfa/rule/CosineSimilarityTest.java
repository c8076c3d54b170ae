package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class CosineSimilarityTest {

    /** Double arithmetic on a few float entries. */
    private static final double TOLERANCE = 1e-12;

    @Test
    void knownAngles() {
        FMatrixRMaj a = new FMatrixRMaj(1, 2, true, 1f, 0f);
        assertEquals(1.0, CosineSimilarity.of(a, new FMatrixRMaj(1, 2, true, 3f, 0f)), TOLERANCE);
        assertEquals(-1.0, CosineSimilarity.of(a, new FMatrixRMaj(1, 2, true, -2f, 0f)), TOLERANCE);
        assertEquals(0.0, CosineSimilarity.of(a, new FMatrixRMaj(1, 2, true, 0f, 5f)), TOLERANCE);
        assertEquals(Math.sqrt(0.5), CosineSimilarity.of(a, new FMatrixRMaj(1, 2, true, 1f, 1f)), TOLERANCE);
        assertEquals(0.0, CosineSimilarity.of(a, new FMatrixRMaj(1, 2)), 0.0);
    }

    @Test
    void rejectsDifferentSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CosineSimilarity.of(new FMatrixRMaj(2, 3), new FMatrixRMaj(3, 3)));
        assertEquals("cosine similarity needs two matrices of the same size, got 2×3 and 3×3", e.getMessage());
    }
}

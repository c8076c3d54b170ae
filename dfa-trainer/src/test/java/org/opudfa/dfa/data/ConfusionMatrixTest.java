package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static final double RATIO_TOLERANCE = 1e-12;

    @Test
    void countsArgmaxAgainstLabels() {
        FMatrixRMaj logits = new FMatrixRMaj(4, 3, true,
                0.1f, 0.9f, 0.0f,   // predicted 1
                2.0f, 1.0f, 0.0f,   // predicted 0
                0.5f, 0.5f, 0.2f,   // tie: first maximum, predicted 0
                -1f, -2f, -0.5f);   // predicted 2
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.add(logits, new int[] {1, 0, 1, 2, 99});
        assertEquals(4, cm.total());
        assertEquals(3, cm.correct());
        assertEquals(0.75, cm.accuracy(), RATIO_TOLERANCE);
        assertEquals(1, cm.count(1, 0));
        assertEquals(1, cm.count(1, 1));
        assertEquals(0.5, cm.recall(1), RATIO_TOLERANCE);
        assertEquals(1.0, cm.recall(2), RATIO_TOLERANCE);
        cm.reset();
        assertEquals(0, cm.total());
        assertTrue(Double.isNaN(cm.accuracy()));
        assertTrue(Double.isNaN(cm.recall(0)));
    }

    @Test
    void validation() {
        assertEquals("numClasses must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0)).getMessage());
        ConfusionMatrix cm = new ConfusionMatrix(2);
        assertEquals("logits must have 2 columns, got 1×3",
                assertThrows(IllegalArgumentException.class, () -> cm.add(new FMatrixRMaj(1, 3), new int[1])).getMessage());
        assertEquals("labels must have at least 2 entries (one per row of logits), got 1",
                assertThrows(IllegalArgumentException.class, () -> cm.add(new FMatrixRMaj(2, 2), new int[1])).getMessage());
        assertEquals("label 2 of row 0 is out of range; labels must be between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> cm.add(new FMatrixRMaj(1, 2), new int[] {2})).getMessage());
    }
}

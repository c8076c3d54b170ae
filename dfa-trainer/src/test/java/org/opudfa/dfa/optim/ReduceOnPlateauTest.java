package org.opudfa.dfa.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReduceOnPlateauTest {

    private static final double TOLERANCE_F64 = 1e-12;

    @Test
    void cutsAfterMoreThanPatienceBadEpochsInARow() {
        ReduceOnPlateau s = new ReduceOnPlateau(1.0, 0.2, 1);
        assertEquals(1.0, s.learningRate(0), TOLERANCE_F64);
        s.observeEpochs(List.of(3.0, 2.0, 2.5));
        assertEquals(1.0, s.learningRate(10), TOLERANCE_F64, "one bad epoch is within the patience");
        s.observeEpochs(List.of(3.0, 2.0, 2.5, 2.1));
        assertEquals(0.2, s.learningRate(10), TOLERANCE_F64, "the second bad epoch in a row cuts");
        s.observeEpochs(List.of(3.0, 2.0, 2.5, 2.1, 2.2));
        assertEquals(0.2, s.learningRate(10), TOLERANCE_F64, "the count starts again after a cut");
        s.observeEpochs(List.of(3.0, 2.0, 2.5, 2.1, 2.2, 2.3));
        assertEquals(0.04, s.learningRate(10), TOLERANCE_F64);
        s.observeEpochs(List.of(3.0, 2.0, 2.5, 1.0, 2.2));
        assertEquals(1.0, s.learningRate(10), TOLERANCE_F64, "an improvement resets the count");
    }

    @Test
    void isAFunctionOfTheLossesObserved() {
        ReduceOnPlateau s = new ReduceOnPlateau(0.5, 0.5, 0);
        s.observeEpochs(List.of(1.0, 1.0, 1.0));
        assertEquals(0.125, s.learningRate(0), TOLERANCE_F64);
        s.observeEpochs(List.of(1.0));
        assertEquals(0.5, s.learningRate(0), TOLERANCE_F64, "observing a shorter history (a restored run) recomputes");
        s.observeEpochs(List.of());
        assertEquals(0.5, s.learningRate(0), TOLERANCE_F64);
    }

    @Test
    void anImprovementMustExceedTheRelativeThreshold() {
        ReduceOnPlateau s = new ReduceOnPlateau(1.0, 0.5, 0);
        double tiny = 1.0 * (1 - ReduceOnPlateau.THRESHOLD / 2);
        s.observeEpochs(List.of(1.0, tiny));
        assertEquals(0.5, s.learningRate(0), TOLERANCE_F64);
        s.observeEpochs(List.of(1.0, Double.NaN));
        assertEquals(0.5, s.learningRate(0), TOLERANCE_F64, "a NaN loss is a bad epoch");
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(1, 1, 1));
        assertEquals("the plateau factor must be in (0, 1), got 1.0", f.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(1, 0.5, -1));
        assertEquals("the plateau patience must be at least 0 epochs, got -1", p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(0, 0.5, 1));
    }
}

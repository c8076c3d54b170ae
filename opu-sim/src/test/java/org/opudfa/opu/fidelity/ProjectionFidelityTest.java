package org.opudfa.opu.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProjectionFidelityTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void identicalValuesArePerfect() {
        double[] ideal = {1, -2, 3, 0.5};
        ProjectionFidelity f = ProjectionFidelity.compare(ideal, ideal.clone(), 0.01, 2.5);
        assertEquals(1.0, f.correlation(), TOLERANCE);
        assertEquals(0.0, f.relativeRmse(), TOLERANCE);
        assertEquals(Double.POSITIVE_INFINITY, f.snrDb());
        assertEquals(0.01, f.saturatedFraction(), TOLERANCE);
        assertEquals(2.5, f.deviceSeconds(), TOLERANCE);
        assertEquals(4, f.samples());
    }

    @Test
    void knownErrorGivesKnownFigures() {
        // measured = ideal + e with e orthogonal to ideal and to the constant: Σe² = 4, Σideal² = 16.
        double[] ideal = {2, 2, -2, -2};
        double[] measured = {3, 1, -1, -3};
        ProjectionFidelity f = ProjectionFidelity.compare(ideal, measured, 0, 0);
        assertEquals(0.5, f.relativeRmse(), TOLERANCE);
        assertEquals(10 * Math.log10(4), f.snrDb(), TOLERANCE);
        assertEquals(16 / Math.sqrt(16 * 20), f.correlation(), TOLERANCE);
        ProjectionFidelity g = ProjectionFidelity.compare(new float[] {2, 2, -2, -2}, new float[] {3, 1, -1, -3}, 0, 0);
        assertEquals(f.correlation(), g.correlation(), TOLERANCE);
    }

    @Test
    void scaledMeasurementsCorrelatePerfectlyButHaveError() {
        double[] ideal = {1, 2, 3, 4, 5};
        double[] measured = {2, 4, 6, 8, 10};
        ProjectionFidelity f = ProjectionFidelity.compare(ideal, measured, 0, 0);
        assertEquals(1.0, f.correlation(), TOLERANCE);
        assertEquals(1.0, f.relativeRmse(), TOLERANCE);
        assertEquals(0.0, f.snrDb(), TOLERANCE);
    }

    @Test
    void rejectsMismatchedOrEmptyInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectionFidelity.compare(new double[3], new double[2], 0, 0));
        assertEquals("measured values must match the 3 ideal values, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ProjectionFidelity.compare(new float[0], new float[0], 0, 0));
        assertEquals("fidelity needs at least 1 value, got 0", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> new FidelityAccumulator().result(0, 0, 0));
        assertEquals("no values were added", s.getMessage());
    }
}

package org.opudfa.opu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.DenseProjector.Distribution;
import org.opudfa.opu.kernel.Gemm;

class DenseProjectorTest {

    /** Float products of short vectors agree with double arithmetic to this relative precision. */
    private static final double FLOAT_TOLERANCE = 1e-5;
    /** Sample moments of 200k entries: the standard error of the variance is ~0.3%, so 2% is > 6 sigma. */
    private static final double MOMENT_TOLERANCE = 0.02;

    @Test
    void projectsEachRowWithTheStoredMatrix() {
        DenseProjector p = DenseProjector.gaussian(7, 5, 42);
        FMatrixRMaj w = p.matrix();
        FMatrixRMaj in = new FMatrixRMaj(3, 5);
        for (int i = 0; i < in.data.length; i++) {
            in.data[i] = (float) Math.sin(i + 1.0);
        }
        FMatrixRMaj out = new FMatrixRMaj(3, 7);
        p.project(in, out);
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < 7; i++) {
                double expected = 0;
                for (int j = 0; j < 5; j++) {
                    expected += (double) w.get(i, j) * in.get(b, j);
                }
                assertEquals(expected, out.get(b, i), FLOAT_TOLERANCE * (1 + Math.abs(expected)));
            }
        }
        assertEquals(3, p.cost().vectors());
        assertEquals(0, p.cost().frames());
    }

    @Test
    void sameSeedSameMatrixOtherSeedOtherMatrix() {
        FMatrixRMaj a = DenseProjector.gaussian(16, 4, 1).matrix();
        FMatrixRMaj b = DenseProjector.gaussian(16, 4, 1).matrix();
        FMatrixRMaj c = DenseProjector.gaussian(16, 4, 2).matrix();
        assertArrayEquals(a.data, b.data);
        assertTrue(a.get(0, 0) != c.get(0, 0));
    }

    @Test
    void entriesHaveTheDocumentedMoments() {
        SummaryStatistics gauss = new SummaryStatistics();
        for (float v : DenseProjector.gaussian(400, 500, 3).matrix().data) {
            gauss.addValue(v);
        }
        assertEquals(0.0, gauss.getMean(), MOMENT_TOLERANCE);
        assertEquals(1.0, gauss.getVariance(), MOMENT_TOLERANCE);

        SummaryStatistics uniform = new SummaryStatistics();
        DenseProjector u = DenseProjector.random(400, 500, Distribution.UNIFORM, 1.0, 3, Gemm.singleThreaded());
        for (float v : u.matrix().data) {
            uniform.addValue(v);
        }
        assertEquals(0.0, uniform.getMean(), MOMENT_TOLERANCE);
        assertEquals(1.0 / 3.0, uniform.getVariance(), MOMENT_TOLERANCE);
        assertTrue(uniform.getMin() >= -1.0 && uniform.getMax() < 1.0);
    }

    @Test
    void rejectsBadShapesAndValues() {
        DenseProjector p = DenseProjector.gaussian(4, 3, 0);
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> p.project(new FMatrixRMaj(2, 5), new FMatrixRMaj(2, 4)));
        assertEquals("projector input must have 3 columns, got 2×5", cols.getMessage());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> p.project(new FMatrixRMaj(2, 3), new FMatrixRMaj(3, 4)));
        assertEquals("projector output must be 2×4, got 3×4", out.getMessage());
        FMatrixRMaj nan = new FMatrixRMaj(2, 3);
        nan.set(1, 2, Float.NaN);
        IllegalArgumentException finite = assertThrows(IllegalArgumentException.class,
                () -> p.project(nan, new FMatrixRMaj(2, 4)));
        assertEquals("projector input must be finite, but entry (1, 2) is NaN", finite.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> DenseProjector.gaussian(0, 3, 0));
        assertEquals("output dimension must be at least 1, got 0", size.getMessage());
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> DenseProjector.random(2, 3, Distribution.GAUSSIAN, -1, 0, Gemm.singleThreaded()));
        assertEquals("scale must be a positive finite number, got -1.0", scale.getMessage());
    }
}

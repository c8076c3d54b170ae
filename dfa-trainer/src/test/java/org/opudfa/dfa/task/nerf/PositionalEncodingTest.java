package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.rng.RandomStreams;

class PositionalEncodingTest {

    /**
     * The double-angle recurrence loses about a bit per frequency in double and the result is
     * rounded to float: far below this.
     */
    private static final double FLOAT_TOLERANCE = 2e-6;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    @Test
    void encodesEachInputAtPowersOfTwoAfterTheRawValues() {
        int frequencies = 10;
        PositionalEncoding encoding = new PositionalEncoding("pe", 3, frequencies);
        assertEquals(63, encoding.outputWidth(3));
        FMatrixRMaj x = new FMatrixRMaj(2, 3, true, 0.3f, -1.2f, 0.05f, 1.5f, 0f, -0.7f);
        FMatrixRMaj y = encoding.newCall().forward(new FMatrixRMaj[] {x}, NO_SIDE_INPUTS, false)[0];
        assertEquals(2, y.numRows);
        assertEquals(63, y.numCols);
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                double v = x.get(r, j);
                assertEquals(v, y.get(r, j), 0);
                for (int k = 0; k < frequencies; k++) {
                    double f = Math.pow(2, k);
                    assertEquals(Math.sin(f * v), y.get(r, 3 * (1 + 2 * k) + j), FLOAT_TOLERANCE, "sin k=" + k);
                    assertEquals(Math.cos(f * v), y.get(r, 3 * (2 + 2 * k) + j), FLOAT_TOLERANCE, "cos k=" + k);
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        // 4 frequencies: 2³·h = 0.08, small enough for the central difference of sin(8x)
        GradientCheck.check(new PositionalEncoding("pe", 3, 4), GradientCheck.uniform(4, 3, rng), () -> { }, rng);
    }

    @Test
    void rejectsAnotherWidth() {
        PositionalEncoding encoding = new PositionalEncoding("pe", 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoding.outputWidth(2));
        assertEquals("positional encoding 'pe' takes inputs of width 3, got 2", e.getMessage());
        assertThrows(IllegalStateException.class, () -> encoding.newCall().backward(new FMatrixRMaj[] {
            new FMatrixRMaj(1, 27)}, new boolean[] {true}));
    }
}

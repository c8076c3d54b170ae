package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.rng.RandomStreams;

class PositionalEncodingTest {

    /** float sines against double */
    private static final double FLOAT_TOLERANCE = 1e-6;

    private static Feed layout(int count, int length) {
        return new Feed().put(TokenWindows.SEQUENCES, new Sequences().set(count, length));
    }

    private static PositionalEncoding encoding(PositionalKind kind) {
        return new PositionalEncoding("pos", kind, 6, 10, TokenWindows.SEQUENCES, RandomStreams.of(2).stream("init"));
    }

    @Test
    void sinusoidalTableHasTheKnownValues() {
        FMatrixRMaj p = encoding(PositionalKind.SINUSOIDAL).table();
        for (int t = 0; t < 10; t++) {
            for (int i = 0; i < 6; i += 2) {
                double angle = t * Math.exp(-Math.log(10000.0) * i / 6);
                assertEquals(Math.sin(angle), p.get(t, i), FLOAT_TOLERANCE, "sin at " + t + ", " + i);
                assertEquals(Math.cos(angle), p.get(t, i + 1), FLOAT_TOLERANCE, "cos at " + t + ", " + i);
            }
        }
        assertEquals(0, encoding(PositionalKind.SINUSOIDAL).parameters().size());
    }

    @Test
    void addsEachRowsPositionInItsSequence() {
        PositionalEncoding e = encoding(PositionalKind.SINUSOIDAL);
        FMatrixRMaj x = GradientCheck.uniform(6, 6, RandomStreams.of(3).stream("data"));
        FMatrixRMaj y = e.newCall().forward(new FMatrixRMaj[] {x}, layout(2, 3), false)[0];
        for (int r = 0; r < 6; r++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(x.get(r, j) + e.table().get(r % 3, j), y.get(r, j), 0f);
            }
        }
    }

    @Test
    void sinusoidalPassesTheGradientThrough() {
        Call call = encoding(PositionalKind.SINUSOIDAL).newCall();
        call.forward(new FMatrixRMaj[] {new FMatrixRMaj(4, 6)}, layout(1, 4), true);
        FMatrixRMaj g = GradientCheck.uniform(4, 6, RandomStreams.of(4).stream("data"));
        assertSame(g, call.backward(new FMatrixRMaj[] {g}, new boolean[] {true})[0]);
    }

    @Test
    void learnedTableGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(5).stream("data");
        PositionalEncoding e = encoding(PositionalKind.LEARNED);
        assertEquals("pos.table", e.parameters().get(0).name());
        double sum = 0;
        for (float v : e.table().data) {
            sum += (double) v * v;
            assertTrue(Math.abs(v) <= Math.sqrt(1.5));
        }
        assertEquals(0.5, sum / e.table().data.length, 0.1, "mean square near the sinusoidal table's 1/2");
        GradientCheck.check(e, new FMatrixRMaj[] {GradientCheck.uniform(8, 6, rng)}, layout(2, 4), () -> { }, rng);
    }

    @Test
    void learnedTableSumsTheGradientsOfEachPosition() {
        PositionalEncoding e = encoding(PositionalKind.LEARNED);
        Call call = e.newCall();
        call.forward(new FMatrixRMaj[] {new FMatrixRMaj(4, 6)}, layout(2, 2), true);
        FMatrixRMaj g = new FMatrixRMaj(4, 6);
        for (int r = 0; r < 4; r++) {
            java.util.Arrays.fill(g.data, r * 6, r * 6 + 6, r + 1);
        }
        e.parameters().get(0).zeroGrad();
        call.backward(new FMatrixRMaj[] {g}, new boolean[] {false});
        float[] grad = e.parameters().get(0).grad().data;
        assertArrayEquals(new float[] {4, 4, 4, 4, 4, 4}, java.util.Arrays.copyOfRange(grad, 0, 6), 0f, "rows 0 and 2");
        assertArrayEquals(new float[] {6, 6, 6, 6, 6, 6}, java.util.Arrays.copyOfRange(grad, 6, 12), 0f, "rows 1 and 3");
    }

    @Test
    void refusesSequencesLongerThanTheTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoding(PositionalKind.SINUSOIDAL).newCall().forward(new FMatrixRMaj[] {new FMatrixRMaj(11, 6)},
                        layout(1, 11), false));
        assertEquals("positional encoding 'pos' knows 10 positions, got sequences of 11 tokens", e.getMessage());
    }
}

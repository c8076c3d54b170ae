package org.opudfa.dfa.task.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class CausalSelfAttentionTest {

    /** float softmax and products of a few terms of size ~1 against the same in double */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final int WIDTH = 8;
    private static final int HEADS = 2;
    private static final int SEQUENCES = 2;
    private static final int LENGTH = 5;

    private static CausalSelfAttention attention(Gemm gemm) {
        return new CausalSelfAttention("att", WIDTH, HEADS, TokenWindows.SEQUENCES, gemm);
    }

    private static Feed layout(int count, int length) {
        return new Feed().put(TokenWindows.SEQUENCES, new Sequences().set(count, length));
    }

    private static FMatrixRMaj input(long seed) {
        return GradientCheck.uniform(SEQUENCES * LENGTH, 3 * WIDTH, RandomStreams.of(seed).stream("data"));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithTheCausalMask() {
        UniformRandomProvider rng = RandomStreams.of(1).stream("probe");
        FMatrixRMaj x = input(1);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] *= 2;
        }
        GradientCheck.check(attention(Gemm.singleThreaded()), new FMatrixRMaj[] {x}, layout(SEQUENCES, LENGTH),
                () -> { }, rng);
    }

    @Test
    void matchesTheFormulaInDouble() {
        FMatrixRMaj x = input(2);
        FMatrixRMaj y = attention(Gemm.singleThreaded()).newCall().forward(new FMatrixRMaj[] {x},
                layout(SEQUENCES, LENGTH), false)[0];
        int dh = WIDTH / HEADS;
        for (int s = 0; s < SEQUENCES; s++) {
            for (int h = 0; h < HEADS; h++) {
                for (int i = 0; i < LENGTH; i++) {
                    int row = s * LENGTH + i;
                    double[] w = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < dh; c++) {
                            dot += (double) x.get(row, h * dh + c) * x.get(s * LENGTH + j, WIDTH + h * dh + c);
                        }
                        w[j] = dot / Math.sqrt(dh);
                        max = Math.max(max, w[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        w[j] = Math.exp(w[j] - max);
                        sum += w[j];
                    }
                    for (int c = 0; c < dh; c++) {
                        double o = 0;
                        for (int j = 0; j <= i; j++) {
                            o += w[j] / sum * x.get(s * LENGTH + j, 2 * WIDTH + h * dh + c);
                        }
                        assertEquals(o, y.get(row, h * dh + c), FLOAT_TOLERANCE, "row " + row + " head " + h);
                    }
                }
            }
        }
    }

    /** Changing token j's query, key and value changes the outputs of tokens j … L−1 of its sequence only. */
    @Test
    void noPositionSeesTheFuture() {
        Feed feed = layout(SEQUENCES, LENGTH);
        FMatrixRMaj x = input(3);
        FMatrixRMaj before = attention(Gemm.singleThreaded()).newCall().forward(new FMatrixRMaj[] {x}, feed, false)[0]
                .copy();
        for (int j = 0; j < LENGTH; j++) {
            FMatrixRMaj changed = x.copy();
            for (int c = 0; c < 3 * WIDTH; c++) {
                changed.set(j, c, changed.get(j, c) + 0.5f);
            }
            FMatrixRMaj after = attention(Gemm.singleThreaded()).newCall().forward(new FMatrixRMaj[] {changed}, feed,
                    false)[0];
            for (int row = 0; row < SEQUENCES * LENGTH; row++) {
                float[] a = java.util.Arrays.copyOfRange(before.data, row * WIDTH, row * WIDTH + WIDTH);
                float[] b = java.util.Arrays.copyOfRange(after.data, row * WIDTH, row * WIDTH + WIDTH);
                if (row < j || row >= LENGTH) {
                    assertArrayEquals(a, b, 0f, "token " + row + " must not see token " + j);
                } else {
                    assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b),
                            "token " + row + " sees token " + j);
                }
            }
        }
    }

    @Test
    void sameBitsOnOneOrTwoThreads() {
        Feed feed = layout(SEQUENCES, LENGTH);
        FMatrixRMaj x = input(4);
        FMatrixRMaj g = GradientCheck.uniform(SEQUENCES * LENGTH, WIDTH, RandomStreams.of(4).stream("grad"));
        float[][] results = new float[2][];
        float[][] grads = new float[2][];
        try (Gemm two = Gemm.withThreads(2)) {
            Gemm[] gemms = {Gemm.singleThreaded(), two};
            for (int k = 0; k < 2; k++) {
                Call call = attention(gemms[k]).newCall();
                results[k] = call.forward(new FMatrixRMaj[] {x}, feed, true)[0].data.clone();
                grads[k] = call.backward(new FMatrixRMaj[] {g}, new boolean[] {true})[0].data.clone();
            }
        }
        assertArrayEquals(results[0], results[1], 0f);
        assertArrayEquals(grads[0], grads[1], 0f);
    }

    @Test
    void rejectsBadShapes() {
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> new CausalSelfAttention("att", 10, 4, TokenWindows.SEQUENCES, Gemm.singleThreaded()));
        assertEquals("attention 'att' width 10 must be a multiple of its 4 heads", heads.getMessage());
        CausalSelfAttention a = attention(Gemm.singleThreaded());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> a.outputWidth(WIDTH));
        assertEquals("attention 'att' takes packed queries, keys and values of width 3 × 8 = 24, got 8",
                width.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> a.newCall().forward(new FMatrixRMaj[] {input(5)}, layout(3, LENGTH), false));
        assertEquals("attention 'att' got 10 rows for a batch of 3 sequences of 5 tokens (15 rows)", rows.getMessage());
    }
}

package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class EmbeddingTest {

    /** Float products of a few terms of size ~1 agree with double sums to this. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final Feed.Key<Labels> IDS = Feed.Key.of("ids", Labels.class);
    private static final RandomStreams STREAMS = RandomStreams.of(17);
    private static final Gemm GEMM = Gemm.singleThreaded();

    private static Embedding embedding(int vocabulary, int width, double scale) {
        return new Embedding("emb", vocabulary, width, 0.5, scale, IDS, STREAMS.stream("init"), GEMM);
    }

    @Test
    void lookupScalesTheRowsOfTheIdsAndZeroesPadding() {
        Embedding e = embedding(5, 3, 2.0);
        Feed feed = new Feed().put(IDS, Labels.of(4, Labels.IGNORE, 0, 4));
        FMatrixRMaj y = e.newCall().forward(new FMatrixRMaj[0], feed, true)[0];
        FMatrixRMaj table = e.weight().value();
        assertEquals(4, y.numRows);
        assertEquals(3, y.numCols);
        int[] ids = {4, -1, 0, 4};
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < 3; j++) {
                float expected = ids[r] < 0 ? 0f : 2f * table.get(ids[r], j);
                assertEquals(expected, y.get(r, j), 0f, "row " + r + " column " + j);
            }
        }
    }

    @Test
    void lookupGradientAddsScaledRowsIntoTheIdsRows() {
        Embedding e = embedding(4, 2, 3.0);
        Call call = e.newCall();
        call.forward(new FMatrixRMaj[0], new Feed().put(IDS, Labels.of(1, 1, Labels.IGNORE, 3)), true);
        FMatrixRMaj g = new FMatrixRMaj(new float[][] {{1, 2}, {10, 20}, {100, 200}, {-1, -2}});
        e.weight().zeroGrad();
        FMatrixRMaj[] in = call.backward(new FMatrixRMaj[] {g}, new boolean[0]);
        assertEquals(0, in.length, "a lookup has no input to send a gradient to");
        float[] expected = {0, 0, 3 * 11, 3 * 22, 0, 0, -3, -6};
        assertArrayEquals(expected, e.weight().grad().data, 0f);
    }

    @Test
    void projectionIsInputTimesTableTransposed() {
        UniformRandomProvider rng = STREAMS.stream("data");
        Embedding e = embedding(5, 3, 1.0);
        FMatrixRMaj h = GradientCheck.uniform(2, 3, rng);
        FMatrixRMaj y = e.newCall().forward(new FMatrixRMaj[] {h}, new Feed(), false)[0];
        assertEquals(5, y.numCols);
        for (int r = 0; r < 2; r++) {
            for (int v = 0; v < 5; v++) {
                double expected = 0;
                for (int j = 0; j < 3; j++) {
                    expected += (double) h.get(r, j) * e.weight().value().get(v, j);
                }
                assertEquals(expected, y.get(r, v), FLOAT_TOLERANCE);
            }
        }
    }

    @Test
    void projectionGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = STREAMS.stream("data");
        GradientCheck.check(embedding(6, 4, 1.0), GradientCheck.uniform(3, 4, rng), () -> { }, rng);
    }

    @Test
    void lookupGradientThroughAModelMatchesFiniteDifferences() {
        UniformRandomProvider rng = STREAMS.stream("data");
        GraphBuilder g = Graph.builder();
        Tensor x = g.apply(embedding(6, 4, 2.0));
        Graph model = g.build(g.apply(new Dense("out", 4, 3, STREAMS.stream("dense"), GEMM), g.apply(new Tanh("t"), x)));
        GradientCheck.check(model, new Feed().put(IDS, Labels.of(0, 5, 2, 5, Labels.IGNORE)), () -> { }, rng);
    }

    @Test
    void tiedLookupAndProjectionGetTheSumOfBothGradients() {
        UniformRandomProvider rng = STREAMS.stream("data");
        Embedding e = embedding(6, 4, 2.0);
        GraphBuilder g = Graph.builder();
        Tensor x = g.apply(e);
        Tensor h = g.apply(new LayerNorm("norm", 4), g.apply(new Tanh("t"), x));
        Graph model = g.build(g.apply(e, h));
        assertEquals(1, model.parameters().stream().filter(p -> p == e.weight()).count(), "one table, shared");
        GradientCheck.check(model, new Feed().put(IDS, Labels.of(1, 3, 3, 0)), () -> { }, rng);
    }

    @Test
    void feedbackMatrixReplacesTheTableInTheProjectionsInputGradient() {
        UniformRandomProvider rng = STREAMS.stream("data");
        Embedding e = embedding(3, 2, 1.0);
        FMatrixRMaj b = new FMatrixRMaj(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        e.setFeedbackMatrix(b);
        Call call = e.newCall();
        call.forward(new FMatrixRMaj[] {GradientCheck.uniform(2, 2, rng)}, new Feed(), true);
        FMatrixRMaj g = new FMatrixRMaj(new float[][] {{1, 2, 3}, {4, 5, 6}});
        FMatrixRMaj dx = call.backward(new FMatrixRMaj[] {g}, new boolean[] {true})[0];
        assertArrayEquals(new float[] {4, 5, 10, 11}, dx.data, 0f);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> e.setFeedbackMatrix(new FMatrixRMaj(2, 3)));
        assertEquals("feedback matrix of embedding 'emb' must be 3×2, got 2×3", wrong.getMessage());
    }

    @Test
    void rejectsBadShapesAndIds() {
        Embedding e = embedding(4, 3, 1.0);
        assertArrayEquals(new int[] {3}, e.outputWidths(new int[0]));
        assertArrayEquals(new int[] {4}, e.outputWidths(new int[] {3}));
        IllegalArgumentException widths = assertThrows(IllegalArgumentException.class,
                () -> e.outputWidths(new int[] {2}));
        assertEquals("embedding 'emb' takes no input (a lookup) or one input of width 3 (the output projection), "
                + "got widths [2]", widths.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> e.newCall().forward(new FMatrixRMaj[0], new Feed().put(IDS, Labels.of(0, 4)), true));
        assertEquals("id 4 of row 1 is outside the vocabulary [0, 4) of embedding 'emb'", id.getMessage());
        assertThrows(IllegalStateException.class,
                () -> e.newCall().backward(new FMatrixRMaj[] {new FMatrixRMaj(1, 3)}, new boolean[0]));
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> new Embedding("emb", 4, 3, 0.1, 0.0, IDS, STREAMS.stream("init"), GEMM));
        assertEquals("embedding 'emb' lookup scale must be positive and finite, got 0.0", scale.getMessage());
    }
}

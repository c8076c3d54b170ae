package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.rng.RandomStreams;

class DirectFeedbackAlignmentTest {

    /**
     * Float gradients computed along two routes (float GEMMs in different orders, or a double
     * hand computation) of sums of a few tens of terms of size ≤ 1 agree to this.
     */
    private static final double FLOAT_TOLERANCE = 1e-5;

    /** A projector that counts its calls and otherwise defers to an exact one. */
    private static final class CountingProjector implements RandomProjector {
        private final RandomProjector inner;
        private int calls;
        private int lastRows;

        CountingProjector(RandomProjector inner) {
            this.inner = inner;
        }

        @Override
        public int inputDimension() {
            return inner.inputDimension();
        }

        @Override
        public int outputDimension() {
            return inner.outputDimension();
        }

        @Override
        public void project(FMatrixRMaj in, FMatrixRMaj out) {
            calls++;
            lastRows = in.numRows;
            inner.project(in, out);
        }

        @Override
        public ProjectionCost cost() {
            return inner.cost();
        }
    }

    @Test
    void equalsBackpropagationWhenFeedbackIsTheOutputWeightsTransposed() {
        Graph dfaNet = Nets.mlp(3, 6, new int[] {5}, 3);
        Graph bpNet = Nets.mlp(3, 6, new int[] {5}, 3);
        // BP sends e·W_out to the block; the projector computes e·Wᵀ, so its W is W_outᵀ (d_1 × k)
        FMatrixRMaj wOut = Nets.head(dfaNet).weight().value();
        RandomProjector projector = DenseProjector.of(Nets.transpose(wOut), Nets.GEMM);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(dfaNet, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        Backpropagation bp = new Backpropagation(bpNet, Nets.LOSS);
        Feed batch = Nets.batch(8, 6, 3, RandomStreams.of(4).stream("data"));
        assertEquals(bp.step(batch), dfa.step(batch), 0.0);
        for (int i = 0; i < dfaNet.parameters().size(); i++) {
            assertEquals(0.0, Nets.maxAbsDiff(dfaNet.parameters().get(i).grad(), bpNet.parameters().get(i).grad()),
                    FLOAT_TOLERANCE, dfaNet.parameters().get(i).name());
        }
    }

    /**
     * Block 0: Dense(5→4)+Tanh; block 1: Dense(4→6)+Tanh+Dense(6→3)+Tanh; a feedback point after
     * each block; head Dense(3→2).
     */
    private static Graph twoLayerBlockNet() {
        RandomStreams s = RandomStreams.of(8);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 5);
        Tensor h1 = g.feedback(g.apply(new Tanh("t0"), g.apply(new Dense("b0", 5, 4, s.stream("b0"), Nets.GEMM), x)));
        Tensor h2 = g.apply(new Tanh("t1a"), g.apply(new Dense("b1a", 4, 6, s.stream("b1a"), Nets.GEMM), h1));
        Tensor h3 = g.feedback(g.apply(new Tanh("t1b"), g.apply(new Dense("b1b", 6, 3, s.stream("b1b"), Nets.GEMM),
                h2)));
        return g.build(g.apply(new Dense("out", 3, 2, s.stream("out"), Nets.GEMM), h3));
    }

    /** x·Wᵀ + b in double. */
    private static double[][] affine(double[][] x, Dense d) {
        FMatrixRMaj w = d.weight().value();
        double[][] a = new double[x.length][w.numRows];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < w.numRows; o++) {
                a[r][o] = d.bias().value().get(0, o);
                for (int i = 0; i < w.numCols; i++) {
                    a[r][o] += x[r][i] * w.get(o, i);
                }
            }
        }
        return a;
    }

    /** tanh(x·Wᵀ + b) in double. */
    private static double[][] denseTanh(double[][] x, Dense d) {
        double[][] h = affine(x, d);
        for (double[] row : h) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.tanh(row[j]);
            }
        }
        return h;
    }

    /** g·W in double: the gradient a dense layer sends to its input. */
    private static double[][] throughWeights(double[][] g, Dense d) {
        FMatrixRMaj w = d.weight().value();
        double[][] back = new double[g.length][w.numCols];
        for (int r = 0; r < g.length; r++) {
            for (int i = 0; i < w.numCols; i++) {
                for (int o = 0; o < w.numRows; o++) {
                    back[r][i] += g[r][o] * w.get(o, i);
                }
            }
        }
        return back;
    }

    /** δ = s ⊙ (1 − h²) in double. */
    private static double[][] throughTanh(double[][] s, double[][] h) {
        double[][] d = new double[s.length][s[0].length];
        for (int r = 0; r < s.length; r++) {
            for (int j = 0; j < s[0].length; j++) {
                d[r][j] = s[r][j] * (1 - h[r][j] * h[r][j]);
            }
        }
        return d;
    }

    /** Asserts grad(W) = δᵀ·input and grad(b) = Σ_rows δ. */
    private static void assertWeightGradient(double[][] delta, double[][] input, Dense d) {
        FMatrixRMaj g = d.weight().grad();
        for (int o = 0; o < g.numRows; o++) {
            for (int i = 0; i < g.numCols; i++) {
                double expected = 0;
                for (int r = 0; r < delta.length; r++) {
                    expected += delta[r][o] * input[r][i];
                }
                assertEquals(expected, g.get(o, i), FLOAT_TOLERANCE, "weight gradient of " + d + " at " + o + "," + i);
            }
            double bias = 0;
            for (double[] row : delta) {
                bias += row[o];
            }
            assertEquals(bias, d.bias().grad().get(0, o), FLOAT_TOLERANCE, "bias gradient of " + d + " at " + o);
        }
    }

    /** Asserts every entry of a float matrix equals the double one. */
    private static void assertMatrix(double[][] expected, FMatrixRMaj actual, String what) {
        assertEquals(expected.length, actual.numRows, what + " rows");
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], actual.get(r, c), FLOAT_TOLERANCE, what + " at " + r + "," + c);
            }
        }
    }

    private static double[][] toDouble(FMatrixRMaj m) {
        double[][] a = new double[m.numRows][m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                a[r][c] = m.get(r, c);
            }
        }
        return a;
    }

    /** Columns [from, from + width) of e·Bᵀ, in double. */
    private static double[][] projectedSlice(FMatrixRMaj e, FMatrixRMaj b, int from, int width) {
        double[][] s = new double[e.numRows][width];
        for (int r = 0; r < e.numRows; r++) {
            for (int j = 0; j < width; j++) {
                for (int k = 0; k < e.numCols; k++) {
                    s[r][j] += (double) e.get(r, k) * b.get(from + j, k);
                }
            }
        }
        return s;
    }

    @Test
    void backpropagatesInsideABlockAndNothingBetweenBlocks() {
        Graph net = twoLayerBlockNet();
        DenseProjector projector = DenseProjector.gaussian(7, 2, 99);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        UniformRandomProvider rng = RandomStreams.of(9).stream("data");
        FMatrixRMaj x = Nets.uniform(6, 5, rng);
        dfa.step(Nets.batch(x, Nets.labels(6, 2, rng)));

        Dense b0 = Nets.dense(net, "b0");
        Dense b1a = Nets.dense(net, "b1a");
        Dense b1b = Nets.dense(net, "b1b");
        double[][] in = toDouble(x);
        double[][] h1 = denseTanh(in, b0);
        double[][] h2 = denseTanh(h1, b1a);
        double[][] h3 = denseTanh(h2, b1b);
        FMatrixRMaj e = dfa.error(0);
        FMatrixRMaj b = projector.matrix();

        // block 1 receives columns 4..6 of e·Bᵀ and backpropagates them through both its layers
        double[][] delta3 = throughTanh(projectedSlice(e, b, 4, 3), h3);
        assertWeightGradient(delta3, h2, b1b);
        assertWeightGradient(throughTanh(throughWeights(delta3, b1b), h2), h1, b1a);

        // block 0 receives exactly columns 0..3, whatever block 1's weights are
        assertWeightGradient(throughTanh(projectedSlice(e, b, 0, 4), h1), in, b0);

        // the head gets its true gradient eᵀ·h3
        double[][] eD = toDouble(e);
        assertWeightGradient(eD, h3, Nets.dense(net, "out"));
    }

    /**
     * x (5) → Dense+Tanh (4, feedback) → Dense+Tanh (3, feedback) → Dense (3): the error point →
     * Tanh → head Dense (2). What lies above the upper feedback point learns from the true gradient.
     */
    @Test
    void anErrorPointBelowTheOutputProjectsItsTrueGradient() {
        RandomStreams s = RandomStreams.of(14);
        Dense d0 = new Dense("d0", 5, 4, s.stream("d0"), Nets.GEMM);
        Dense d1 = new Dense("d1", 4, 3, s.stream("d1"), Nets.GEMM);
        Dense d2 = new Dense("d2", 3, 3, s.stream("d2"), Nets.GEMM);
        Dense head = new Dense("head", 3, 2, s.stream("head"), Nets.GEMM);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 5);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(d0, x)));
        Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(d1, h0)));
        Tensor a2 = g.error(g.apply(d2, h1));
        Graph net = g.build(g.apply(head, g.apply(new Tanh("t2"), a2)));
        assertEquals(List.of(d2.weight(), d2.bias(), head.weight(), head.bias()), net.parametersAboveFeedback());

        DenseProjector projector = DenseProjector.gaussian(7, 3, 15);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        UniformRandomProvider rng = RandomStreams.of(16).stream("data");
        FMatrixRMaj input = Nets.uniform(6, 5, rng);
        dfa.step(Nets.batch(input, Nets.labels(6, 2, rng)));

        double[][] in = toDouble(input);
        double[][] y0 = denseTanh(in, d0);
        double[][] y1 = denseTanh(y0, d1);
        double[][] y2 = denseTanh(y1, d2);
        double[][] eOut = toDouble(dfa.outputGradient());
        // above the error point: true backprop, ∂W_head = e_outᵀ·h2, e = (e_out·W_head) ⊙ (1 − h2²), ∂W_2 = eᵀ·h1
        assertWeightGradient(eOut, y2, head);
        double[][] e = throughTanh(throughWeights(eOut, head), y2);
        assertMatrix(e, dfa.error(0), "the error at the error point");
        assertWeightGradient(e, y1, d2);
        // below: P = e·Bᵀ, δ_l = P[:, o_l : o_l + d_l] ⊙ f'(a_l), ∂W_l = δ_lᵀ·h_{l−1}
        FMatrixRMaj b = projector.matrix();
        FMatrixRMaj error = dfa.error(0);
        assertWeightGradient(throughTanh(projectedSlice(error, b, 4, 3), y1), y0, d1);
        assertWeightGradient(throughTanh(projectedSlice(error, b, 0, 4), y0), in, d0);
    }

    /** x (5) → Dense+Tanh (4, feedback) → Dense+Tanh (3, feedback and error point) → head Dense (2). */
    @Test
    void aFeedbackPointThatIsTheErrorPointReplacesItsOwnGradientByTheProjection() {
        RandomStreams s = RandomStreams.of(17);
        Dense d0 = new Dense("d0", 5, 4, s.stream("d0"), Nets.GEMM);
        Dense d1 = new Dense("d1", 4, 3, s.stream("d1"), Nets.GEMM);
        Dense head = new Dense("head", 3, 2, s.stream("head"), Nets.GEMM);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 5);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(d0, x)));
        Tensor h1 = g.error(g.feedback(g.apply(new Tanh("t1"), g.apply(d1, h0))));
        Graph net = g.build(g.apply(head, h1));
        assertEquals(List.of(new ProjectorShape(3, 7)),
                DirectFeedbackAlignment.projectorShapes(net, FeedbackLayout.SEPARATE));

        DenseProjector projector = DenseProjector.gaussian(7, 3, 18);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        UniformRandomProvider rng = RandomStreams.of(19).stream("data");
        FMatrixRMaj input = Nets.uniform(6, 5, rng);
        dfa.step(Nets.batch(input, Nets.labels(6, 2, rng)));

        double[][] in = toDouble(input);
        double[][] y0 = denseTanh(in, d0);
        double[][] y1 = denseTanh(y0, d1);
        double[][] eOut = toDouble(dfa.outputGradient());
        assertWeightGradient(eOut, y1, head);
        // e = ∂L/∂h1 = e_out·W_head is projected; h1's own block learns from its slice, not from e
        assertMatrix(throughWeights(eOut, head), dfa.error(0), "the error at the error point");
        FMatrixRMaj b = projector.matrix();
        FMatrixRMaj error = dfa.error(0);
        assertMatrix(projectedSlice(error, b, 4, 3), dfa.feedbackSignal(1), "the signal at the error point");
        assertWeightGradient(throughTanh(projectedSlice(error, b, 4, 3), y1), y0, d1);
        assertWeightGradient(throughTanh(projectedSlice(error, b, 0, 4), y0), in, d0);
    }

    @Test
    void callsTheProjectorOncePerBatch() {
        Graph net = Nets.mlp(5, 6, new int[] {5, 4, 3}, 3);
        CountingProjector projector = new CountingProjector(DenseProjector.gaussian(12, 3, 1));
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE);
        UniformRandomProvider rng = RandomStreams.of(6).stream("data");
        for (int step = 1; step <= 3; step++) {
            dfa.step(Nets.batch(7, 6, 3, rng));
            assertEquals(step, projector.calls);
            assertEquals(7, projector.lastRows);
        }
    }

    /** Two Dense-only blocks (4 and 3 wide): a block's bias gradient is the column sum of its signal. */
    private static double[] biasGradientsAfterStep(FeedbackLayout layout, FeedbackScale scale, DenseProjector p) {
        RandomStreams s = RandomStreams.of(12);
        Dense[] blocks = {new Dense("b0", 5, 4, s.stream("b0"), Nets.GEMM), new Dense("b1", 4, 3, s.stream("b1"),
                Nets.GEMM)};
        GraphBuilder g = Graph.builder();
        Tensor h = g.input("x", RowBatches.FEATURES, 5);
        for (Dense d : blocks) {
            h = g.feedback(g.apply(d, h));
        }
        Graph net = g.build(g.apply(new Dense("out", 3, 2, s.stream("out"), Nets.GEMM), h));
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, p, layout, scale);
        dfa.step(Nets.batch(6, 5, 2, RandomStreams.of(13).stream("data")));
        FMatrixRMaj proj = dfa.projection(0);
        double[] result = new double[7];
        for (int l = 0; l < 2; l++) {
            Dense d = blocks[l];
            for (int j = 0; j < d.outputWidth(); j++) {
                double expected = 0;
                for (int r = 0; r < proj.numRows; r++) {
                    expected += dfa.scaleFactor(0) * proj.get(r, dfa.feedbackOffset(l) + j);
                }
                double actual = d.bias().grad().get(0, j);
                assertEquals(expected, actual, FLOAT_TOLERANCE, layout + " block " + l + " unit " + j);
                result[l * 4 + j] = actual;
            }
        }
        return result;
    }

    @Test
    void sharedLayoutGivesEveryBlockTheFirstColumns() {
        biasGradientsAfterStep(FeedbackLayout.SHARED, FeedbackScale.NONE, DenseProjector.gaussian(4, 2, 3));
        Graph net = Nets.mlp(1, 5, new int[] {4, 3}, 2);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(4, 2, 3),
                FeedbackLayout.SHARED, FeedbackScale.NONE);
        assertEquals(0, dfa.feedbackOffset(0));
        assertEquals(0, dfa.feedbackOffset(1));
    }

    @Test
    void separateLayoutGivesEveryBlockItsOwnSlice() {
        biasGradientsAfterStep(FeedbackLayout.SEPARATE, FeedbackScale.NONE, DenseProjector.gaussian(7, 2, 3));
        Graph net = Nets.mlp(1, 5, new int[] {4, 3}, 2);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(7, 2, 3),
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        assertEquals(0, dfa.feedbackOffset(0));
        assertEquals(4, dfa.feedbackOffset(1));
    }

    @Test
    void inverseSqrtScaleDividesTheFeedbackBySqrtOfItsSize() {
        double[] plain = biasGradientsAfterStep(FeedbackLayout.SEPARATE, FeedbackScale.NONE,
                DenseProjector.gaussian(7, 2, 3));
        double[] scaled = biasGradientsAfterStep(FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE,
                DenseProjector.gaussian(7, 2, 3));
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] / Math.sqrt(7), scaled[i], FLOAT_TOLERANCE);
        }
    }

    @Test
    void projectorShapeFollowsTheLayout() {
        Graph net = Nets.mlp(1, 5, new int[] {4, 6, 3}, 2);
        assertEquals(List.of(new ProjectorShape(2, 6)),
                DirectFeedbackAlignment.projectorShapes(net, FeedbackLayout.SHARED));
        assertEquals(List.of(new ProjectorShape(2, 13)),
                DirectFeedbackAlignment.projectorShapes(net, FeedbackLayout.SEPARATE));
        Graph noBlocks = Nets.mlp(1, 5, new int[] {}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectFeedbackAlignment.projectorShapes(noBlocks, FeedbackLayout.SHARED));
        assertEquals("direct feedback alignment needs at least 1 feedback point in the model, got 0", e.getMessage());
    }

    @Test
    void rejectsAProjectorOfTheWrongDimensions() {
        Graph net = Nets.mlp(1, 5, new int[] {4, 3}, 2);
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(4, 2, 1),
                        FeedbackLayout.SEPARATE, FeedbackScale.NONE));
        assertEquals("the feedback projector must map 2 error values to 7 feedback values (SEPARATE layout), "
                + "got 2 inputs and 4 outputs", out.getMessage());
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(4, 3, 1),
                        FeedbackLayout.SHARED, FeedbackScale.NONE));
        assertEquals("the feedback projector must map 2 error values to 4 feedback values (SHARED layout), "
                + "got 3 inputs and 4 outputs", in.getMessage());
    }

    @Test
    void aNonFiniteLossProjectsNothingAndLeavesGradientsAtZero() {
        Graph net = Nets.mlp(5, 6, new int[] {5}, 3);
        CountingProjector projector = new CountingProjector(DenseProjector.gaussian(5, 3, 1));
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, projector,
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        UniformRandomProvider rng = RandomStreams.of(6).stream("data");
        FMatrixRMaj x = Nets.uniform(4, 6, rng);
        x.set(2, 1, Float.NaN);
        assertTrue(Double.isNaN(dfa.step(Nets.batch(x, Nets.labels(4, 3, rng)))));
        assertEquals(0, projector.calls);
        for (var p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                assertEquals(0f, p.grad().data[i], p.name());
            }
        }
    }
}

package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.opudfa.dfa.loss.MeanSquaredError;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.LinearMap;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.rng.RandomStreams;

class FeedbackAlignmentTest {

    /** Float GEMM results against a double hand computation with a handful of terms. */
    private static final double FLOAT_TOLERANCE = 1e-5;
    /** FA and BP hidden gradients differ by far more than rounding. */
    private static final double CLEARLY_DIFFERENT = 1e-3;

    @Test
    void sendsTheGradientThroughTheFixedMatrixNotTheWeights() {
        Graph net = Nets.mlp(2, 3, new int[] {4}, 2);
        FeedbackAlignment fa = new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(2).stream("feedback"));
        assertEquals(2, fa.linearMaps().size());
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        FMatrixRMaj x = Nets.uniform(5, 3, rng);
        Feed batch = Nets.batch(x, Nets.labels(5, 2, rng));
        fa.step(batch);

        Dense hidden = Nets.hidden(net, 0);
        Dense head = Nets.head(net);
        FMatrixRMaj h = net.value(net.feedbackPoints().get(0));
        FMatrixRMaj e = fa.outputGradient();
        FMatrixRMaj bHead = fa.feedbackMatrix(1);
        // δ = (e·B_head) ⊙ (1 − h²), ∂W_hidden = δᵀ·x, ∂W_head = eᵀ·h
        double[][] delta = new double[5][4];
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 2; k++) {
                    s += (double) e.get(r, k) * bHead.get(k, j);
                }
                delta[r][j] = s * (1 - (double) h.get(r, j) * h.get(r, j));
            }
        }
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 3; i++) {
                double expected = 0;
                for (int r = 0; r < 5; r++) {
                    expected += delta[r][j] * x.get(r, i);
                }
                assertEquals(expected, hidden.weight().grad().get(j, i), FLOAT_TOLERANCE);
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int r = 0; r < 5; r++) {
                    expected += (double) e.get(r, k) * h.get(r, j);
                }
                assertEquals(expected, head.weight().grad().get(k, j), FLOAT_TOLERANCE);
            }
        }

        FMatrixRMaj faGrad = hidden.weight().grad().copy();
        new Backpropagation(net, Nets.LOSS).step(batch);
        assertTrue(Nets.maxAbsDiff(faGrad, hidden.weight().grad()) > CLEARLY_DIFFERENT,
                "feedback alignment gave the backpropagation gradient");
    }

    @Test
    void leavesTheModelBackpropagatingThroughTheWeightsAfterAStep() {
        Graph net = Nets.mlp(2, 3, new int[] {4, 4}, 2);
        Graph twin = Nets.mlp(2, 3, new int[] {4, 4}, 2);
        Feed batch = Nets.batch(5, 3, 2, RandomStreams.of(3).stream("data"));
        new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(2).stream("feedback")).step(batch);
        new Backpropagation(net, Nets.LOSS).step(batch);
        new Backpropagation(twin, Nets.LOSS).step(batch);
        for (int i = 0; i < net.parameters().size(); i++) {
            assertArrayEquals(twin.parameters().get(i).grad().data, net.parameters().get(i).grad().data);
        }
    }

    @Test
    void sameStreamSameMatricesWithTheWeightScale() {
        Graph net = Nets.mlp(2, 9, new int[] {4}, 2);
        FeedbackAlignment a = new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(2).stream("feedback"));
        FeedbackAlignment b = new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(2).stream("feedback"));
        assertArrayEquals(a.feedbackMatrix(0).data, b.feedbackMatrix(0).data);
        double bound = 1.0 / Math.sqrt(9);
        for (float v : a.feedbackMatrix(0).data) {
            assertTrue(Math.abs(v) <= bound);
        }
    }

    @Test
    void rejectsAModelWithoutLinearMaps() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 3);
        Graph net = g.build(g.apply(new Tanh("tanh"), x));
        MeanSquaredError loss = new MeanSquaredError(RowBatches.FEATURES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackAlignment(net, loss, RandomStreams.of(1).stream("feedback")));
        assertEquals("feedback alignment needs at least 1 linear map (e.g. a dense layer) in the model, got 0",
                e.getMessage());
    }

    @Test
    void findsLinearMapsInsideNestedModulesOnceEach() {
        RandomStreams s = RandomStreams.of(3);
        Dense inner = new Dense("inner", 3, 4, s.stream("inner"), Nets.GEMM);
        Dense outer = new Dense("outer", 4, 4, s.stream("outer"), Nets.GEMM);
        Dense head = new Dense("out", 4, 2, s.stream("out"), Nets.GEMM);
        Chain block = new Chain("block", new Chain("innerBlock", inner, new Tanh("t0")), outer, new Tanh("t1"));
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 3);
        Tensor h = g.feedback(g.apply(block, x));
        // outer is applied again outside the block: it is still one linear map with one feedback matrix
        Graph net = g.build(g.apply(head, g.apply(outer, h)));
        FeedbackAlignment fa = new FeedbackAlignment(net, new MeanSquaredError(RowBatches.FEATURES),
                RandomStreams.of(2).stream("feedback"));
        assertEquals(List.<LinearMap>of(inner, outer, head), fa.linearMaps());
        assertTrue(new Tanh("t").children().isEmpty());
    }
}

package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.loss.MeanSquaredError;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Sequential;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.rng.RandomStreams;

class FeedbackAlignmentTest {

    /** Float GEMM results against a double hand computation with a handful of terms. */
    private static final double FLOAT_TOLERANCE = 1e-5;
    /** FA and BP hidden gradients differ by far more than rounding. */
    private static final double CLEARLY_DIFFERENT = 1e-3;

    @Test
    void sendsTheGradientThroughTheFixedMatrixNotTheWeights() {
        Network net = Nets.mlp(2, 3, new int[] {4}, 2);
        FeedbackAlignment fa = new FeedbackAlignment(net, RandomStreams.of(2).stream("feedback"));
        assertEquals(2, fa.denseLayers().size());
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        FMatrixRMaj x = Nets.uniform(5, 3, rng);
        FMatrixRMaj t = Nets.oneHot(5, 2, rng);
        fa.step(x, t);

        Dense hidden = Nets.dense(net.blocks().get(0), 0);
        Dense head = (Dense) net.head();
        FMatrixRMaj h = net.blockOutput(0);
        FMatrixRMaj e = fa.error();
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
        new Backpropagation(net).step(x, t);
        assertTrue(Nets.maxAbsDiff(faGrad, hidden.weight().grad()) > CLEARLY_DIFFERENT,
                "feedback alignment gave the backpropagation gradient");
    }

    @Test
    void leavesTheNetworkBackpropagatingThroughTheWeightsAfterAStep() {
        Network net = Nets.mlp(2, 3, new int[] {4, 4}, 2);
        Network twin = Nets.mlp(2, 3, new int[] {4, 4}, 2);
        UniformRandomProvider rng = RandomStreams.of(3).stream("data");
        FMatrixRMaj x = Nets.uniform(5, 3, rng);
        FMatrixRMaj t = Nets.oneHot(5, 2, rng);
        new FeedbackAlignment(net, RandomStreams.of(2).stream("feedback")).step(x, t);
        new Backpropagation(net).step(x, t);
        new Backpropagation(twin).step(x, t);
        for (int i = 0; i < net.parameters().size(); i++) {
            assertArrayEquals(twin.parameters().get(i).grad().data, net.parameters().get(i).grad().data);
        }
    }

    @Test
    void sameStreamSameMatricesWithTheWeightScale() {
        Network net = Nets.mlp(2, 9, new int[] {4}, 2);
        FeedbackAlignment a = new FeedbackAlignment(net, RandomStreams.of(2).stream("feedback"));
        FeedbackAlignment b = new FeedbackAlignment(net, RandomStreams.of(2).stream("feedback"));
        assertArrayEquals(a.feedbackMatrix(0).data, b.feedbackMatrix(0).data);
        double bound = 1.0 / Math.sqrt(9);
        for (float v : a.feedbackMatrix(0).data) {
            assertTrue(Math.abs(v) <= bound);
        }
    }

    @Test
    void rejectsANetworkWithoutDenseLayers() {
        Network net = new Network(3, List.<Layer>of(new Tanh()), new Tanh(), new MeanSquaredError());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackAlignment(net, RandomStreams.of(1).stream("feedback")));
        assertEquals("feedback alignment needs at least 1 dense layer in the network, got 0", e.getMessage());
    }

    @Test
    void findsDenseLayersInsideNestedBlocks() {
        RandomStreams s = RandomStreams.of(3);
        Dense inner = new Dense("inner", 3, 4, s.stream("inner"), Nets.GEMM);
        Dense outer = new Dense("outer", 4, 4, s.stream("outer"), Nets.GEMM);
        Dense head = new Dense("out", 4, 2, s.stream("out"), Nets.GEMM);
        Layer block = Sequential.of(Sequential.of(inner, new Tanh()), outer, new Tanh());
        Network net = new Network(3, List.of(block), head, new MeanSquaredError());
        FeedbackAlignment fa = new FeedbackAlignment(net, RandomStreams.of(2).stream("feedback"));
        assertEquals(List.of(inner, outer, head), fa.denseLayers());
        assertTrue(new Tanh().children().isEmpty());
    }
}

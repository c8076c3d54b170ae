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
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.rng.RandomStreams;

/** Gradient alignment is measured per feedback point, over the parameters that learn from it, taken together. */
class AlignmentTest {

    /** Cosine of two float gradients that agree to float rounding. */
    private static final double COSINE_TOLERANCE = 1e-5;

    private final UniformRandomProvider rng = RandomStreams.of(17).stream("data");
    private final Feed batch = Nets.batch(8, 6, 3, rng);

    @Test
    void isOneWhereDfaEqualsBackpropagation() {
        Graph net = Nets.mlp(3, 6, new int[] {5}, 3);
        FMatrixRMaj wOut = Nets.head(net).weight().value();
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS,
                DenseProjector.of(Nets.transpose(wOut), Nets.GEMM), FeedbackLayout.SHARED, FeedbackScale.NONE);
        dfa.step(batch);
        double[] cos = new double[1];
        dfa.measureAlignment(cos);
        assertEquals(1.0, cos[0], COSINE_TOLERANCE);
    }

    @Test
    void isACosineAndLeavesTheStepGradientsAlone() {
        Graph net = Nets.mlp(3, 6, new int[] {5, 4}, 3);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(9, 3, 5),
                FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE);
        dfa.step(batch);
        List<float[]> before = net.parameters().stream().map(p -> p.grad().data.clone()).toList();
        double[] cos = new double[2];
        dfa.measureAlignment(cos);
        for (double c : cos) {
            assertTrue(c >= -1 && c <= 1, "cosine " + c);
        }
        // the top block's weights get a random signal: not the BP direction
        assertTrue(cos[1] < 1 - COSINE_TOLERANCE, "cosine " + cos[1]);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), net.parameters().get(i).grad().data);
        }
    }

    @Test
    void feedbackAlignmentIsACosine() {
        Graph net = Nets.mlp(3, 6, new int[] {5, 4}, 3);
        FeedbackAlignment fa = new FeedbackAlignment(net, Nets.LOSS, RandomStreams.of(4).stream("feedback"));
        fa.step(batch);
        double[] cos = new double[2];
        fa.measureAlignment(cos);
        for (double c : cos) {
            assertTrue(c >= -1 && c <= 1 && c < 1 - COSINE_TOLERANCE, "cosine " + c);
        }
    }

    @Test
    void backpropagationIsAlignedAtEveryPointAndShallowIsNot() {
        Graph net = Nets.mlp(3, 6, new int[] {5, 4, 3}, 3);
        double[] cos = new double[3];
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        bp.step(batch);
        bp.measureAlignment(cos);
        for (double c : cos) {
            assertEquals(1.0, c, COSINE_TOLERANCE);
        }
        Shallow shallow = new Shallow(net, Nets.LOSS);
        shallow.step(batch);
        shallow.measureAlignment(cos);
        for (double c : cos) {
            assertEquals(0.0, c, 0.0);
        }
    }

    /**
     * Block 0: Dense(6→5)+Tanh; block 1: Dense(5→4)+ReLU+Dense(4→4)+Tanh, two linear layers learning
     * from one feedback point; head Dense(4→3).
     */
    private static Graph twoLayerSegmentNet() {
        RandomStreams s = RandomStreams.of(23);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 6);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(new Dense("b0", 6, 5, s.stream("b0"), Nets.GEMM), x)));
        Tensor a = g.apply(new ReLU("r1"), g.apply(new Dense("b1a", 5, 4, s.stream("b1a"), Nets.GEMM), h0));
        Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(new Dense("b1b", 4, 4, s.stream("b1b"), Nets.GEMM), a)));
        return g.build(g.apply(new Dense("out", 4, 3, s.stream("out"), Nets.GEMM), h1));
    }

    @Test
    void dfaAlignmentPerPointIsTheCosineOverTheSegmentParametersTakenTogether() {
        Graph net = twoLayerSegmentNet();
        Graph twin = twoLayerSegmentNet();
        assertEquals(List.of("b0.weight", "b0.bias"), names(net.segmentParameters(0)));
        assertEquals(List.of("b1a.weight", "b1a.bias", "b1b.weight", "b1b.bias"), names(net.segmentParameters(1)));
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.gaussian(9, 3, 7),
                FeedbackLayout.SEPARATE, FeedbackScale.NONE);
        dfa.step(batch);
        double[] cos = new double[2];
        dfa.measureAlignment(cos);
        new Backpropagation(twin, Nets.LOSS).step(batch);
        for (int l = 0; l < 2; l++) {
            double dot = 0;
            double uu = 0;
            double gg = 0;
            List<Parameter> mine = net.segmentParameters(l);
            List<Parameter> exact = twin.segmentParameters(l);
            for (int i = 0; i < mine.size(); i++) {
                float[] u = mine.get(i).grad().data;
                float[] g = exact.get(i).grad().data;
                for (int j = 0; j < mine.get(i).size(); j++) {
                    dot += (double) u[j] * g[j];
                    uu += (double) u[j] * u[j];
                    gg += (double) g[j] * g[j];
                }
            }
            double byHand = dot / Math.sqrt(uu * gg);
            assertEquals(byHand, cos[l], COSINE_TOLERANCE, "feedback point " + l);
            assertTrue(Math.abs(cos[l]) < 1 - COSINE_TOLERANCE, "a random feedback is not the gradient: " + cos[l]);
        }
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    @Test
    void needsAFreshStepAndRoomForTheResults() {
        Graph net = Nets.mlp(3, 6, new int[] {5}, 3);
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> bp.measureAlignment(new double[1]));
        assertEquals("bp has not run a step yet", none.getMessage());
        bp.step(batch);
        IllegalArgumentException room = assertThrows(IllegalArgumentException.class,
                () -> bp.measureAlignment(new double[0]));
        assertEquals("cosines must have room for 1 feedback points, got length 0", room.getMessage());
        net.forward(batch, false);
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> bp.measureAlignment(new double[1]));
        assertEquals("the model ran another forward pass after the last bp step; measure the alignment right "
                + "after the step", stale.getMessage());
    }
}

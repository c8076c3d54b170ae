package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.GraphBuilder;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Feedback points cut the backward pass: under the shallow rule only what lies above them learns,
 * and under DFA the parameters below a point learn from that point's signal alone.
 */
class FeedbackCutTest {

    private static final int ERROR_WIDTH = 3;
    /** Feedback widths 5 and 4, laid out one after the other (SEPARATE). */
    private static final int PROJECTION_WIDTH = 9;

    /**
     * x (6) → Dense+Tanh (5) → a: feedback; a → Dense+ReLU (4) → Dense+Tanh (4), plus that ReLU's output
     * (residual): feedback; → Dense (3): error point → Tanh → head Dense (2).
     */
    private static Graph model(long seed) {
        RandomStreams s = RandomStreams.of(seed);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", RowBatches.FEATURES, 6);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(new Dense("d0", 6, 5, s.stream("d0"), Nets.GEMM), x)));
        Tensor r = g.apply(new ReLU("r1"), g.apply(new Dense("d1a", 5, 4, s.stream("d1a"), Nets.GEMM), h0));
        Tensor t = g.apply(new Tanh("t1"), g.apply(new Dense("d1b", 4, 4, s.stream("d1b"), Nets.GEMM), r));
        Tensor h1 = g.feedback(g.apply(new Add("res"), t, r));
        Tensor e = g.error(g.apply(new Dense("d2", 4, ERROR_WIDTH, s.stream("d2"), Nets.GEMM), h1));
        return g.build(g.apply(new Dense("head", ERROR_WIDTH, 2, s.stream("head"), Nets.GEMM),
                g.apply(new Tanh("t2"), e)));
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    private static boolean isZero(Parameter p) {
        for (int i = 0; i < p.size(); i++) {
            if (p.grad().data[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Test
    void shallowTrainsExactlyWhatLiesAboveTheFeedbackPointsWithItsTrueGradient() {
        Graph net = model(3);
        Graph twin = model(3);
        assertEquals(List.of("d2.weight", "d2.bias", "head.weight", "head.bias"), names(net.parametersAboveFeedback()));
        Shallow shallow = new Shallow(net, Nets.LOSS);
        assertEquals(net.parametersAboveFeedback(), shallow.trainedParameters());
        Feed batch = Nets.batch(7, 6, 2, RandomStreams.of(4).stream("data"));
        shallow.step(batch);
        new Backpropagation(twin, Nets.LOSS).step(batch);
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter p = net.parameters().get(i);
            if (shallow.trainedParameters().contains(p)) {
                assertFalse(isZero(p), p.name() + " did not learn");
                assertArrayEquals(twin.parameters().get(i).grad().data, p.grad().data, p.name());
            } else {
                assertTrue(isZero(p), p.name() + " got a gradient");
            }
        }
    }

    @Test
    void anOutputThatIsAFeedbackPointLeavesNothingAboveTheFeedbackPoints() {
        RandomStreams s = RandomStreams.of(5);
        GraphBuilder g = Graph.builder();
        Tensor h = g.feedback(g.apply(new Tanh("t0"), g.apply(new Dense("d0", 6, 5, s.stream("d0"), Nets.GEMM),
                g.input("x", RowBatches.FEATURES, 6))));
        Graph net = g.build(g.feedback(g.apply(new Dense("out", 5, 2, s.stream("out"), Nets.GEMM), h)));
        assertEquals(List.of("out.weight", "out.bias"), names(net.segmentParameters(1)));
        assertEquals(List.of(), net.parametersAboveFeedback(), "the output's gradient is replaced: none is true");
        Shallow shallow = new Shallow(net, Nets.LOSS);
        shallow.step(Nets.batch(4, 6, 2, RandomStreams.of(6).stream("data")));
        for (Parameter p : net.parameters()) {
            assertTrue(isZero(p), p.name() + " got a gradient");
        }
    }

    /** A projection matrix (PROJECTION_WIDTH × ERROR_WIDTH) with the rows of point {@code silent}'s slice zero. */
    private static FMatrixRMaj silencing(int silent, UniformRandomProvider rng) {
        FMatrixRMaj b = Nets.uniform(PROJECTION_WIDTH, ERROR_WIDTH, rng);
        int from = silent == 0 ? 0 : 5;
        int to = silent == 0 ? 5 : PROJECTION_WIDTH;
        for (int row = from; row < to; row++) {
            for (int k = 0; k < ERROR_WIDTH; k++) {
                b.set(row, k, 0f);
            }
        }
        return b;
    }

    @Test
    void underDfaNothingCrossesAFeedbackPoint() {
        Feed batch = Nets.batch(7, 6, 2, RandomStreams.of(8).stream("data"));
        for (int silent = 0; silent < 2; silent++) {
            Graph net = model(7);
            FMatrixRMaj b = silencing(silent, RandomStreams.of(9).stream("feedback"));
            DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, Nets.LOSS, DenseProjector.of(b, Nets.GEMM),
                    FeedbackLayout.SEPARATE, FeedbackScale.NONE);
            dfa.step(batch);
            for (int l = 0; l < 2; l++) {
                for (Parameter p : net.segmentParameters(l)) {
                    // a silent point's parameters learn nothing, whatever the other point's signal
                    assertEquals(l == silent, isZero(p), p.name() + " with point " + silent + " silent");
                }
            }
            for (Parameter p : net.parametersAboveFeedback()) {
                assertFalse(isZero(p), p.name() + " learns from the true gradient");
            }
        }
    }

    @Test
    void theSegmentsAndWhatLiesAboveCoverEveryParameterOnce() {
        Graph net = model(3);
        assertEquals(List.of("d0.weight", "d0.bias"), names(net.segmentParameters(0)));
        assertEquals(List.of("d1a.weight", "d1a.bias", "d1b.weight", "d1b.bias"), names(net.segmentParameters(1)));
        List<String> all = new java.util.ArrayList<>(names(net.segmentParameters(0)));
        all.addAll(names(net.segmentParameters(1)));
        all.addAll(names(net.parametersAboveFeedback()));
        assertEquals(names(net.parameters()), all);
    }
}

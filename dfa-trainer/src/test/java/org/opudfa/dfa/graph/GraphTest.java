package org.opudfa.dfa.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GELU;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.LayerNorm;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.Sigmoid;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** Shape inference, naming, parameters and passes of a model graph. */
class GraphTest {

    private static final Gemm GEMM = Gemm.singleThreaded();
    private static final RandomStreams STREAMS = RandomStreams.of(5);
    private static final Feed.Key<FMatrixRMaj> X = Feed.Key.of("x", FMatrixRMaj.class);

    private static Dense dense(String name, int in, int out) {
        return new Dense(name, in, out, STREAMS.stream(name), GEMM);
    }

    /** x (6) → h0: Dense+Tanh (5, feedback) → h1: Dense+Tanh (4, feedback) → out: Dense (3). */
    private static Graph twoBlocks() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 6);
        Tensor h0 = g.feedback(g.apply(new Tanh("t0"), g.apply(dense("h0", 6, 5), x)));
        Tensor h1 = g.feedback(g.apply(new Tanh("t1"), g.apply(dense("h1", 5, 4), h0)));
        return g.build(g.apply(dense("out", 4, 3), h1));
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    @Test
    void infersFeedbackWidthsAndSplitsParameters() {
        Graph net = twoBlocks();
        assertEquals(List.of("t0", "t1"), net.feedbackPoints().stream().map(Tensor::name).toList());
        assertEquals(5, net.feedbackPoints().get(0).width());
        assertEquals(4, net.feedbackPoints().get(1).width());
        assertEquals(3, net.output().width());
        assertSame(net.output(), net.errorPoint(0), "the error point is the output unless marked");
        assertEquals(List.of("x", "h0", "t0", "h1", "t1", "out"), net.tensors().stream().map(Tensor::name).toList());
        assertSame(net.tensors().get(3), net.tensor("h1"));
        assertEquals(List.of("h0.weight", "h0.bias"), names(net.segmentParameters(0)));
        assertEquals(List.of("h1.weight", "h1.bias"), names(net.segmentParameters(1)));
        assertEquals(List.of("out.weight", "out.bias"), names(net.parametersAboveFeedback()));
        assertEquals(List.of("h0.weight", "h0.bias", "h1.weight", "h1.bias", "out.weight", "out.bias"),
                names(net.parameters()));
        assertEquals(List.of("h0", "t0", "h1", "t1", "out"), net.modules().stream().map(m -> m.name()).toList());

        FMatrixRMaj y = net.forward(new Feed().put(X, new FMatrixRMaj(2, 6)), false);
        assertEquals(2, y.numRows);
        assertEquals(3, y.numCols);
        assertEquals(1, net.forwardPasses());
        assertSame(y, net.value(net.output()));
        assertEquals(2, net.value(net.tensor("t0")).numRows);
        assertEquals(5, net.value(net.tensor("t0")).numCols);
    }

    @Test
    void rejectsBadInputAndModulesThatDoNotFit() {
        Graph net = twoBlocks();
        IllegalStateException before = assertThrows(IllegalStateException.class, () -> net.value(net.tensor("t0")));
        assertEquals("tensor t0 has no value before the first forward pass", before.getMessage());
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new Feed().put(X, new FMatrixRMaj(2, 7)), true));
        assertEquals("model input x must have 6 columns, got 7", in.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new Feed(), true));
        assertEquals("the batch has no input 'x' (a FMatrixRMaj); it holds []", missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> net.tensor("t2"));
        assertEquals("the model has no tensor 't2'", unknown.getMessage());

        GraphBuilder g = Graph.builder();
        Tensor h = g.apply(dense("h0", 6, 5), g.input("x", X, 6));
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> g.apply(dense("out", 4, 3), h));
        assertEquals("dense layer 'out' takes inputs of width 4, got 5", fit.getMessage());

        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder().input("x", X, 0));
        assertEquals("model input x must have at least 1 column, got 0", width.getMessage());
    }

    /** A module that applies another under a second name: its parameters keep the inner module's names. */
    private static final class Alias extends UnaryModule {
        private final UnaryModule inner;

        Alias(String name, UnaryModule inner) {
            super(name);
            this.inner = inner;
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inner.outputWidth(inputWidth);
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public UnaryCall newCall() {
            return inner.newCall();
        }
    }

    @Test
    void parameterNamesMustBeUniqueButOneParameterMayBeReachedTwice() {
        GraphBuilder g = Graph.builder();
        Dense h = dense("h", 5, 5);
        Tensor a = g.apply(h, g.input("x", X, 5));
        Tensor b = g.apply(new Alias("other", dense("h", 5, 5)), a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.build(b));
        assertEquals("parameter names must be unique within a model, but 'h.weight' appears more than once",
                e.getMessage());

        GraphBuilder shared = Graph.builder();
        Tensor c = shared.apply(h, shared.input("x", X, 5));
        Graph net = shared.build(shared.apply(new Alias("same", h), c));
        assertEquals(List.of("h.weight", "h.bias"), names(net.parameters()));
    }

    @Test
    void chainGradientsMatchFiniteDifferencesAndParametersComeInOrderOfUse() {
        GraphBuilder g = Graph.builder();
        Tensor h = g.input("x", X, 4);
        h = g.apply(new Tanh("t"), g.apply(dense("a", 4, 6), h));
        h = g.apply(new GELU("gelu"), g.apply(new LayerNorm("ln", 5), g.apply(dense("b", 6, 5), h)));
        Graph net = g.build(g.apply(new Sigmoid("s"), g.apply(dense("c", 5, 3), h)));
        assertEquals(List.of("a.weight", "a.bias", "b.weight", "b.bias", "ln.gain", "ln.bias", "c.weight", "c.bias"),
                names(net.parameters()));
        RandomStreams streams = RandomStreams.of(21);
        Feed batch = new Feed().put(X, GradientCheck.uniform(3, 4, streams.stream("data")));
        GradientCheck.check(net, batch, () -> { }, streams.stream("probe"));
    }
}

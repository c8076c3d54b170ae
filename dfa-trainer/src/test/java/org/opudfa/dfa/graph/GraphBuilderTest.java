package org.opudfa.dfa.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** Every way a model can be declared wrong gets one clear message, when it is declared or built. */
class GraphBuilderTest {

    private static final Gemm GEMM = Gemm.singleThreaded();
    private static final RandomStreams STREAMS = RandomStreams.of(9);
    private static final Feed.Key<FMatrixRMaj> X = Feed.Key.of("x", FMatrixRMaj.class);

    private static Dense dense(String name, int in, int out) {
        return new Dense(name, in, out, STREAMS.stream(name), GEMM);
    }

    private static String message(Runnable declaration) {
        return assertThrows(IllegalArgumentException.class, declaration::run).getMessage();
    }

    @Test
    void aFeedbackPointMustLieBelowTheErrorPoint() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        Tensor h = g.apply(new Tanh("t0"), g.apply(dense("d0", 4, 3), x));
        Tensor d1 = g.apply(dense("d1", 3, 3), h);
        Tensor out = g.feedback(g.apply(new Tanh("top"), d1));
        g.error(d1);
        assertEquals("feedback point top must lie below the error point d1 (the error is projected before any "
                + "feedback point is reached)", message(() -> g.build(out)));

        // a side branch that does not lead to the error point is not below it either
        GraphBuilder b = Graph.builder();
        Tensor y = b.input("x", X, 4);
        Tensor side = b.feedback(b.apply(new Tanh("side"), y));
        Tensor main = b.apply(dense("main", 4, 2), y);
        b.apply(new Tanh("unused"), side);
        assertEquals("feedback point side must lie below the error point main (the error is projected before any "
                + "feedback point is reached)", message(() -> b.build(main)));
    }

    @Test
    void aModelInputCannotBeAFeedbackPoint() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.feedback(g.input("x", X, 4));
        Tensor out = g.apply(dense("d", 4, 2), x);
        assertEquals("feedback point x is a model input: nothing below it could learn from the feedback",
                message(() -> g.build(out)));
    }

    @Test
    void theErrorPointMustLieOnTheWayToTheOutput() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        Tensor aside = g.error(g.apply(new Tanh("aside"), x));
        Tensor out = g.apply(dense("d", 4, 2), x);
        assertEquals("the error point aside must lie on the way to the output d", message(() -> g.build(out)));
        assertEquals(4, aside.width());
    }

    @Test
    void tensorNamesMustBeUnique() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        assertEquals("the model already has a tensor named 'x'", message(() -> g.input("x", X, 4)));
        // a module's output is named after the module
        assertEquals("the model already has a tensor named 'x'", message(() -> g.apply(new Tanh("x"), x)));
        Tensor a = g.apply(new Tanh("t"), x);
        assertEquals("the model already has a tensor named 't'", message(() -> g.apply(new Tanh("t"), a)));
        // one module applied again gets numbered outputs
        Tanh twice = new Tanh("twice");
        Tensor first = g.apply(twice, a);
        Tensor second = g.apply(twice, first);
        assertEquals("twice", first.name());
        assertEquals("twice#2", second.name());
        g.feedback(second);
        assertEquals("tensor twice#2 is already a feedback point", message(() -> g.feedback(second)));
    }

    @Test
    void tensorsOfAnotherModelAreRefused() {
        GraphBuilder other = Graph.builder();
        Tensor foreign = other.apply(new Tanh("t"), other.input("x", X, 4));
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        // same id, name and width as one of this model's tensors: still not one of them
        Tensor lookalike = new Tensor(x.id(), x.name(), x.width());
        assertEquals("input 0 of d is not a tensor of this model", message(() -> g.apply(dense("d", 4, 2), foreign)));
        assertEquals("input 1 of sum is not a tensor of this model",
                message(() -> g.apply(new Add("sum"), x, lookalike)));
        assertEquals("feedback point t is not a tensor of this model", message(() -> g.feedback(foreign)));
        assertEquals("error point t is not a tensor of this model", message(() -> g.error(foreign)));
        assertEquals("output x is not a tensor of this model", message(() -> g.build(lookalike)));
    }

    @Test
    void widthsMustFit() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        Tensor y = g.apply(dense("d", 4, 3), x);
        assertEquals("dense layer 'e' takes inputs of width 3, got 4", message(() -> g.apply(dense("e", 3, 2), x)));
        assertEquals("sum 'res' takes inputs of one width, got [4, 3]", message(() -> g.apply(new Add("res"), x, y)));
        assertEquals("sum 'res' takes at least 2 inputs, got 1", message(() -> g.apply(new Add("res"), x)));
        assertEquals("concatenation 'cat' takes at least 2 inputs, got 1", message(() -> g.apply(new Concat("cat"), x)));
        assertEquals("t takes 1 input, got 2", message(() -> g.apply(new Tanh("t"), x, y)));
        assertEquals(7, g.apply(new Concat("cat"), x, y).width());
    }

    @Test
    void aBuilderBuildsOnce() {
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 4);
        g.build(g.apply(new Tanh("t"), x));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.apply(new Tanh("u"), x));
        assertEquals("this graph builder has already built its graph", e.getMessage());
    }
}

package org.opudfa.dfa.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.Add;
import org.opudfa.dfa.nn.Concat;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.Sigmoid;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Backward through graphs that are not chains, against finite differences ({@link GradientCheck}):
 * a module applied twice (tied weights), a concatenation, a residual sum.
 */
class GraphGradientTest {

    /** Two float routes to the same sums of a few terms of size ≤ 1 agree to this. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final Gemm GEMM = Gemm.singleThreaded();
    private static final Feed.Key<FMatrixRMaj> X = Feed.Key.of("x", FMatrixRMaj.class);
    private static final Runnable NOTHING = () -> { };

    private static Dense dense(RandomStreams streams, String name, int in, int out) {
        return new Dense(name, in, out, streams.stream(name), GEMM);
    }

    private static Feed batch(int rows, int width, UniformRandomProvider rng) {
        return new Feed().put(X, GradientCheck.uniform(rows, width, rng));
    }

    /** x (4) → shared Dense → tanh → the same Dense → tanh → head (3). */
    private static Graph tied(RandomStreams streams) {
        GraphBuilder g = Graph.builder();
        Dense shared = dense(streams, "shared", 4, 4);
        Tensor h = g.apply(new Tanh("t1"), g.apply(shared, g.input("x", X, 4)));
        h = g.apply(new Tanh("t2"), g.apply(shared, h));
        return g.build(g.apply(dense(streams, "head", 4, 3), h));
    }

    @Test
    void tiedWeightsGetTheSumOverBothApplications() {
        RandomStreams streams = RandomStreams.of(41);
        Graph model = tied(streams);
        assertEquals(4, model.parameters().size(), "the shared layer's parameters count once");
        Feed batch = batch(3, 4, streams.stream("data"));
        GradientCheck.check(model, batch, NOTHING, streams.stream("probe"));

        // the same model with two separate layers holding the same values: ∂W_tied = ∂W_1 + ∂W_2
        RandomStreams again = RandomStreams.of(41);
        Dense shared = dense(again, "shared", 4, 4);
        Dense copy = new Dense("copy", 4, 4, again.stream("unused"), GEMM);
        copy.weight().value().setTo(shared.weight().value());
        copy.bias().value().setTo(shared.bias().value());
        GraphBuilder g = Graph.builder();
        Tensor h = g.apply(new Tanh("t1"), g.apply(shared, g.input("x", X, 4)));
        h = g.apply(new Tanh("t2"), g.apply(copy, h));
        Graph untied = g.build(g.apply(dense(again, "head", 4, 3), h));

        FMatrixRMaj r = GradientCheck.uniform(3, 3, streams.stream("r"));
        for (Graph m : new Graph[] {model, untied}) {
            m.forward(batch, true);
            m.zeroGrad();
            m.backward(r, false, null);
        }
        for (int p = 0; p < 2; p++) {
            Parameter tiedP = model.parameters().get(p);
            FMatrixRMaj first = untied.parameters().get(p).grad();
            FMatrixRMaj second = copy.parameters().get(p).grad();
            for (int i = 0; i < tiedP.size(); i++) {
                assertEquals(first.data[i] + second.data[i], tiedP.grad().data[i], FLOAT_TOLERANCE, tiedP.name());
            }
        }
    }

    @Test
    void concatenationSplitsTheGradientByColumns() {
        RandomStreams streams = RandomStreams.of(42);
        GraphBuilder g = Graph.builder();
        Tensor x = g.input("x", X, 3);
        Tensor a = g.apply(new Tanh("a"), g.apply(dense(streams, "da", 3, 4), x));
        Tensor b = g.apply(new Sigmoid("b"), g.apply(dense(streams, "db", 3, 2), x));
        // the model input takes part too, and a tensor may appear twice
        Tensor cat = g.apply(new Concat("cat"), a, x, b, a);
        assertEquals(13, cat.width());
        Graph model = g.build(g.apply(dense(streams, "head", 13, 2), cat));
        GradientCheck.check(model, batch(4, 3, streams.stream("data")), NOTHING, streams.stream("probe"));

        UniformRandomProvider rng = streams.stream("module");
        GradientCheck.check(new Concat("cat"), new FMatrixRMaj[] {GradientCheck.uniform(3, 2, rng),
                GradientCheck.uniform(3, 1, rng), GradientCheck.uniform(3, 4, rng)}, NOTHING, rng);
    }

    @Test
    void residualSumSendsTheGradientDownBothPaths() {
        RandomStreams streams = RandomStreams.of(43);
        GraphBuilder g = Graph.builder();
        Tensor a = g.apply(dense(streams, "d0", 4, 5), g.input("x", X, 4));
        Tensor h = g.apply(new Tanh("t1"), g.apply(dense(streams, "d1", 5, 5), a));
        Tensor res = g.apply(new Add("res"), h, a);
        // a sum of a tensor with itself doubles it
        Tensor twice = g.apply(new Add("twice"), res, res);
        Graph model = g.build(g.apply(dense(streams, "head", 5, 2), g.apply(new Tanh("t2"), twice)));
        GradientCheck.check(model, batch(3, 4, streams.stream("data")), NOTHING, streams.stream("probe"));

        UniformRandomProvider rng = streams.stream("module");
        GradientCheck.check(new Add("sum"), new FMatrixRMaj[] {GradientCheck.uniform(2, 3, rng),
                GradientCheck.uniform(2, 3, rng), GradientCheck.uniform(2, 3, rng)}, NOTHING, rng);
    }
}

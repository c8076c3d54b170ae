package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

class ShallowTest {

    private static final float LEARNING_RATE = 0.5f;

    private static List<Parameter> below(Graph net) {
        return net.parameters().stream().filter(p -> !net.parametersAboveFeedback().contains(p)).toList();
    }

    @Test
    void onlyTheHeadLearns() {
        Graph net = Nets.mlp(4, 6, new int[] {5, 4}, 3);
        Shallow shallow = new Shallow(net, Nets.LOSS);
        assertEquals(Nets.head(net).parameters(), shallow.trainedParameters());
        List<Parameter> hidden = below(net);
        assertEquals(4, hidden.size());
        List<float[]> hiddenBefore = hidden.stream().map(p -> p.value().data.clone()).toList();
        float[] headBefore = Nets.head(net).weight().value().data.clone();
        UniformRandomProvider rng = RandomStreams.of(5).stream("data");
        for (int step = 0; step < 20; step++) {
            shallow.step(Nets.batch(8, 6, 3, rng));
            for (Parameter p : hidden) {
                assertArrayEquals(new float[p.size()], java.util.Arrays.copyOf(p.grad().data, p.size()),
                        p.name() + " got a gradient");
            }
            // even an optimizer that updates every parameter leaves the hidden ones unchanged
            Nets.sgd(net.parameters(), LEARNING_RATE);
        }
        for (int i = 0; i < hiddenBefore.size(); i++) {
            assertArrayEquals(hiddenBefore.get(i), hidden.get(i).value().data);
        }
        assertFalse(java.util.Arrays.equals(headBefore, Nets.head(net).weight().value().data),
                "the head did not learn");
    }

    @Test
    void headGradientIsTheBackpropagationOne() {
        Graph net = Nets.mlp(4, 6, new int[] {5}, 3);
        Graph twin = Nets.mlp(4, 6, new int[] {5}, 3);
        Feed batch = Nets.batch(8, 6, 3, RandomStreams.of(5).stream("data"));
        new Shallow(net, Nets.LOSS).step(batch);
        new Backpropagation(twin, Nets.LOSS).step(batch);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(Nets.head(twin).parameters().get(i).grad().data,
                    Nets.head(net).parameters().get(i).grad().data);
        }
    }
}

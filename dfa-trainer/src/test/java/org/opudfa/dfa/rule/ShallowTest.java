package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

class ShallowTest {

    private static final float LEARNING_RATE = 0.5f;

    @Test
    void onlyTheHeadLearns() {
        Network net = Nets.mlp(4, 6, new int[] {5, 4}, 3);
        Shallow shallow = new Shallow(net);
        assertEquals(net.headParameters(), shallow.trainedParameters());
        List<float[]> hiddenBefore = net.hiddenParameters().stream().map(p -> p.value().data.clone()).toList();
        float[] headBefore = net.headParameters().get(0).value().data.clone();
        UniformRandomProvider rng = RandomStreams.of(5).stream("data");
        for (int step = 0; step < 20; step++) {
            shallow.step(Nets.uniform(8, 6, rng), Nets.oneHot(8, 3, rng));
            for (Parameter p : net.hiddenParameters()) {
                assertArrayEquals(new float[p.size()], java.util.Arrays.copyOf(p.grad().data, p.size()),
                        p.name() + " got a gradient");
            }
            // even an optimizer that updates every parameter leaves the hidden ones unchanged
            Nets.sgd(net.parameters(), LEARNING_RATE);
        }
        for (int i = 0; i < hiddenBefore.size(); i++) {
            assertArrayEquals(hiddenBefore.get(i), net.hiddenParameters().get(i).value().data);
        }
        assertFalse(java.util.Arrays.equals(headBefore, net.headParameters().get(0).value().data),
                "the head did not learn");
    }

    @Test
    void headGradientIsTheBackpropagationOne() {
        Network net = Nets.mlp(4, 6, new int[] {5}, 3);
        Network twin = Nets.mlp(4, 6, new int[] {5}, 3);
        UniformRandomProvider rng = RandomStreams.of(5).stream("data");
        FMatrixRMaj x = Nets.uniform(8, 6, rng);
        FMatrixRMaj t = Nets.oneHot(8, 3, rng);
        new Shallow(net).step(x, t);
        new Backpropagation(twin).step(x, t);
        for (int i = 0; i < net.headParameters().size(); i++) {
            assertArrayEquals(twin.headParameters().get(i).grad().data, net.headParameters().get(i).grad().data);
        }
    }
}

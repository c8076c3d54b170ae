package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class SequentialTest {

    private static Sequential block(RandomStreams streams) {
        Gemm gemm = Gemm.singleThreaded();
        return Sequential.of(
                new Dense("a", 4, 6, streams.stream("a"), gemm),
                new Tanh(),
                new Dense("b", 6, 5, streams.stream("b"), gemm),
                new LayerNorm("ln", 5),
                new GELU(),
                new Dense("c", 5, 3, streams.stream("c"), gemm),
                new Sigmoid());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = RandomStreams.of(21).stream("data");
        GradientCheck.check(block(RandomStreams.of(21)), GradientCheck.uniform(3, 4, rng), () -> { }, rng);
    }

    @Test
    void collectsParametersAndChildrenInOrder() {
        Sequential s = block(RandomStreams.of(21));
        assertEquals(List.of("a.weight", "a.bias", "b.weight", "b.bias", "ln.gain", "ln.bias", "c.weight", "c.bias"),
                s.parameters().stream().map(Parameter::name).toList());
        assertEquals(7, s.children().size());
        assertEquals(3, s.outputWidth(4));
    }

    @Test
    void backwardToParametersGivesTheSameParameterGradients() {
        Sequential s = block(RandomStreams.of(21));
        UniformRandomProvider rng = RandomStreams.of(22).stream("data");
        FMatrixRMaj x = GradientCheck.uniform(3, 4, rng);
        FMatrixRMaj g = GradientCheck.uniform(3, 3, rng);
        s.forward(x, true);
        s.backward(g);
        List<float[]> full = s.parameters().stream().map(p -> p.grad().data.clone()).toList();
        s.parameters().forEach(Parameter::zeroGrad);
        s.backwardToParameters(g);
        for (int i = 0; i < full.size(); i++) {
            assertArrayEquals(full.get(i), s.parameters().get(i).grad().data);
        }
    }

    @Test
    void rejectsLayersThatDoNotFit() {
        Gemm gemm = Gemm.singleThreaded();
        RandomStreams streams = RandomStreams.of(1);
        Sequential s = Sequential.of(new Dense("a", 4, 6, streams.stream("a"), gemm),
                new Dense("b", 5, 2, streams.stream("b"), gemm));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.outputWidth(4));
        assertEquals("dense layer 'b' takes inputs of width 5, got 6", e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new Sequential(List.of()));
        assertEquals("a sequential block needs at least 1 layer, got 0", empty.getMessage());
    }
}

package org.opudfa.dfa.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.Sequential;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class NetworkTest {

    private static final Gemm GEMM = Gemm.singleThreaded();
    private static final RandomStreams STREAMS = RandomStreams.of(5);

    private static Sequential block(String name, int in, int out) {
        return Sequential.of(new Dense(name, in, out, STREAMS.stream(name), GEMM), new Tanh());
    }

    @Test
    void infersFeedbackWidthsAndSplitsParameters() {
        Network net = new Network(6, List.of(block("h0", 6, 5), block("h1", 5, 4)),
                new Dense("out", 4, 3, STREAMS.stream("out"), GEMM), new SoftmaxCrossEntropy());
        assertEquals(2, net.blockCount());
        assertEquals(5, net.blockWidth(0));
        assertEquals(4, net.blockWidth(1));
        assertEquals(3, net.outputWidth());
        assertEquals(List.of("h0.weight", "h0.bias", "h1.weight", "h1.bias"),
                net.hiddenParameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("out.weight", "out.bias"), net.headParameters().stream().map(Parameter::name).toList());
        assertEquals(6, net.parameters().size());
        FMatrixRMaj x = new FMatrixRMaj(2, 6);
        FMatrixRMaj y = net.forward(x, false);
        assertEquals(2, y.numRows);
        assertEquals(3, y.numCols);
        assertEquals(1, net.forwardPasses());
        assertSame(net.blocks().get(1).forward(net.blockOutput(0), false), net.blockOutput(1));
    }

    @Test
    void rejectsBadInputAndLayersThatDoNotFit() {
        Network net = new Network(6, List.of(block("h0", 6, 5)), new Dense("out", 5, 3, STREAMS.stream("out"), GEMM),
                new SoftmaxCrossEntropy());
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new FMatrixRMaj(2, 7), true));
        assertEquals("network input must have 6 columns, got 2×7", in.getMessage());
        IllegalStateException before = assertThrows(IllegalStateException.class, () -> net.blockOutput(0));
        assertEquals("block 0 has no output before the first forward pass", before.getMessage());

        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> new Network(6, List.of(block("h0", 6, 5)), new Dense("out", 4, 3, STREAMS.stream("out"), GEMM),
                        new SoftmaxCrossEntropy()));
        assertEquals("dense layer 'out' takes inputs of width 4, got 5", fit.getMessage());

        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> new Network(6, List.of(block("h", 6, 5), block("h", 5, 5)),
                        new Dense("out", 5, 3, STREAMS.stream("out"), GEMM), new SoftmaxCrossEntropy()));
        assertEquals("parameter names must be unique within a network, but 'h.weight' appears more than once",
                names.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> new Network(0, List.of(), new Dense("out", 5, 3, STREAMS.stream("out"), GEMM),
                        new SoftmaxCrossEntropy()));
        assertEquals("network input width must be at least 1, got 0", width.getMessage());
    }
}

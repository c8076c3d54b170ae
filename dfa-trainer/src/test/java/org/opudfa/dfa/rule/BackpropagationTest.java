package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

class BackpropagationTest {

    @Test
    void wholeMlpGradientsMatchFiniteDifferences() {
        Graph net = Nets.mlp(1, 4, new int[] {5, 4}, 3);
        UniformRandomProvider rng = RandomStreams.of(2).stream("data");
        Feed batch = Nets.batch(6, 4, 3, rng);
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        double loss = bp.step(batch);
        assertEquals(Nets.LOSS.value(net.forward(batch, true), batch), loss, 0.0);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                double numeric = GradientCheck.derivative(p.value(), i,
                        () -> Nets.LOSS.value(net.forward(batch, true), batch));
                GradientCheck.assertClose(p.grad().data[i], numeric, "entry " + i + " of " + p.name());
            }
        }
        assertEquals(net.parameters(), bp.trainedParameters());
    }

    @Test
    void stepZeroesGradientsFirst() {
        Graph net = Nets.mlp(1, 4, new int[] {5}, 3);
        UniformRandomProvider rng = RandomStreams.of(2).stream("data");
        Feed batch = Nets.batch(6, 4, 3, rng);
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        bp.step(batch);
        FMatrixRMaj first = net.parameters().get(0).grad().copy();
        bp.step(batch);
        assertEquals(0.0, Nets.maxAbsDiff(first, net.parameters().get(0).grad()), 0.0);
    }

    @Test
    void outputGradientIsTheLossGradientOfTheStep() {
        Graph net = Nets.mlp(1, 4, new int[] {5}, 3);
        Feed batch = Nets.batch(6, 4, 3, RandomStreams.of(2).stream("data"));
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        bp.step(batch);
        FMatrixRMaj expected = new FMatrixRMaj(1, 1);
        Nets.LOSS.valueAndGradient(bp.prediction(), batch, expected);
        assertEquals(0.0, Nets.maxAbsDiff(expected, bp.outputGradient()), 0.0);
        assertEquals(6, bp.outputGradient().numRows);
        assertEquals(3, bp.outputGradient().numCols);
    }

    @Test
    void rejectsBadBatches() {
        Graph net = Nets.mlp(1, 4, new int[] {5}, 3);
        Backpropagation bp = new Backpropagation(net, Nets.LOSS);
        IllegalStateException before = assertThrows(IllegalStateException.class, bp::prediction);
        assertEquals("bp has not run a step yet", before.getMessage());
        IllegalStateException gradient = assertThrows(IllegalStateException.class, bp::outputGradient);
        assertEquals("bp has not run a step yet", gradient.getMessage());
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> bp.step(Nets.batch(new FMatrixRMaj(6, 5), Labels.of(0, 1, 2, 0, 1, 2))));
        assertEquals("model input features must have 4 columns, got 5", in.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> bp.step(Nets.batch(new FMatrixRMaj(6, 4), Labels.of(0, 1, 2, 0, 1))));
        assertEquals("the batch has 5 labels for a prediction of 6 rows", rows.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> bp.step(Nets.batch(new FMatrixRMaj(2, 4), Labels.of(0, 3))));
        assertEquals("label 3 of item 1 is outside the 3 classes [0, 3)", range.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> bp.step(new Feed().put(RowBatches.FEATURES, new FMatrixRMaj(2, 4))));
        assertEquals("the batch has no input 'labels' (a Labels); it holds [features]", missing.getMessage());
    }
}

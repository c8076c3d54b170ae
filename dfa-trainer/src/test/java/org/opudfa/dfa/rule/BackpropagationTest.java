package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.rng.RandomStreams;

class BackpropagationTest {

    @Test
    void wholeMlpGradientsMatchFiniteDifferences() {
        Network net = Nets.mlp(1, 4, new int[] {5, 4}, 3);
        UniformRandomProvider rng = RandomStreams.of(2).stream("data");
        FMatrixRMaj x = Nets.uniform(6, 4, rng);
        FMatrixRMaj t = Nets.oneHot(6, 3, rng);
        Backpropagation bp = new Backpropagation(net);
        double loss = bp.step(x, t);
        assertEquals(net.loss().value(net.forward(x, true), t), loss, 0.0);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                float saved = p.value().data[i];
                p.value().data[i] = (float) (saved + GradientCheck.STEP);
                double plus = net.loss().value(net.forward(x, true), t);
                p.value().data[i] = (float) (saved - GradientCheck.STEP);
                double minus = net.loss().value(net.forward(x, true), t);
                p.value().data[i] = saved;
                GradientCheck.assertClose(p.grad().data[i], (plus - minus) / (2 * GradientCheck.STEP),
                        "entry " + i + " of " + p.name());
            }
        }
        assertEquals(net.parameters(), bp.trainedParameters());
    }

    @Test
    void stepZeroesGradientsFirst() {
        Network net = Nets.mlp(1, 4, new int[] {5}, 3);
        UniformRandomProvider rng = RandomStreams.of(2).stream("data");
        FMatrixRMaj x = Nets.uniform(6, 4, rng);
        FMatrixRMaj t = Nets.oneHot(6, 3, rng);
        Backpropagation bp = new Backpropagation(net);
        bp.step(x, t);
        FMatrixRMaj first = net.parameters().get(0).grad().copy();
        bp.step(x, t);
        assertEquals(0.0, Nets.maxAbsDiff(first, net.parameters().get(0).grad()), 0.0);
    }

    @Test
    void rejectsBadBatches() {
        Network net = Nets.mlp(1, 4, new int[] {5}, 3);
        Backpropagation bp = new Backpropagation(net);
        IllegalArgumentException in = assertThrows(IllegalArgumentException.class,
                () -> bp.step(new FMatrixRMaj(6, 5), new FMatrixRMaj(6, 3)));
        assertEquals("input must be batch × 4 with at least 1 row, got 6×5", in.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> bp.step(new FMatrixRMaj(6, 4), new FMatrixRMaj(6, 1)));
        assertEquals("target must be 6×3 (batch × network outputs), got 6×1", target.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> bp.step(new FMatrixRMaj(6, 4), new FMatrixRMaj(5, 3)));
        assertEquals("target must be 6×3 (batch × network outputs), got 5×3", rows.getMessage());
        IllegalStateException before = assertThrows(IllegalStateException.class, bp::prediction);
        assertEquals("bp has not run a step yet", before.getMessage());
    }
}

package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.rng.RandomStreams;

class AlignmentTest {

    /** Cosine of two float gradients that agree to float rounding. */
    private static final double COSINE_TOLERANCE = 1e-5;

    private final UniformRandomProvider rng = RandomStreams.of(17).stream("data");
    private final FMatrixRMaj x = Nets.uniform(8, 6, rng);
    private final FMatrixRMaj t = Nets.oneHot(8, 3, rng);

    @Test
    void isOneWhereDfaEqualsBackpropagation() {
        Network net = Nets.mlp(3, 6, new int[] {5}, 3);
        FMatrixRMaj wOut = ((Dense) net.head()).weight().value();
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net,
                DenseProjector.of(Nets.transpose(wOut), Nets.GEMM), FeedbackLayout.SHARED, FeedbackScale.NONE);
        dfa.step(x, t);
        double[] cos = new double[2];
        dfa.measureAlignment(cos);
        assertEquals(1.0, cos[0], COSINE_TOLERANCE);
        assertEquals(1.0, cos[1], COSINE_TOLERANCE);
    }

    @Test
    void isACosineAndLeavesTheStepGradientsAlone() {
        Network net = Nets.mlp(3, 6, new int[] {5, 4}, 3);
        DirectFeedbackAlignment dfa = new DirectFeedbackAlignment(net, DenseProjector.gaussian(9, 3, 5),
                FeedbackLayout.SEPARATE, FeedbackScale.INVERSE_SQRT_SIZE);
        dfa.step(x, t);
        List<float[]> before = net.parameters().stream().map(p -> p.grad().data.clone()).toList();
        double[] cos = new double[4];
        dfa.measureAlignment(cos);
        for (double c : cos) {
            assertTrue(c >= -1 && c <= 1, "cosine " + c);
        }
        // the top block's weights get a random signal: not the BP direction
        assertTrue(cos[2] < 1 - COSINE_TOLERANCE, "cosine " + cos[2]);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), net.parameters().get(i).grad().data);
        }
    }

    @Test
    void feedbackAlignmentIsACosine() {
        Network net = Nets.mlp(3, 6, new int[] {5, 4}, 3);
        FeedbackAlignment fa = new FeedbackAlignment(net, RandomStreams.of(4).stream("feedback"));
        fa.step(x, t);
        double[] cos = new double[4];
        fa.measureAlignment(cos);
        for (double c : cos) {
            assertTrue(c >= -1 && c <= 1 && c < 1 - COSINE_TOLERANCE, "cosine " + c);
        }
    }

    @Test
    void backpropagationIsAlignedAndShallowIsNot() {
        Network net = Nets.mlp(3, 6, new int[] {5}, 3);
        double[] cos = new double[2];
        Backpropagation bp = new Backpropagation(net);
        bp.step(x, t);
        bp.measureAlignment(cos);
        assertEquals(1.0, cos[0], COSINE_TOLERANCE);
        Shallow shallow = new Shallow(net);
        shallow.step(x, t);
        shallow.measureAlignment(cos);
        assertEquals(0.0, cos[0], 0.0);
        assertEquals(0.0, cos[1], 0.0);
    }

    @Test
    void needsAFreshStepAndRoomForTheResults() {
        Network net = Nets.mlp(3, 6, new int[] {5}, 3);
        Backpropagation bp = new Backpropagation(net);
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> bp.measureAlignment(new double[2]));
        assertEquals("bp has not run a step yet", none.getMessage());
        bp.step(x, t);
        IllegalArgumentException room = assertThrows(IllegalArgumentException.class,
                () -> bp.measureAlignment(new double[1]));
        assertEquals("cosines must have room for 2 hidden parameters, got length 1", room.getMessage());
        net.forward(x, false);
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> bp.measureAlignment(new double[2]));
        assertEquals("the network ran another forward pass after the last bp step; measure the alignment right "
                + "after the step", stale.getMessage());
    }
}

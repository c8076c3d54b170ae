package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class ActivationTest {

    /** Float evaluation of a smooth function at order-1 arguments. */
    private static final double FLOAT_TOLERANCE = 1e-6;
    /** |GELU_tanh − GELU_erf| is below this everywhere. */
    private static final double GELU_APPROXIMATION = 5e-4;
    /** Keeps finite differences away from ReLU's kink: |x| ≥ 2·STEP. */
    private static final double KINK_MARGIN = 2 * GradientCheck.STEP;

    private static final Feed NO_SIDE_INPUTS = new Feed();

    static Stream<Function<String, AbstractActivation>> activations() {
        return Stream.of(Tanh::new, ReLU::new, Sigmoid::new, GELU::new);
    }

    @ParameterizedTest
    @MethodSource("activations")
    void gradientsMatchFiniteDifferences(Function<String, AbstractActivation> make) {
        UniformRandomProvider rng = RandomStreams.of(7).stream("data");
        FMatrixRMaj x = GradientCheck.uniform(3, 5, rng);
        for (int i = 0; i < x.data.length; i++) {
            float v = 2.5f * x.data[i];
            x.data[i] = Math.abs(v) < KINK_MARGIN ? (float) Math.copySign(KINK_MARGIN, v) : v;
        }
        GradientCheck.check(make.apply("f"), x, () -> { }, rng);
    }

    @ParameterizedTest
    @MethodSource("activations")
    void keepWidthAndHaveNoParameters(Function<String, AbstractActivation> make) {
        AbstractActivation a = make.apply("f");
        assertEquals(17, a.outputWidth(17));
        assertTrue(a.parameters().isEmpty());
        assertEquals("f", a.name());
        UnaryCall call = a.newCall();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> call.backward(new FMatrixRMaj(1, 1), true));
        assertEquals(a + " has no forward pass to go back through", e.getMessage());
        call.forward(new FMatrixRMaj(2, 3), NO_SIDE_INPUTS, true);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> call.backward(new FMatrixRMaj(3, 2), true));
        assertEquals("output gradient of " + a + " must be 2×3, got 3×2", g.getMessage());
    }

    @Test
    void knownValues() {
        FMatrixRMaj x = new FMatrixRMaj(1, 3, true, -1f, 0f, 1f);
        FMatrixRMaj tanh = forward(new Tanh("tanh"), x);
        FMatrixRMaj relu = forward(new ReLU("relu"), x);
        FMatrixRMaj sigmoid = forward(new Sigmoid("sigmoid"), x);
        FMatrixRMaj gelu = forward(new GELU("gelu"), x);
        for (int j = 0; j < 3; j++) {
            double v = x.data[j];
            assertEquals(Math.tanh(v), tanh.data[j], FLOAT_TOLERANCE);
            assertEquals(Math.max(v, 0), relu.data[j], FLOAT_TOLERANCE);
            assertEquals(1 / (1 + Math.exp(-v)), sigmoid.data[j], FLOAT_TOLERANCE);
        }
        // x·Φ(x) at −1, 0, 1 with Φ(1) = 0.8413447460685429
        assertEquals(-1 * (1 - 0.8413447460685429), gelu.data[0], GELU_APPROXIMATION);
        assertEquals(0.0, gelu.data[1], FLOAT_TOLERANCE);
        assertEquals(0.8413447460685429, gelu.data[2], GELU_APPROXIMATION);
    }

    @Test
    void reluPassesTheGradientWhereTheInputIsPositiveOnly() {
        // the kink and both zeros take no gradient; the smallest and the largest positive floats
        // and infinity take it whole
        FMatrixRMaj x = new FMatrixRMaj(1, 7, true, -1f, -0f, 0f, Float.MIN_VALUE, 2f, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY);
        UnaryCall call = new ReLU("relu").newCall();
        call.forward(x, NO_SIDE_INPUTS, true);
        FMatrixRMaj g = call.backward(new FMatrixRMaj(1, 7, true, 3f, 3f, 3f, -3f, 3f, 0.5f, -7f), true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 0f, 0f, -3f, 3f, 0.5f, -7f}, g.data);
    }

    @Test
    void reluOnSeveralThreadsGivesTheSameResultsAsOnOne() {
        // large enough to be cut into ranges, of a size no range divides
        FMatrixRMaj x = GradientCheck.uniform(AbstractActivation.PARALLEL_MIN_ELEMENTS / 97 + 5, 97, RandomStreams.of(8).stream("data"));
        FMatrixRMaj gradOutput = GradientCheck.uniform(x.numRows, x.numCols, RandomStreams.of(9).stream("data"));
        try (Gemm team = Gemm.withThreads(2)) {
            UnaryCall single = new ReLU("relu").newCall();
            UnaryCall parallel = new ReLU("relu", team).newCall();
            org.junit.jupiter.api.Assertions.assertArrayEquals(single.forward(x, NO_SIDE_INPUTS, true).data,
                    parallel.forward(x, NO_SIDE_INPUTS, true).data);
            org.junit.jupiter.api.Assertions.assertArrayEquals(single.backward(gradOutput, true).data,
                    parallel.backward(gradOutput, true).data);
        }
    }

    private static FMatrixRMaj forward(AbstractActivation a, FMatrixRMaj x) {
        return a.newCall().forward(x, NO_SIDE_INPUTS, false);
    }

    @Test
    void sigmoidIsStableForLargeArguments() {
        assertEquals(0.0, Sigmoid.logistic(-1000), 0.0);
        assertEquals(1.0, Sigmoid.logistic(1000), 0.0);
    }
}

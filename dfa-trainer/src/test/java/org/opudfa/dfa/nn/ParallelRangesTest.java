package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/**
 * GELU and LayerNorm built with the run's threads cut large inputs into ranges computed as
 * parallel tasks: the results, forward and backward (parameter gradients too), are bit for bit
 * those computed on the calling thread.
 */
class ParallelRangesTest {

    private static final Feed NO_SIDE_INPUTS = new Feed();
    /** Enough rows for several ranges of entries and of rows, and a last range cut short. */
    private static final int ROWS = 1000;
    private static final int WIDTH = 96;

    @Test
    void geluGivesTheSameBitsOnSeveralThreads() {
        UniformRandomProvider rng = RandomStreams.of(21).stream("data");
        FMatrixRMaj x = scaled(GradientCheck.uniform(ROWS, WIDTH, rng), 3f);
        FMatrixRMaj gy = GradientCheck.uniform(ROWS, WIDTH, rng);
        try (Gemm team = Gemm.withThreads(2)) {
            UnaryCall serial = new GELU("gelu").newCall();
            UnaryCall parallel = new GELU("gelu", team).newCall();
            assertArrayEquals(serial.forward(x, NO_SIDE_INPUTS, true).data,
                    parallel.forward(x, NO_SIDE_INPUTS, true).data);
            assertArrayEquals(serial.backward(gy, true).data, parallel.backward(gy, true).data);
        }
    }

    @Test
    void layerNormGivesTheSameBitsOnSeveralThreads() {
        UniformRandomProvider rng = RandomStreams.of(22).stream("data");
        FMatrixRMaj x = scaled(GradientCheck.uniform(ROWS, WIDTH, rng), 4f);
        FMatrixRMaj gy = GradientCheck.uniform(ROWS, WIDTH, rng);
        FMatrixRMaj gain = GradientCheck.uniform(1, WIDTH, rng);
        try (Gemm team = Gemm.withThreads(2)) {
            LayerNorm serial = new LayerNorm("ln", WIDTH);
            LayerNorm parallel = new LayerNorm("ln", WIDTH, team);
            for (LayerNorm layer : new LayerNorm[] {serial, parallel}) {
                for (int j = 0; j < WIDTH; j++) {
                    layer.gain().value().data[j] = 1f + gain.data[j];
                }
            }
            UnaryCall s = serial.newCall();
            UnaryCall p = parallel.newCall();
            assertArrayEquals(s.forward(x, NO_SIDE_INPUTS, true).data, p.forward(x, NO_SIDE_INPUTS, true).data);
            assertArrayEquals(s.backward(gy, true).data, p.backward(gy, true).data);
            assertArrayEquals(serial.gain().grad().data, parallel.gain().grad().data);
            assertArrayEquals(serial.bias().grad().data, parallel.bias().grad().data);
        }
    }

    private static FMatrixRMaj scaled(FMatrixRMaj m, float factor) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] *= factor;
        }
        return m;
    }
}

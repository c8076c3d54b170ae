package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ParameterTest {

    private static Parameter withGradient(float... values) {
        Parameter p = new Parameter("p", new FMatrixRMaj(1, values.length));
        System.arraycopy(values, 0, p.grad().data, 0, values.length);
        return p;
    }

    @Test
    void zeroedGradientReadsAsZero() {
        Parameter p = withGradient(1f, -2f, 3f);
        p.zeroGrad();
        assertArrayEquals(new float[] {0f, 0f, 0f}, p.grad().data, 0f);
    }

    @Test
    void accumulationBetaIsZeroOnlyRightAfterZeroing() {
        Parameter p = withGradient(1f, 2f);
        assertEquals(1f, p.gradAccumulationBeta(), 0f, "a written gradient is accumulated into");
        p.zeroGrad();
        assertEquals(0f, p.gradAccumulationBeta(), 0f, "a zeroed gradient is overwritten");
        assertEquals(1f, p.gradAccumulationBeta(), 0f, "once taken over, the gradient counts as written");
    }

    @Test
    void aLayerThatTookOverTheZeroedGradientKeepsWhatItWrote() {
        Parameter p = withGradient(5f, 6f);
        p.zeroGrad();
        p.gradAccumulationBeta();
        // the caller overwrites every entry, as a GEMM with β = 0 does; nothing clears it afterwards
        p.grad().data[0] = 7f;
        p.grad().data[1] = 8f;
        assertArrayEquals(new float[] {7f, 8f}, p.grad().data, 0f);
    }

    @Test
    void gradientReadAfterZeroingAndThenAccumulatedStartsFromZero() {
        Parameter p = withGradient(5f, 6f);
        p.zeroGrad();
        p.grad().data[0] += 1f;
        assertEquals(1f, p.gradAccumulationBeta(), 0f);
        assertArrayEquals(new float[] {1f, 0f}, p.grad().data, 0f);
    }
}

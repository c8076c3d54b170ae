package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class AddTest {

    private static final Feed NO_SIDE_INPUTS = new Feed();

    @Test
    void sumsItsInputsAndPassesTheGradientToEachUnchanged() {
        Call call = new Add("res").newCall();
        FMatrixRMaj a = new FMatrixRMaj(2, 2, true, 1f, 2f, 3f, 4f);
        FMatrixRMaj b = new FMatrixRMaj(2, 2, true, 10f, 20f, 30f, 40f);
        FMatrixRMaj[] y = call.forward(new FMatrixRMaj[] {a, b, a}, NO_SIDE_INPUTS, true);
        assertArrayEquals(new float[] {12f, 24f, 36f, 48f}, y[0].data);
        FMatrixRMaj g = new FMatrixRMaj(2, 2, true, 1f, -1f, 0.5f, 2f);
        FMatrixRMaj[] gin = call.backward(new FMatrixRMaj[] {g}, new boolean[] {true, false, true});
        assertSame(g, gin[0]);
        assertNull(gin[1]);
        assertSame(g, gin[2]);
    }

    @Test
    void rejectsBadInputs() {
        Add add = new Add("res");
        assertEquals(3, add.outputWidths(new int[] {3, 3, 3})[0]);
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> add.newCall().backward(new FMatrixRMaj[] {new FMatrixRMaj(1, 3)}, new boolean[] {true, true}));
        assertEquals("sum 'res' has no forward pass to go back through", s.getMessage());
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class, () -> add.newCall()
                .forward(new FMatrixRMaj[] {new FMatrixRMaj(2, 3), new FMatrixRMaj(3, 3)}, NO_SIDE_INPUTS, true));
        assertEquals("sum 'res' got inputs of shapes 2×3 and 3×3", shapes.getMessage());
    }
}

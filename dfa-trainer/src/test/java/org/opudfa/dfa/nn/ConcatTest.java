package org.opudfa.dfa.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ConcatTest {

    private static final Feed NO_SIDE_INPUTS = new Feed();

    @Test
    void joinsColumnsAndSplitsTheGradientBack() {
        Call call = new Concat("cat").newCall();
        FMatrixRMaj a = new FMatrixRMaj(2, 1, true, 1f, 2f);
        FMatrixRMaj b = new FMatrixRMaj(2, 2, true, 3f, 4f, 5f, 6f);
        FMatrixRMaj[] y = call.forward(new FMatrixRMaj[] {a, b}, NO_SIDE_INPUTS, true);
        assertArrayEquals(new float[] {1f, 3f, 4f, 2f, 5f, 6f}, y[0].data);
        FMatrixRMaj g = new FMatrixRMaj(2, 3, true, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f);
        FMatrixRMaj[] gin = call.backward(new FMatrixRMaj[] {g}, new boolean[] {true, true});
        assertArrayEquals(new float[] {0.1f, 0.4f}, gin[0].data);
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.5f, 0.6f}, gin[1].data);
        assertNull(call.backward(new FMatrixRMaj[] {g}, new boolean[] {false, true})[0]);
    }

    @Test
    void rejectsBadInputs() {
        Concat cat = new Concat("cat");
        assertEquals(6, cat.outputWidths(new int[] {1, 2, 3})[0]);
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> cat.newCall().backward(new FMatrixRMaj[] {new FMatrixRMaj(1, 3)}, new boolean[] {true, true}));
        assertEquals("concatenation 'cat' has no forward pass to go back through", s.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> cat.newCall()
                .forward(new FMatrixRMaj[] {new FMatrixRMaj(2, 3), new FMatrixRMaj(3, 1)}, NO_SIDE_INPUTS, true));
        assertEquals("concatenation 'cat' got inputs of 2 and 3 rows", rows.getMessage());
    }
}

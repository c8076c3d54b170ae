package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DmdTest {

    private static final double EXACT = 0.0;

    @Test
    void defaultDeviceHoldsOneFeaturePerMirror() {
        Dmd dmd = Dmd.defaults();
        assertEquals(912L * 1140L, dmd.capacity());
        assertEquals(1.0, dmd.fieldGain(), EXACT);
    }

    @Test
    void macroPixelsDivideCapacityAndMultiplyTheField() {
        Dmd dmd = new Dmd(10, 10, 4);
        assertEquals(25, dmd.capacity());
        assertEquals(4.0, dmd.fieldGain(), EXACT);
        assertDoesNotThrow(() -> dmd.requireFits(20, 5));
    }

    @Test
    void inputAndReferenceThatDoNotFitAreAnError() {
        Dmd dmd = new Dmd(10, 10, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dmd.requireFits(20, 6));
        assertEquals("input of 20 features plus reference of 6 features needs 26 macro-pixels, but the DMD of"
                + " 10×10 mirrors with macro-pixel 4 holds only 25", e.getMessage());
    }

    @Test
    void rejectsBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dmd(0, 10, 1));
        assertEquals("DMD width must be at least 1 mirror, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dmd(10, -1, 1));
        assertEquals("DMD height must be at least 1 mirror, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dmd(10, 10, 101));
        assertEquals("DMD macro-pixel must be between 1 and 100 mirrors, got 101", e.getMessage());
    }
}

package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CameraConfigTest {

    private static final double EXACT = 0.0;

    @Test
    void defaultsAreThoseOfARealSensor() {
        CameraConfig c = CameraConfig.defaults();
        assertEquals(2040L * 1088L, c.pixels());
        assertEquals(8, c.bits());
        assertEquals(255, c.maxCount());
        assertEquals(10_000, c.fullWell(), EXACT);
        assertEquals(3, c.readNoise(), EXACT);
        assertEquals(0.1, c.fill(), EXACT);
    }

    @Test
    void rejectsValuesOutOfRange() {
        assertMessage("camera width must be at least 1 pixel, got 0",
                () -> new CameraConfig(0, 10, false, 8, 1e4, 3, true, true, 0.1, 1));
        assertMessage("camera height must be at least 1 pixel, got 0",
                () -> new CameraConfig(10, 0, false, 8, 1e4, 3, true, true, 0.1, 1));
        assertMessage("bits must be between 1 and 16, got 17",
                () -> new CameraConfig(10, 10, false, 17, 1e4, 3, true, true, 0.1, 1));
        assertMessage("bits must be between 1 and 16, got 0",
                () -> new CameraConfig(10, 10, false, 0, 1e4, 3, true, true, 0.1, 1));
        assertMessage("full well must be a finite number of electrons > 0, got 0.0",
                () -> new CameraConfig(10, 10, false, 8, 0, 3, true, true, 0.1, 1));
        assertMessage("read noise must be a finite number of electrons >= 0, got -1.0",
                () -> new CameraConfig(10, 10, false, 8, 1e4, -1, true, true, 0.1, 1));
        assertMessage("read noise must be a finite number of electrons >= 0, got NaN",
                () -> new CameraConfig(10, 10, false, 8, 1e4, Double.NaN, true, true, 0.1, 1));
        assertMessage("fill must be in (0, 1] (fraction of full well), got 1.5",
                () -> new CameraConfig(10, 10, false, 8, 1e4, 3, true, true, 1.5, 1));
        assertMessage("exposure must be a finite number of electrons per unit intensity > 0, got 0.0",
                () -> new CameraConfig(10, 10, false, 8, 1e4, 3, true, true, 0.1, 0));
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}

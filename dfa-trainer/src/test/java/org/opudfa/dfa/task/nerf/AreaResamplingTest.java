package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AreaResamplingTest {

    /** Sums of a few floats, in double. */
    private static final float TOLERANCE = 1e-6f;

    @Test
    void halvingAveragesBlocksOfFour() {
        float[] src = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12,
            13, 14, 15, 16};
        float[] out = AreaResampling.shrink(src, 4, 4, 1, 2, 2);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, out, TOLERANCE);
    }

    @Test
    void aFractionalFootprintWeighsPixelsByTheAreaTheyShare() {
        // 3 pixels of 2 channels into 2: output 0 covers [0, 1.5): pixel 0 whole and half of pixel 1
        float[] out = AreaResampling.shrink(new float[] {0, 10, 3, 20, 6, 30}, 3, 1, 2, 2, 1);
        assertArrayEquals(new float[] {1, (10 + 10) / 1.5f, 5, (10 + 30) / 1.5f}, out, TOLERANCE);
    }

    @Test
    void keepsAConstantImageAndRefusesToEnlarge() {
        float[] src = new float[5 * 3 * 4];
        java.util.Arrays.fill(src, 0.25f);
        for (float v : AreaResampling.shrink(src, 5, 3, 4, 3, 2)) {
            assertEquals(0.25f, v, TOLERANCE);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AreaResampling.shrink(src, 5, 3, 4, 6, 3));
        assertEquals("images can only be shrunk, from 5×3 to at least 1×1, got 6×3", e.getMessage());
    }
}

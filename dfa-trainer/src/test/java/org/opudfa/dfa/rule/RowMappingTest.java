package org.opudfa.dfa.rule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The rows of a feedback signal from the rows of the projected error: same, tile, group-sum, or refused. */
class RowMappingTest {

    /** The projection's columns; each signal takes columns 1 and 2 (offset 1, width 2). */
    private static final int STRIDE = 4;
    private static final int OFFSET = 1;
    private static final int WIDTH = 2;
    private static final float SCALE = 0.5f;

    /** Projection rows r = 0, 1, …: entry (r, j) = 10·r + j, so every row and column can be told apart. */
    private static float[] projection(int rows) {
        float[] p = new float[rows * STRIDE];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < STRIDE; j++) {
                p[r * STRIDE + j] = 10 * r + j;
            }
        }
        return p;
    }

    private static float[] signal(int errorRows, int feedbackRows) {
        float[] s = new float[feedbackRows * WIDTH];
        RowMapping.fill(projection(errorRows), errorRows, STRIDE, OFFSET, WIDTH, SCALE, s, feedbackRows);
        return s;
    }

    @Test
    void sameRowCountTakesEachRowAsItIs() {
        // rows 0, 1, 2 of columns 1..2, halved
        assertArrayEquals(new float[] {0.5f, 1f, 5.5f, 6f, 10.5f, 11f}, signal(3, 3));
    }

    @Test
    void moreFeedbackRowsTileEachErrorRow() {
        // 2 error rows for 6 feedback rows: each serves 3 consecutive rows
        assertArrayEquals(new float[] {0.5f, 1f, 0.5f, 1f, 0.5f, 1f, 5.5f, 6f, 5.5f, 6f, 5.5f, 6f}, signal(2, 6));
    }

    @Test
    void fewerFeedbackRowsSumGroupsOfErrorRows() {
        // 6 error rows for 2 feedback rows: rows 0..2 and 3..5 summed, (1 + 11 + 21)/2 and so on
        assertArrayEquals(new float[] {16.5f, 18f, 61.5f, 63f}, signal(6, 2));
    }

    @Test
    void eachEntryIsTheScaledProjectionBitForBit() {
        int rows = 5;
        int stride = 37;
        int offset = 3;
        int width = 29;
        float scale = (float) (1 / Math.sqrt(stride));
        float[] p = new float[rows * stride];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.sin(i + 0.1) * 1e-3f;
        }
        float[] s = new float[rows * width];
        RowMapping.fill(p, rows, stride, offset, width, scale, s, rows);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                assertEquals(scale * p[r * stride + offset + j], s[r * width + j], 0f, "row " + r + ", column " + j);
            }
        }
    }

    @Test
    void otherCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signal(4, 6));
        assertEquals("a feedback point of 6 rows cannot take the error of 4 rows: one count must be a multiple of "
                + "the other (tile or group-sum)", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> signal(3, 2));
        assertEquals("a feedback point of 2 rows cannot take the error of 3 rows: one count must be a multiple of "
                + "the other (tile or group-sum)", f.getMessage());
    }
}

package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void itemCountsAreOnePluralWord() {
        assertTrue(Columns.isItemCount("rays"));
        assertTrue(Columns.isItemCount("samples"));
        assertFalse(Columns.isItemCount("step"));
        assertFalse(Columns.isItemCount("test_psnr"));
        assertFalse(Columns.isItemCount("Rays"));
    }
}

package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void taskColumnsAreASetsMetricItemsSeenOrARate() {
        assertTrue(Columns.isTaskColumn("results", "test_psnr"));
        assertTrue(Columns.isTaskColumn("results", "best_val_auc"));
        assertFalse(Columns.isTaskColumn("results", "rays"));
        assertTrue(Columns.isTaskColumn("epochs", "rays"));
        assertTrue(Columns.isTaskColumn("epochs", "train_bits_per_character"));
        assertFalse(Columns.isTaskColumn("epochs", "Val_psnr"));
        assertTrue(Columns.isTaskColumn("timings", "rays_per_second"));
        assertFalse(Columns.isTaskColumn("timings", "test_psnr"));
    }

    @Test
    void tablesAddTheColumnsThePointsMeasuredAfterTheFixedOnes() {
        List<Map<String, Object>> rows = List.of(new java.util.LinkedHashMap<>(Map.of("point", "p0")),
                new java.util.LinkedHashMap<>(Map.of("point", "p1", "test_loss", 0.1)));
        rows.get(0).put("test_psnr", 20.0);
        rows.get(1).put("val_psnr", 21.0);
        // a fixed column no row holds (the MLP's accuracy in a NeRF sweep) is left out
        assertEquals(List.of("test_loss", "test_psnr", "val_psnr"),
                Columns.withMeasured(List.of("test_loss", "test_accuracy"), List.of("point"), rows));
    }
}

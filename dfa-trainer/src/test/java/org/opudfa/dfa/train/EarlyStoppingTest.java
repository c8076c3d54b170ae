package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Early stopping: which epoch is best, the columns kept from it, and when to stop. */
class EarlyStoppingTest {

    private static EpochMetrics epoch(int n, double validation, double test, List<EpochMetrics> history,
                                      EarlyStopping stopping) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", 1.0 / n);
        values.put("validation_auc", validation);
        values.put("test_auc", test);
        values.putAll(stopping.bestColumns(history, values, n));
        EpochMetrics m = new EpochMetrics(n, n, values, List.of(), "samples", 1, 1, 0, 0, 0);
        history.add(m);
        return m;
    }

    @Test
    void keepsTheBestEpochsColumnsAndStopsAfterThePatience() {
        EarlyStopping s = new EarlyStopping("validation_auc", true, 2);
        List<EpochMetrics> h = new ArrayList<>();
        epoch(1, 0.60, 0.61, h, s);
        assertFalse(s.shouldStop(h));
        epoch(2, 0.70, 0.69, h, s);
        EpochMetrics third = epoch(3, 0.65, 0.72, h, s);
        assertEquals(2.0, third.value("best_epoch"));
        assertEquals(0.69, third.value("best_test_auc"), "the test AUC of the best validation epoch, not the best test");
        assertTrue(Double.isNaN(third.value("best_train_loss")), "training columns are not kept");
        assertFalse(s.shouldStop(h), "one epoch without improvement, patience 2");
        epoch(4, 0.70, 0.70, h, s);
        assertEquals(2.0, h.get(3).value("best_epoch"), "a tie does not replace the earlier best");
        assertTrue(s.shouldStop(h));
    }

    @Test
    void lowerIsBetterAndNanIsNeverBest() {
        EarlyStopping s = new EarlyStopping("validation_auc", false, 1);
        List<EpochMetrics> h = new ArrayList<>();
        EpochMetrics first = epoch(1, Double.NaN, 0.5, h, s);
        assertTrue(Double.isNaN(first.value("best_epoch")) && Double.isNaN(first.value("best_test_auc")),
                "nothing best yet");
        assertEquals(List.of("best_epoch", "best_validation_auc", "best_test_auc"),
                EarlyStopping.bestColumnNames(List.of("train_loss", "validation_auc", "test_auc")));
        assertFalse(s.shouldStop(h));
        epoch(2, 0.4, 0.5, h, s);
        EpochMetrics third = epoch(3, 0.3, 0.6, h, s);
        assertEquals(3.0, third.value("best_epoch"));
        epoch(4, 0.35, 0.6, h, s);
        assertTrue(s.shouldStop(h));
    }

    @Test
    void patienceMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("validation_auc", true, 0));
    }
}

package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/** The selection of a test metric at the best validation epoch. */
class AtBestValidationTest {

    private static final double EXACT = 1e-12;

    /** A metric whose value is set by hand. */
    private static final class Fixed implements Metric {
        double v;
        final boolean higher;

        Fixed(boolean higher) {
            this.higher = higher;
        }

        @Override
        public String name() {
            return "m";
        }

        @Override
        public boolean higherIsBetter() {
            return higher;
        }

        @Override
        public void reset() {
        }

        @Override
        public void add(FMatrixRMaj prediction, Feed batch) {
        }

        @Override
        public double value() {
            return v;
        }
    }

    @Test
    void atBestValidationKeepsTheTestValueOfTheFirstBestEpoch() {
        Fixed validation = new Fixed(true);
        Fixed test = new Fixed(true);
        AtBestValidation m = new AtBestValidation(validation, "validation", test);
        assertEquals("m_at_best_validation", m.name());
        double[][] epochs = {{0.5, 0.40}, {0.7, 0.60}, {0.7, 0.65}, {0.6, 0.90}, {0.8, 0.55}};
        double[] expected = {0.40, 0.60, 0.60, 0.60, 0.55};
        for (int e = 0; e < epochs.length; e++) {
            m.reset();
            validation.v = epochs[e][0];
            test.v = epochs[e][1];
            assertEquals(expected[e], m.value(), EXACT, "epoch " + (e + 1));
            assertEquals(expected[e], m.value(), EXACT, "asking twice changes nothing");
        }
    }

    @Test
    void atBestValidationFollowsTheCriterionsDirection() {
        Fixed validation = new Fixed(false);
        Fixed test = new Fixed(true);
        AtBestValidation m = new AtBestValidation(validation, "validation", test);
        double[][] epochs = {{2.0, 0.1}, {1.0, 0.2}, {1.5, 0.3}};
        double[] expected = {0.1, 0.2, 0.2};
        for (int e = 0; e < epochs.length; e++) {
            m.reset();
            validation.v = epochs[e][0];
            test.v = epochs[e][1];
            assertEquals(expected[e], m.value(), EXACT);
        }
    }

    /** Resumed after epoch 3 from the recorded columns, it goes on as the uninterrupted metric. */
    @Test
    void aResumedMetricTakesUpTheBestSoFarFromTheRecordedEpochs() {
        Fixed validation = new Fixed(true);
        Fixed test = new Fixed(true);
        AtBestValidation m = new AtBestValidation(validation, "validation", test);
        double[][] epochs = {{0.5, 0.40}, {0.7, 0.60}, {0.7, 0.65}, {0.6, 0.90}, {0.65, 0.55}};
        double[] expected = {0.40, 0.60, 0.60, 0.60, 0.60};
        java.util.List<java.util.Map<String, Double>> recorded = new java.util.ArrayList<>();
        for (int e = 0; e < 3; e++) {
            recorded.add(java.util.Map.of("validation_m", epochs[e][0], "test_m_at_best_validation", expected[e]));
        }
        m.resume(recorded, "test_m_at_best_validation");
        for (int e = 3; e < epochs.length; e++) {
            m.reset();
            validation.v = epochs[e][0];
            test.v = epochs[e][1];
            assertEquals(expected[e], m.value(), EXACT, "epoch " + (e + 1));
        }
    }
}

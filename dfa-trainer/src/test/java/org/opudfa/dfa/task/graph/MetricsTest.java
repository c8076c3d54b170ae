package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.metric.Metric;
import org.opudfa.dfa.nn.Feed;

/** Known answers of the ranking metrics and the selection by validation. */
class MetricsTest {

    private static final double EXACT = 1e-12;

    private static Feed batch(float[] labels) {
        FMatrixRMaj y = new FMatrixRMaj(labels.length, 1);
        System.arraycopy(labels, 0, y.data, 0, labels.length);
        return new Feed().put(GraphKeys.PAIR_LABELS, y);
    }

    private static FMatrixRMaj scores(float... s) {
        FMatrixRMaj m = new FMatrixRMaj(s.length, 1);
        System.arraycopy(s, 0, m.data, 0, s.length);
        return m;
    }

    @Test
    void aucCountsCorrectlyOrderedPairsWithTiesAsHalf() {
        Auc auc = new Auc(GraphKeys.PAIR_LABELS);
        auc.reset();
        // positives 0.9, 0.4, 0.4; negatives 0.5, 0.4, 0.1: of 9 pairs, 0.9 beats 3, each 0.4 beats 0.1
        // and ties the negative 0.4: 3 + 2·(1 + 0.5) = 6
        auc.add(scores(0.9f, 0.5f, 0.4f), batch(new float[] {1, 0, 1}));
        auc.add(scores(0.4f, 0.4f, 0.1f), batch(new float[] {1, 0, 0}));
        assertEquals(6.0 / 9, auc.value(), EXACT);
    }

    @Test
    void averagePrecisionSumsPrecisionAtEachRecallStep() {
        AveragePrecision ap = new AveragePrecision(GraphKeys.PAIR_LABELS);
        ap.reset();
        // ranked: 1 (pos), 0.8 (neg), 0.6 (pos), 0.2 (neg): AP = 1/2·1 + 1/2·2/3
        ap.add(scores(0.2f, 0.6f, 1f, 0.8f), batch(new float[] {0, 1, 1, 0}));
        assertEquals(0.5 + 0.5 * 2.0 / 3, ap.value(), EXACT);
        ap.reset();
        // all tied: one threshold, precision = prevalence
        ap.add(scores(0.5f, 0.5f, 0.5f, 0.5f), batch(new float[] {0, 1, 0, 0}));
        assertEquals(0.25, ap.value(), EXACT);
    }

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
        AtBestValidation m = new AtBestValidation(validation, test);
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
        AtBestValidation m = new AtBestValidation(validation, test);
        double[][] epochs = {{2.0, 0.1}, {1.0, 0.2}, {1.5, 0.3}};
        double[] expected = {0.1, 0.2, 0.2};
        for (int e = 0; e < epochs.length; e++) {
            m.reset();
            validation.v = epochs[e][0];
            test.v = epochs[e][1];
            assertEquals(expected[e], m.value(), EXACT);
        }
    }
}

package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class FeatureStandardisationTest {

    private static final double MOMENT_TOLERANCE = 1e-5;

    @Test
    void standardisedFeaturesHaveZeroMeanAndUnitVariance() {
        Dataset d = DatasetTest.small();
        FeatureStandardisation s = FeatureStandardisation.fit(d);
        // feature 0 is 0, 10, 20, 30: mean 15, population std sqrt(125)
        assertEquals(15.0, s.mean()[0], MOMENT_TOLERANCE);
        assertEquals(Math.sqrt(125), s.std()[0], MOMENT_TOLERANCE);
        Dataset z = s.apply(d);
        for (int j = 0; j < z.featureCount(); j++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < z.size(); i++) {
                sum += z.feature(i, j);
                sq += z.feature(i, j) * z.feature(i, j);
            }
            assertEquals(0.0, sum / z.size(), MOMENT_TOLERANCE);
            assertEquals(1.0, sq / z.size(), MOMENT_TOLERANCE);
        }
        assertEquals(d.label(2), z.label(2));
        assertEquals("test data; standardised per feature", z.source().description());
    }

    @Test
    void constantFeaturesAreOnlyCentred() {
        FMatrixRMaj x = new FMatrixRMaj(3, 1, true, 0.5f, 0.5f, 0.5f);
        Dataset d = Dataset.of("c", x, new int[3], 1, DataSource.generated("constant"));
        FeatureStandardisation s = FeatureStandardisation.fit(d);
        assertEquals(1.0, s.std()[0], MOMENT_TOLERANCE);
        assertEquals(0.0, s.apply(d).feature(1, 0), MOMENT_TOLERANCE);
    }

    @Test
    void featureCountMustMatch() {
        FeatureStandardisation s = FeatureStandardisation.fit(DatasetTest.small());
        Dataset other = Dataset.of("other", new FMatrixRMaj(1, 3), new int[1], 1, DataSource.generated("x"));
        assertEquals("dataset other must have 2 features to be standardised with these statistics, got 3",
                assertThrows(IllegalArgumentException.class, () -> s.apply(other)).getMessage());
    }
}

package org.opudfa.opu.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.Xoroshiro128PlusPlus;

class PoissonTablesTest {

    private static final int DRAWS = 20_000;
    private static final double[] FAR_TAIL = {1 - 1e-6, 1 - 1e-9, 1 - 1e-12};

    /** Sequential inversion from k = 0, the definition the tables must reproduce. */
    private static int invert(int mean, double u) {
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        while (u > cdf && p > 0.0) {
            k++;
            p *= (double) mean / k;
            cdf += p;
        }
        return k;
    }

    @Test
    void guidedInversionReturnsWhatSequentialInversionReturns() {
        Xoroshiro128PlusPlus rng = new Xoroshiro128PlusPlus(17);
        for (int m = 0; m <= PoissonTables.MAX_MEAN; m++) {
            for (int i = 0; i < DRAWS; i++) {
                double u = rng.nextDouble();
                assertEquals(invert(m, u), PoissonTables.sample(m, u), "mean " + m + ", u = " + u);
            }
            // The start and the far tail. (Within about 1e-15 of 1 sequential inversion runs past the
            // point where its rounded sum stops growing, so it is no reference there.)
            assertEquals(0, PoissonTables.sample(m, 0.0), "mean " + m + ", u = 0");
            for (double u : FAR_TAIL) {
                assertEquals(invert(m, u), PoissonTables.sample(m, u), "mean " + m + ", u = " + u);
            }
        }
    }
}

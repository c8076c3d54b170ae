package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Hierarchical sampling against known answers: all the weight in one bin puts every fine sample in
 * it, uniform weights spread the samples evenly, evaluation draws are the same every time, and the
 * lengths of the sorted union add up to far − near.
 */
class HierarchicalSamplingTest {

    /** Distances computed in double from float inputs agree to this. */
    private static final double DISTANCE_TOLERANCE = 1e-9;
    /** Lengths stored as float (about 7 significant digits) on a segment of length 4 add up to this. */
    private static final double FLOAT_SUM_TOLERANCE = 1e-5;
    private static final StratifiedSampling COARSE = new StratifiedSampling(2, 6, 8);
    private static final int FINE = 16;

    /** Coarse samples at the bins' middles: t_i = 2.25 + 0.5·i. */
    private static double[] middles() {
        double[] t = new double[COARSE.samples()];
        for (int i = 0; i < t.length; i++) {
            t[i] = COARSE.near() + (i + 0.5) * COARSE.binLength();
        }
        return t;
    }

    private static double[] draws(long seed) {
        double[] u = new double[FINE];
        var rng = RandomStreams.of(seed).stream("draws");
        for (int j = 0; j < FINE; j++) {
            u[j] = rng.nextDouble();
        }
        return u;
    }

    private static double[] quantiles() {
        double[] u = new double[FINE];
        for (int j = 0; j < FINE; j++) {
            u[j] = (j + 0.5) / FINE;
        }
        return u;
    }

    /** The sorted union and its lengths, for weights w and draws u. */
    private static double[][] sample(double[] w, double[] u) {
        HierarchicalSampling s = new HierarchicalSampling("s", COARSE, FINE);
        double[] z = new double[s.samples()];
        double[] lengths = new double[s.samples()];
        s.distances(middles(), w, u, new double[COARSE.samples()], z, lengths);
        return new double[][] {z, lengths};
    }

    /** The fine distances: the union without the coarse ones. */
    private static double[] fineOnly(double[] z) {
        double[] t = middles();
        return java.util.Arrays.stream(z).filter(v -> java.util.Arrays.stream(t).noneMatch(c -> c == v)).toArray();
    }

    @Test
    void allTheWeightInOneBinPutsEveryFineSampleInIt() {
        double[] w = new double[COARSE.samples()];
        w[4] = 1; // t_4 = 4.25: its bin runs between the midpoints 4.0 and 4.5
        double[] fine = fineOnly(sample(w, draws(1))[0]);
        assertEquals(FINE, fine.length);
        for (double v : fine) {
            assertTrue(v >= 4.0 && v <= 4.5, "fine sample " + v + " lies in the heavy bin [4, 4.5]");
        }
    }

    @Test
    void uniformWeightsSpreadTheQuantilesEvenlyBetweenTheOuterMidpoints() {
        double[] w = new double[COARSE.samples()];
        java.util.Arrays.fill(w, 0.125);
        double[] fine = fineOnly(sample(w, quantiles())[0]);
        // six bins of 0.5 from 2.5 to 5.5: the quantile (j + ½)/16 maps to 2.5 + 3·(j + ½)/16
        for (int j = 0; j < FINE; j++) {
            assertEquals(2.5 + 3.0 * (j + 0.5) / FINE, fine[j], DISTANCE_TOLERANCE, "fine sample " + j);
        }
    }

    @Test
    void theUnionIsSortedAndItsLengthsAddUpToTheSegment() {
        double[] w = {0.01, 0.3, 0.05, 0.2, 0.0, 0.1, 0.25, 0.02};
        double[][] zl = sample(w, draws(2));
        double sum = 0;
        for (int k = 0; k < zl[0].length; k++) {
            if (k > 0) {
                assertTrue(zl[0][k] >= zl[0][k - 1], "sorted");
                assertEquals(0.5 * (zl[0][k - 1] + zl[0][k]), COARSE.near() + sum, DISTANCE_TOLERANCE,
                        "sample " + k + " starts at the midpoint to its neighbour");
            }
            assertTrue(zl[1][k] >= 0, "a length is not negative");
            sum += zl[1][k];
        }
        assertEquals(COARSE.far() - COARSE.near(), sum, DISTANCE_TOLERANCE, "the lengths add up to far − near");
        assertEquals(COARSE.samples() + FINE, zl[0].length);
    }

    @Test
    void theModuleSamplesAlongEachRayAndPassesNothingBack() {
        int rays = 3;
        RayBatches batches = new RayBatches(MiniBatches.sequential(RayBatchesTest.rays(), rays), COARSE, null, 0,
                FINE);
        Feed feed = batches.newFeed();
        assertTrue(batches.next(feed));
        HierarchicalSampling s = new HierarchicalSampling("s", COARSE, FINE);
        Call call = s.newCall();
        FMatrixRMaj raw = new FMatrixRMaj(rays * COARSE.samples(), VolumeRendering.RAW_WIDTH);
        for (int i = 0; i < raw.numRows; i++) {
            raw.set(i, 3, 0.5f * (i % 4));
        }
        FMatrixRMaj[] inputs = {raw, feed.get(RayBatches.LENGTHS), feed.get(RayBatches.DISTANCES),
            feed.get(RayBatches.RAYS), feed.get(RayBatches.FINE_DRAWS)};
        FMatrixRMaj[] out = call.forward(inputs, feed, false);
        int n = s.samples();
        assertEquals(rays * n, out[0].numRows);
        FMatrixRMaj origins = feed.get(RayBatches.RAYS);
        for (int r = 0; r < rays; r++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                int row = r * n + k;
                sum += out[2].get(row, 0);
                for (int c = 0; c < 3; c++) {
                    assertEquals(origins.get(r, 3 + c), out[1].get(row, c), "the ray's direction");
                }
            }
            assertEquals(COARSE.far() - COARSE.near(), sum, FLOAT_SUM_TOLERANCE, "ray " + r + "'s lengths");
        }
        FMatrixRMaj[] again = s.newCall().forward(inputs, feed, false);
        assertArrayEquals(out[0].data, again[0].data, "evaluation draws give the same points every time");
        FMatrixRMaj[] back = call.backward(new FMatrixRMaj[] {out[0], out[1], out[2]},
                new boolean[] {true, true, true, true, true});
        for (FMatrixRMaj g : back) {
            assertNull(g, "no gradient flows through the sampling");
        }
    }

    @Test
    void evaluationDrawsAreTheQuantilesAndTrainingDrawsFollowTheSeed() {
        RayBatches eval = new RayBatches(MiniBatches.sequential(RayBatchesTest.rays(), 2), COARSE, null, 0, FINE);
        Feed feed = eval.newFeed();
        assertTrue(eval.next(feed));
        FMatrixRMaj draws = feed.get(RayBatches.FINE_DRAWS);
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < FINE; j++) {
                assertEquals((float) ((j + 0.5) / FINE), draws.get(r, j));
            }
        }
        float[][] firstBatch = new float[2][];
        for (int k = 0; k < 2; k++) {
            RayBatches train = new RayBatches(MiniBatches.sequential(RayBatchesTest.rays(), 2), COARSE, 5L, 0, FINE);
            Feed f = train.newFeed();
            assertTrue(train.next(f));
            firstBatch[k] = f.get(RayBatches.FINE_DRAWS).data.clone();
        }
        assertArrayEquals(firstBatch[0], firstBatch[1], "the same seed draws the same");
    }

    @Test
    void tooFewCoarseSamplesAreRefused() {
        assertEquals("hierarchical sampling needs at least 3 coarse samples per ray (the fine samples are drawn between "
                        + "the midpoints of the coarse ones, by the inner weights), got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> new HierarchicalSampling("s", new StratifiedSampling(2, 6, 2), 4)).getMessage());
    }
}

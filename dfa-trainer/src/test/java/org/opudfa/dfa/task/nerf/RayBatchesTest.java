package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.Dataset;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.RandomStreams;

class RayBatchesTest {

    /** Points are computed in double and stored as float. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 0, 0, 0, 1};
    private static final StratifiedSampling SAMPLING = new StratifiedSampling(2, 6, 8);

    /** @return the 16 rays of one 4 × 4 view */
    static Dataset rays() {
        float[] rgba = new float[4 * 4 * 4];
        for (int p = 0; p < 16; p++) {
            rgba[4 * p] = p / 16f;
            rgba[4 * p + 3] = 1;
        }
        // pixel 5 is half transparent: the white background shows through in every channel
        rgba[4 * 5 + 3] = 0.5f;
        return Rays.of("rays", List.of(new SceneView("v", new PinholeCamera(4, 4, 4, IDENTITY), rgba)),
                Background.WHITE);
    }

    private static RayBatches training(long seed) {
        return new RayBatches(MiniBatches.shuffled(rays(), 5, MiniBatches.LastBatch.KEEP,
                RandomStreams.of(seed).stream("data.shuffle")), SAMPLING, seed);
    }

    @Test
    void evaluationSamplesSitInTheMiddleOfTheirBins() {
        PinholeCamera camera = new PinholeCamera(4, 4, 4, IDENTITY);
        RayBatches batches = new RayBatches(MiniBatches.sequential(rays(), 6), SAMPLING, null);
        Feed feed = batches.newFeed();
        assertTrue(batches.next(feed));
        assertEquals(6, batches.items(feed));
        assertEquals("rays", batches.itemName());
        FMatrixRMaj points = feed.get(RayBatches.POINTS);
        FMatrixRMaj lengths = feed.get(RayBatches.LENGTHS);
        assertEquals(6 * 8, points.numRows);
        double[] d = new double[3];
        // ray 5 is pixel (1, 1)
        camera.direction(1.5, 1.5, d);
        for (int i = 0; i < 8; i++) {
            double t = 2 + (i + 0.5) * 0.5;
            int row = 5 * 8 + i;
            assertArrayEquals(new float[] {(float) (t * d[0]), (float) (t * d[1]), (float) (3 + t * d[2])},
                    new float[] {points.get(row, 0), points.get(row, 1), points.get(row, 2)}, (float) FLOAT_TOLERANCE);
            assertEquals(0.5, lengths.get(row, 0), FLOAT_TOLERANCE);
            assertEquals(d[0], feed.get(RayBatches.DIRECTIONS).get(row, 0), FLOAT_TOLERANCE);
        }
        assertEquals(5 / 16f + 0.5f, feed.get(RayBatches.COLOURS).get(5, 0), FLOAT_TOLERANCE);
        assertEquals(0.5f, feed.get(RayBatches.COLOURS).get(5, 1), FLOAT_TOLERANCE);
        assertEquals(0f, feed.get(RayBatches.COLOURS).get(4, 1), FLOAT_TOLERANCE);
        assertTrue(batches.next(feed));
        assertTrue(batches.next(feed));
        assertEquals(4, batches.items(feed));
        assertEquals(4 * 8, feed.get(RayBatches.POINTS).numRows);
        assertFalse(batches.next(feed));
    }

    @Test
    void trainingSamplesAreJitteredWithinTheirBins() {
        RayBatches batches = training(4);
        Feed feed = batches.newFeed();
        assertTrue(batches.next(feed));
        FMatrixRMaj points = feed.get(RayBatches.POINTS);
        FMatrixRMaj dirs = feed.get(RayBatches.DIRECTIONS);
        double offCentre = 0;
        for (int r = 0; r < 5; r++) {
            for (int i = 0; i < 8; i++) {
                int row = r * 8 + i;
                // the camera sits at (0, 0, 3): t is the distance from it along the unit direction
                double t = (points.get(row, 2) - 3) / dirs.get(row, 2);
                assertTrue(t >= 2 + i * 0.5 - FLOAT_TOLERANCE && t <= 2 + (i + 1) * 0.5 + FLOAT_TOLERANCE, "t " + t);
                offCentre += Math.abs(t - (2 + (i + 0.5) * 0.5));
            }
        }
        assertTrue(offCentre > 1, "the samples must move within their bins");
    }

    @Test
    void theJitterDependsOnTheBatchsPlaceInTheRunOnly() {
        RayBatches a = training(4);
        Feed fa = a.newFeed();
        for (int i = 0; i < 2; i++) {
            assertTrue(a.next(fa));
        }
        MiniBatches.State state = a.saveState();
        assertTrue(a.next(fa));
        float[] expected = fa.get(RayBatches.POINTS).data.clone();
        RayBatches b = training(4);
        b.restoreState(state);
        Feed fb = b.newFeed();
        assertTrue(b.next(fb));
        assertArrayEquals(expected, java.util.Arrays.copyOf(fb.get(RayBatches.POINTS).data, expected.length));
        RayBatches other = training(5);
        other.restoreState(new MiniBatches.State(state.epoch(), state.position(), state.rngState()));
        Feed fo = other.newFeed();
        assertTrue(other.next(fo));
        assertNotEquals(expected[0], fo.get(RayBatches.POINTS).data[0], "another seed, other jitter");
    }

    @Test
    void shortEpochsRunThroughThePassesAndResumeWhereTheyStopped() {
        // 16 rays in batches of 5: passes of 4 batches (the last of 1 ray), epochs of 3 batches
        RayBatches a = new RayBatches(MiniBatches.shuffled(rays(), 5, MiniBatches.LastBatch.KEEP,
                RandomStreams.of(1).stream("data.shuffle")), SAMPLING, 1L, 3, 0);
        assertEquals(3, a.batchesPerEpoch());
        Feed feed = a.newFeed();
        int[] sizes = new int[7];
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int b = 0; b < 3; b++) {
                assertTrue(a.next(feed));
                sizes[3 * epoch + b] = a.items(feed);
            }
            assertFalse(a.next(feed), "the epoch ends after 3 batches");
        }
        assertArrayEquals(new int[] {5, 5, 5, 1, 5, 5, 0}, sizes);
        MiniBatches.State state = a.saveState();
        assertTrue(a.next(feed));
        float[] expected = java.util.Arrays.copyOf(feed.get(RayBatches.POINTS).data, 5 * 8 * 3);
        RayBatches b = new RayBatches(MiniBatches.shuffled(rays(), 5, MiniBatches.LastBatch.KEEP,
                RandomStreams.of(1).stream("data.shuffle")), SAMPLING, 1L, 3, 0);
        b.restoreState(state);
        Feed fb = b.newFeed();
        assertTrue(b.next(fb));
        assertArrayEquals(expected, java.util.Arrays.copyOf(fb.get(RayBatches.POINTS).data, expected.length));
        assertTrue(b.next(fb));
        assertTrue(b.next(fb));
        assertFalse(b.next(fb), "the restored source ends its epoch where the original would");
    }
}

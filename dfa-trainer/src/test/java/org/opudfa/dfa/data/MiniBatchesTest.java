package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.rng.RandomStreams;

class MiniBatchesTest {

    private static final long SEED = 77L;
    /** 23 samples, not a multiple of the batch size 5. */
    private static final Dataset DATA = new SyntheticClassification(3, 6, 2, 1, 4, 0.5, 0.0).generate(23, 1, SEED).train();

    private static RestorableUniformRandomProvider rng(long seed) {
        return RandomStreams.of(seed).stream("data.shuffle");
    }

    /** Serves one epoch and returns the dataset index of every row, in order, checking the buffers on the way. */
    private static List<Integer> epoch(MiniBatches batches, Batch batch, List<Integer> sizes) {
        List<Integer> seen = new ArrayList<>();
        while (batches.next(batch)) {
            sizes.add(batch.size());
            assertEquals(batch.size(), batch.features().numRows);
            assertEquals(batch.size(), batch.labels().size());
            for (int r = 0; r < batch.size(); r++) {
                int i = batch.index(r);
                seen.add(i);
                assertEquals(DATA.label(i), batch.labels().get(r));
                for (int j = 0; j < DATA.featureCount(); j++) {
                    assertEquals(DATA.feature(i, j), batch.features().get(r, j));
                }
            }
        }
        return seen;
    }

    @Test
    void everySampleExactlyOncePerEpochWithAPartialLastBatch() {
        MiniBatches batches = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = batches.newBatch();
        assertEquals(5, batches.batchesPerEpoch());
        for (int e = 0; e < 3; e++) {
            List<Integer> sizes = new ArrayList<>();
            List<Integer> seen = epoch(batches, batch, sizes);
            assertEquals(List.of(5, 5, 5, 5, 3), sizes);
            assertEquals(23, seen.size());
            assertEquals(23, seen.stream().distinct().count());
            assertEquals(e + 1, batches.epoch());
        }
    }

    @Test
    void droppingTheLastBatchServesFullBatchesOnly() {
        MiniBatches batches = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.DROP, rng(SEED));
        Batch batch = batches.newBatch();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = epoch(batches, batch, sizes);
        assertEquals(List.of(5, 5, 5, 5), sizes);
        assertEquals(20, seen.stream().distinct().count());
        assertEquals(4, batches.batchesPerEpoch());
        assertEquals(20, batches.samplesPerEpoch());
    }

    @Test
    void epochsAreShuffledDifferentlyAndSeedsReproduce() {
        MiniBatches a = MiniBatches.shuffled(DATA, 4, MiniBatches.LastBatch.KEEP, rng(SEED));
        MiniBatches b = MiniBatches.shuffled(DATA, 4, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch ba = a.newBatch();
        Batch bb = b.newBatch();
        List<Integer> a1 = epoch(a, ba, new ArrayList<>());
        List<Integer> a2 = epoch(a, ba, new ArrayList<>());
        assertEquals(a1, epoch(b, bb, new ArrayList<>()));
        assertEquals(a2, epoch(b, bb, new ArrayList<>()));
        assertFalse(a1.equals(a2));
        MiniBatches c = MiniBatches.shuffled(DATA, 4, MiniBatches.LastBatch.KEEP, rng(SEED + 1));
        assertFalse(a1.equals(epoch(c, c.newBatch(), new ArrayList<>())));
    }

    @Test
    void sequentialServesDatasetOrder() {
        MiniBatches s = MiniBatches.sequential(DATA, 10);
        List<Integer> seen = epoch(s, s.newBatch(), new ArrayList<>());
        for (int i = 0; i < 23; i++) {
            assertEquals(i, seen.get(i));
        }
        assertEquals(0, s.saveState().rngState().length);
    }

    @Test
    void restoredStateAtAnEpochBoundaryReproducesTheNextEpoch() {
        MiniBatches a = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = a.newBatch();
        epoch(a, batch, new ArrayList<>());
        MiniBatches.State state = a.saveState();
        List<Integer> next = epoch(a, batch, new ArrayList<>());

        MiniBatches b = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(999));
        b.restoreState(state);
        assertEquals(1, b.epoch());
        assertEquals(next, epoch(b, b.newBatch(), new ArrayList<>()));
    }

    @Test
    void restoredStateMidEpochResumesAtTheSamePosition() {
        MiniBatches a = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = a.newBatch();
        epoch(a, batch, new ArrayList<>());
        assertTrue(a.next(batch));
        assertTrue(a.next(batch));
        MiniBatches.State state = a.saveState();
        assertEquals(10, state.position());
        List<Integer> rest = epoch(a, batch, new ArrayList<>());
        List<Integer> following = epoch(a, batch, new ArrayList<>());

        MiniBatches b = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(999));
        b.restoreState(state);
        Batch bb = b.newBatch();
        assertEquals(rest, epoch(b, bb, new ArrayList<>()));
        assertEquals(following, epoch(b, bb, new ArrayList<>()));
    }

    @Test
    void stateBytesAreCopied() {
        MiniBatches a = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        MiniBatches.State s = a.saveState();
        byte[] bytes = s.rngState();
        bytes[0] ^= 1;
        assertFalse(java.util.Arrays.equals(bytes, s.rngState()));
    }

    @Test
    void aBatchSizeBeyondTheDataAllocatesRowsForTheDataOnly() {
        MiniBatches whole = MiniBatches.shuffled(DATA, 1_000_000, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = whole.newBatch();
        assertEquals(DATA.size(), whole.largestBatch());
        assertEquals(DATA.size(), batch.capacity());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = epoch(whole, batch, sizes);
        assertEquals(List.of(DATA.size()), sizes, "one batch of every sample");
        assertEquals(seen, epoch(MiniBatches.shuffled(DATA, DATA.size(), MiniBatches.LastBatch.KEEP, rng(SEED)),
                new Batch(DATA.size(), DATA.featureCount(), DATA.numClasses()), new ArrayList<>()),
                "the same order as a batch of exactly the data size");
    }

    @Test
    void validation() {
        assertEquals("batchSize must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> MiniBatches.shuffled(DATA, 0, MiniBatches.LastBatch.KEEP, rng(SEED))).getMessage());
        assertEquals("batchSize must be at most 23 (the size of synthetic-train) when the last partial batch is dropped, got 24",
                assertThrows(IllegalArgumentException.class,
                        () -> MiniBatches.shuffled(DATA, 24, MiniBatches.LastBatch.DROP, rng(SEED))).getMessage());
        MiniBatches b = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        assertEquals("batch must have capacity at least 5, 6 features and 3 classes to hold batches of synthetic-train,"
                + " got capacity 4, 6 features and 3 classes",
                assertThrows(IllegalArgumentException.class, () -> b.next(new Batch(4, 6, 3))).getMessage());
        assertEquals("position must be at most 23 (the samples per epoch), got 24", assertThrows(IllegalArgumentException.class,
                () -> b.restoreState(new MiniBatches.State(0, 24, b.saveState().rngState()))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> b.restoreState(new MiniBatches.State(0, 0, new byte[3]))).getMessage()
                .startsWith("rngState does not fit this batcher's generator (3 bytes)"));
        MiniBatches s = MiniBatches.sequential(DATA, 5);
        assertEquals("rngState must be empty for a sequential batcher, got 2 bytes", assertThrows(IllegalArgumentException.class,
                () -> s.restoreState(new MiniBatches.State(0, 0, new byte[2]))).getMessage());
        assertEquals("epoch must be non-negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> new MiniBatches.State(-1, 0, new byte[0])).getMessage());
        assertEquals("position must be non-negative, got -1", assertThrows(IllegalArgumentException.class,
                () -> new MiniBatches.State(0, -1, new byte[0])).getMessage());
        assertEquals("batch capacity must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Batch(0, 1, 1)).getMessage());
        assertEquals("featureCount must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Batch(1, 0, 1)).getMessage());
        assertEquals("numClasses must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Batch(1, 1, 0)).getMessage());
    }

    @Test
    void aSmallerBatchReusesTheSameArrays() {
        MiniBatches b = MiniBatches.shuffled(DATA, 5, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = b.newBatch();
        float[] features = batch.features().data;
        int[] labels = batch.labels().ids();
        epoch(b, batch, new ArrayList<>());
        assertTrue(features == batch.features().data && labels == batch.labels().ids());
        assertArrayEquals(new int[] {5, 6}, new int[] {batch.capacity(), batch.features().numCols});
    }

    /**
     * One object per batch would cost at least 16 bytes (the smallest Java object) per call, so
     * about 16 000 bytes over the ~1000 measured calls; the slack only absorbs one-off runtime
     * allocations (JIT deoptimisation, the measurement itself).
     */
    private static final long ALLOCATION_SLACK_BYTES = 4096;

    @Test
    void servingBatchesDoesNotAllocateWithinAnEpoch() {
        Dataset data = new SyntheticClassification(3, 6, 2, 1, 4, 0.5, 0.0).generate(2000, 1, SEED).train();
        MiniBatches batches = MiniBatches.shuffled(data, 1, MiniBatches.LastBatch.KEEP, rng(SEED));
        Batch batch = batches.newBatch();
        for (int i = 0; i < 1000; i++) {
            assertTrue(batches.next(batch));
        }
        long bytes = org.opudfa.dfa.optim.AllocationMeter.allocatedBytes(() -> {
            for (int i = 0; i < 999; i++) {
                batches.next(batch);
            }
        });
        assertTrue(bytes < ALLOCATION_SLACK_BYTES, "999 batches allocated " + bytes + " bytes");
    }
}

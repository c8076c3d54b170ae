package org.opudfa.dfa.data;

import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Epochs of mini-batches over a {@link Dataset}: at the start of each epoch the sample order is
 * permuted (Fisher–Yates, from a seeded generator) or kept in dataset order, and
 * {@link #next(Batch)} copies the next {@code batchSize} samples of that order into the
 * caller's reused {@link Batch}, allocating nothing.
 *
 * <pre>{@code
 * MiniBatches batches = MiniBatches.shuffled(train, 64, MiniBatches.LastBatch.KEEP, streams.stream("data.shuffle"));
 * Batch batch = batches.newBatch();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     while (batches.next(batch)) {
 *         // train on batch.features(), batch.labels()
 *     }
 * }
 * }</pre>
 *
 * <p>The last batch of an epoch has {@code size mod batchSize} samples when that is not zero;
 * {@link LastBatch} says whether to keep it or drop those samples for the epoch.
 *
 * <p>For checkpoints, {@link #saveState()} captures the epoch number, the position within the
 * epoch and the generator's state from just before this epoch's permutation was drawn;
 * {@link #restoreState(State)} redraws that permutation and resumes at the same position, so a
 * resumed run sees exactly the batches the uninterrupted run would have seen. Not thread-safe.
 */
public final class MiniBatches {

    /** What to do with the samples left over when the dataset size is not a multiple of the batch size. */
    public enum LastBatch {
        /** Serve them as a smaller last batch. */
        KEEP,
        /** Skip them for this epoch (with shuffling, different samples are skipped each epoch). */
        DROP
    }

    /**
     * A checkpoint of the batcher.
     *
     * @param epoch    the number of epochs completed
     * @param position the number of samples of the current epoch already served
     * @param rngState the generator's state before the current epoch's permutation was drawn,
     *                 as {@link RandomProviderDefaultState} bytes; empty when not shuffling
     */
    public record State(long epoch, int position, byte[] rngState) {

        /**
         * Validates the components.
         *
         * @param epoch    the number of epochs completed
         * @param position the number of samples of the current epoch already served
         * @param rngState the generator's state before the current epoch's permutation was drawn,
         *        as {@link RandomProviderDefaultState} bytes; empty when not shuffling
         * @throws IllegalArgumentException if epoch or position is negative
         */
        public State {
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
            }
            if (position < 0) {
                throw new IllegalArgumentException("position must be non-negative, got " + position);
            }
            rngState = rngState.clone();
        }

        /** @return a copy of the generator state bytes */
        @Override
        public byte[] rngState() {
            return rngState.clone();
        }
    }

    private final Dataset data;
    private final int batchSize;
    private final LastBatch lastBatch;
    private final RestorableUniformRandomProvider rng;
    private final int[] order;
    private final int samplesPerEpoch;
    private long epoch;
    private int position;
    private boolean permuted;
    private byte[] epochStartState;

    private MiniBatches(Dataset data, int batchSize, LastBatch lastBatch, RestorableUniformRandomProvider rng) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastBatch, "lastBatch");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (lastBatch == LastBatch.DROP && batchSize > data.size()) {
            throw new IllegalArgumentException("batchSize must be at most " + data.size() + " (the size of " + data.name()
                    + ") when the last partial batch is dropped, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.lastBatch = lastBatch;
        this.rng = rng;
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.samplesPerEpoch = lastBatch == LastBatch.DROP ? data.size() - data.size() % batchSize : data.size();
        this.epochStartState = new byte[0];
    }

    /**
     * @param data      the data
     * @param batchSize samples per batch, at least 1 (and at most the data size with {@link LastBatch#DROP})
     * @param lastBatch what to do with a last partial batch
     * @param rng       the seeded generator that permutes every epoch (normally its own named stream); held
     * @return a batcher that reshuffles every epoch
     * @throws IllegalArgumentException if the batch size is out of range
     */
    public static MiniBatches shuffled(Dataset data, int batchSize, LastBatch lastBatch, RestorableUniformRandomProvider rng) {
        return new MiniBatches(data, batchSize, lastBatch, Objects.requireNonNull(rng, "rng"));
    }

    /**
     * @param data      the data
     * @param batchSize samples per batch, at least 1
     * @return a batcher that serves the samples in dataset order, keeping the last partial batch (for evaluation)
     * @throws IllegalArgumentException if the batch size is below 1
     */
    public static MiniBatches sequential(Dataset data, int batchSize) {
        return new MiniBatches(data, batchSize, LastBatch.KEEP, null);
    }

    /**
     * @return a batch whose buffers fit this batcher: as many rows as its {@link #largestBatch()},
     *     not the batch size, so a batch size beyond the data size allocates nothing for it
     */
    public Batch newBatch() {
        return new Batch(largestBatch(), data.featureCount(), data.numClasses());
    }

    /** @return the most samples one batch holds: the batch size, or the samples of an epoch when fewer */
    public int largestBatch() {
        return Math.max(1, Math.min(batchSize, samplesPerEpoch));
    }

    /**
     * Fills {@code out} with the next batch of the current epoch, permuting first if the epoch is
     * starting. Allocates nothing except the generator-state snapshot once per shuffled epoch.
     *
     * @param out the buffers to fill, from {@link #newBatch()} or of at least the same capacity and widths
     *            (a capacity of {@link #largestBatch()})
     * @return true if {@code out} now holds a batch; false at the end of the epoch, in which case
     *     {@code out} is untouched and the next call starts a new epoch
     * @throws IllegalArgumentException if {@code out} does not fit this data and batch size
     */
    public boolean next(Batch out) {
        if (!out.fits(data, largestBatch())) {
            throw new IllegalArgumentException("batch must have capacity at least " + largestBatch() + ", "
                    + data.featureCount() + " features and " + data.numClasses() + " classes to hold batches of "
                    + data.name() + ", got capacity " + out.capacity() + ", " + out.features().numCols + " features and "
                    + out.numClasses() + " classes");
        }
        if (position >= samplesPerEpoch) {
            epoch++;
            position = 0;
            permuted = false;
            return false;
        }
        if (!permuted) {
            permute();
        }
        int count = Math.min(batchSize, samplesPerEpoch - position);
        out.fill(data, order, position, count);
        position += count;
        return true;
    }

    private void permute() {
        if (rng != null) {
            epochStartState = ((RandomProviderDefaultState) rng.saveState()).getState();
            // Start from the identity so an epoch's order depends on the generator state alone,
            // not on the previous epoch's order: that is what makes a checkpoint restorable.
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        permuted = true;
    }

    /** @return the number of batches {@link #next} serves per epoch */
    public int batchesPerEpoch() {
        return (samplesPerEpoch + batchSize - 1) / batchSize;
    }

    /** @return the number of samples served per epoch (the data size, less the dropped remainder) */
    public int samplesPerEpoch() {
        return samplesPerEpoch;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the number of epochs completed */
    public long epoch() {
        return epoch;
    }

    /** @return the number of samples of the current epoch already served */
    public int position() {
        return position;
    }

    /** @return the dataset served */
    public Dataset dataset() {
        return data;
    }

    /** @return a checkpoint of the epoch, position and generator state */
    public State saveState() {
        byte[] rngState;
        if (rng == null) {
            rngState = new byte[0];
        } else if (permuted) {
            rngState = epochStartState;
        } else {
            rngState = ((RandomProviderDefaultState) rng.saveState()).getState();
        }
        return new State(epoch, position, rngState);
    }

    /**
     * Returns to a checkpoint taken by {@link #saveState()} on a batcher over the same data with
     * the same batch size, policy and kind of generator.
     *
     * @param state the checkpoint
     * @throws IllegalArgumentException if the position is beyond an epoch or the generator state does not fit
     */
    public void restoreState(State state) {
        if (state.position() > samplesPerEpoch) {
            throw new IllegalArgumentException("position must be at most " + samplesPerEpoch
                    + " (the samples per epoch), got " + state.position());
        }
        byte[] bytes = state.rngState();
        if (rng == null) {
            if (bytes.length != 0) {
                throw new IllegalArgumentException("rngState must be empty for a sequential batcher, got "
                        + bytes.length + " bytes");
            }
        } else {
            try {
                rng.restoreState(new RandomProviderDefaultState(bytes));
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("rngState does not fit this batcher's generator ("
                        + bytes.length + " bytes): " + e.getMessage(), e);
            }
        }
        epoch = state.epoch();
        position = state.position();
        permuted = false;
        if (position > 0) {
            permute();
        }
    }
}

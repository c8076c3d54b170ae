package org.opudfa.dfa.data;

import org.opudfa.dfa.nn.Feed;

/**
 * Where a run's batches come from, epoch after epoch: rows of a data set, windows of a token
 * stream, a whole graph with node masks, rays of a scene, records of a click log. A source fills
 * a {@link Feed} it made ({@link #newFeed()}), reusing its buffers, and can save and restore its
 * position so that a resumed run sees exactly the batches the uninterrupted run would have seen.
 */
public interface BatchSource {

    /** @return a feed whose buffers fit this source's batches */
    Feed newFeed();

    /**
     * Fills {@code feed} with the next batch of the current epoch.
     *
     * @param feed a feed from {@link #newFeed()}
     * @return true if {@code feed} now holds a batch; false at the end of the epoch ({@code feed}
     *     untouched; the next call starts a new epoch)
     */
    boolean next(Feed feed);

    /** @return the number of batches {@link #next} serves per epoch */
    int batchesPerEpoch();

    /**
     * @param feed a feed holding a batch
     * @return how many items the batch counts for throughput (samples, tokens, rays, …)
     */
    int items(Feed feed);

    /** @return what an item is, plural, for throughput columns: {@code "samples"}, {@code "tokens"} */
    String itemName();

    /** @return the position within the epochs and the generator state, for a checkpoint */
    MiniBatches.State saveState();

    /**
     * @param state a state saved by a source built alike
     * @throws IllegalArgumentException if the state does not fit this source
     */
    void restoreState(MiniBatches.State state);
}

package org.opudfa.dfa.data;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/**
 * Mini-batches of rows of a {@link Dataset} as a {@link BatchSource}: each batch puts the rows'
 * features under {@link #FEATURES} and their class ids under {@link #LABELS}. Epochs, order and
 * checkpoints are those of the {@link MiniBatches} it wraps.
 */
public final class RowBatches implements BatchSource {

    /** The batch's features, rows × feature count. */
    public static final Feed.Key<FMatrixRMaj> FEATURES = Feed.Key.of("features", FMatrixRMaj.class);
    /** The batch's class ids, one per row. */
    public static final Feed.Key<Labels> LABELS = Feed.Key.of("labels", Labels.class);
    private static final Feed.Key<Batch> BUFFERS = Feed.Key.of("row batch buffers", Batch.class);

    private final MiniBatches batches;

    /**
     * @param batches the batcher to serve
     */
    public RowBatches(MiniBatches batches) {
        this.batches = Objects.requireNonNull(batches, "batches");
    }

    /** @return the batcher served */
    public MiniBatches batches() {
        return batches;
    }

    @Override
    public Feed newFeed() {
        Batch batch = batches.newBatch();
        return new Feed().put(BUFFERS, batch).put(FEATURES, batch.features()).put(LABELS, batch.labels());
    }

    @Override
    public boolean next(Feed feed) {
        return batches.next(feed.get(BUFFERS));
    }

    @Override
    public int batchesPerEpoch() {
        return batches.batchesPerEpoch();
    }

    @Override
    public int items(Feed feed) {
        return feed.get(BUFFERS).size();
    }

    @Override
    public String itemName() {
        return "samples";
    }

    @Override
    public MiniBatches.State saveState() {
        return batches.saveState();
    }

    @Override
    public void restoreState(MiniBatches.State state) {
        batches.restoreState(state);
    }
}

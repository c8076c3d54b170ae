package org.opudfa.dfa.data;


import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;

/**
 * Reusable buffers for one mini-batch, filled by {@link MiniBatches#next(Batch)}: features
 * ({@code size × featureCount}), class labels and the dataset index of each row. Allocated once with a capacity; a smaller last batch reshapes the
 * matrices to {@code size} rows without reallocating.
 */
public final class Batch {

    private final int capacity;
    private final FMatrixRMaj features;
    private final int numClasses;
    private final Labels labels;
    private final int[] indices;
    private int size;

    /**
     * @param capacity     the largest batch it can hold, at least 1
     * @param featureCount features per sample, at least 1
     * @param numClasses   number of classes, at least 1
     * @throws IllegalArgumentException if a size is below 1
     */
    public Batch(int capacity, int featureCount, int numClasses) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("featureCount must be at least 1, got " + featureCount);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        this.capacity = capacity;
        this.features = new FMatrixRMaj(capacity, featureCount);
        this.numClasses = numClasses;
        this.labels = new Labels(capacity);
        this.indices = new int[capacity];
        this.size = 0;
    }

    /** @return the largest number of samples it can hold */
    public int capacity() {
        return capacity;
    }

    /** @return the number of samples currently held; the matrices have this many rows */
    public int size() {
        return size;
    }

    /** @return the features, {@code size × featureCount}; reused by the next fill */
    public FMatrixRMaj features() {
        return features;
    }

    /** @return the class labels, {@link #size()} of them; reused by the next fill */
    public Labels labels() {
        return labels;
    }

    /** @return the number of classes the labels range over */
    public int numClasses() {
        return numClasses;
    }

    /**
     * @param row a row of this batch, below {@link #size()}
     * @return the index in the dataset of the sample in that row
     */
    public int index(int row) {
        return indices[row];
    }

    /** Fills the buffers with the samples {@code order[from … from+count−1]} of {@code data}. */
    void fill(Dataset data, int[] order, int from, int count) {
        int f = data.featureCount();
        features.reshape(count, f);
        labels.resize(count);
        int[] ids = labels.ids();
        for (int r = 0; r < count; r++) {
            int i = order[from + r];
            data.copySample(i, features.data, r * f);
            ids[r] = data.label(i);
            indices[r] = i;
        }
        size = count;
    }

    /** Whether this batch's buffers fit {@code data} with batches of up to {@code batchSize}. */
    boolean fits(Dataset data, int batchSize) {
        return capacity >= batchSize && features.numCols == data.featureCount() && numClasses == data.numClasses();
    }
}

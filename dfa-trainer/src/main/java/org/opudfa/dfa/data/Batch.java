package org.opudfa.dfa.data;

import java.util.Arrays;

import org.ejml.data.FMatrixRMaj;

/**
 * Reusable buffers for one mini-batch, filled by {@link MiniBatches#next(Batch)}: features
 * ({@code size × featureCount}), one-hot targets ({@code size × numClasses}), labels and the
 * dataset index of each row. Allocated once with a capacity; a smaller last batch reshapes the
 * matrices to {@code size} rows without reallocating.
 */
public final class Batch {

    private final int capacity;
    private final FMatrixRMaj features;
    private final FMatrixRMaj targets;
    private final int[] labels;
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
        this.targets = new FMatrixRMaj(capacity, numClasses);
        this.labels = new int[capacity];
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

    /** @return the one-hot targets, {@code size × numClasses}: row {@code r} is 1 at column {@code label(r)}, 0 elsewhere */
    public FMatrixRMaj targets() {
        return targets;
    }

    /** @return the labels; only the first {@link #size()} entries are meaningful; reused by the next fill */
    public int[] labels() {
        return labels;
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
        int k = data.numClasses();
        features.reshape(count, f);
        targets.reshape(count, k);
        Arrays.fill(targets.data, 0, count * k, 0f);
        for (int r = 0; r < count; r++) {
            int i = order[from + r];
            data.copySample(i, features.data, r * f);
            int label = data.label(i);
            labels[r] = label;
            indices[r] = i;
            targets.data[r * k + label] = 1f;
        }
        size = count;
    }

    /** Whether this batch's buffers fit {@code data} with batches of up to {@code batchSize}. */
    boolean fits(Dataset data, int batchSize) {
        return capacity >= batchSize && features.numCols == data.featureCount() && targets.numCols == data.numClasses();
    }
}

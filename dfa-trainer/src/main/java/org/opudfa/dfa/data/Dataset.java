package org.opudfa.dfa.data;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * An immutable labelled dataset for classification: a batch-major feature matrix
 * ({@code size × featureCount}, one sample per row, float), one class index per sample in
 * {@code 0 … numClasses−1}, a name, and the {@link DataSource} it came from.
 *
 * <p>Image datasets read from IDX files hold pixel intensities scaled to {@code [0, 1]}
 * ({@code byte / 255}); {@link FeatureStandardisation} turns them into zero-mean, unit-variance
 * features when wanted. The feature matrix is never handed out for writing: read it through
 * {@link #feature}, {@link #copySample} or {@link #featuresCopy()}.
 */
public final class Dataset {

    private final String name;
    private final FMatrixRMaj features;
    private final int[] labels;
    private final int numClasses;
    private final DataSource source;

    /** Adopts its arrays after validating them; used by package code that built them fresh. */
    Dataset(String name, FMatrixRMaj features, int[] labels, int numClasses, DataSource source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        if (features.numRows != labels.length) {
            throw new IllegalArgumentException("features must have one row per label (" + labels.length + " rows), got "
                    + features.numRows + "×" + features.numCols);
        }
        if (features.numCols < 1) {
            throw new IllegalArgumentException("features must have at least 1 column, got " + features.numCols);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
                        + " is out of range; labels must be between 0 and " + (numClasses - 1));
            }
        }
        int n = features.getNumElements();
        float[] d = features.data;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException("feature (" + i / features.numCols + ", " + i % features.numCols
                        + ") must be finite, got " + d[i]);
            }
        }
        this.name = name;
        this.features = features;
        this.labels = labels;
        this.numClasses = numClasses;
        this.source = source;
    }

    /**
     * @param name       a short name, e.g. {@code "fashion-mnist-train"}; not blank
     * @param features   samples × features, finite; copied
     * @param labels     one class index per row, in {@code 0 … numClasses−1}; copied
     * @param numClasses the number of classes, at least 1
     * @param source     where the data came from
     * @return the dataset
     * @throws IllegalArgumentException if the shapes disagree, a label is out of range, a feature
     *                                  is not finite or the name is blank
     */
    public static Dataset of(String name, FMatrixRMaj features, int[] labels, int numClasses, DataSource source) {
        return new Dataset(name, features.copy(), labels.clone(), numClasses, source);
    }

    /** @return the dataset's name */
    public String name() {
        return name;
    }

    /** @return where the data came from */
    public DataSource source() {
        return source;
    }

    /** @return the number of samples */
    public int size() {
        return labels.length;
    }

    /** @return the number of features per sample */
    public int featureCount() {
        return features.numCols;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /**
     * @param sample the sample's index
     * @return its class
     */
    public int label(int sample) {
        return labels[sample];
    }

    /** @return a copy of all labels */
    public int[] labelsCopy() {
        return labels.clone();
    }

    /**
     * @param sample  the sample's index
     * @param feature the feature's index
     * @return that feature of that sample
     */
    public float feature(int sample, int feature) {
        return features.unsafe_get(sample, feature);
    }

    /**
     * Copies one sample's features into {@code dst[offset … offset+featureCount−1]}; allocates nothing.
     *
     * @param sample the sample's index
     * @param dst    destination array
     * @param offset first index written
     */
    public void copySample(int sample, float[] dst, int offset) {
        System.arraycopy(features.data, sample * features.numCols, dst, offset, features.numCols);
    }

    /** @return a copy of the feature matrix, size × featureCount */
    public FMatrixRMaj featuresCopy() {
        return features.copy();
    }

    /** @return how many samples each class has, indexed by class */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * @param count how many samples to keep, {@code 1 ≤ count ≤ size()}
     * @return the first {@code count} samples, for quick runs
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public Dataset subset(int count) {
        if (count < 1 || count > size()) {
            throw new IllegalArgumentException("subset count must be between 1 and " + size() + " (the size of "
                    + name + "), got " + count);
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return select(indices, name + "[0:" + count + "]", "first " + count + " samples");
    }

    /**
     * @param indices     the samples to keep, in the order wanted; each in {@code 0 … size()−1}
     * @param newName     the name of the result
     * @param description what the selection is, appended to the source description
     * @return a dataset of the selected samples with the same number of classes
     * @throws IllegalArgumentException if an index is out of range or none is given
     */
    public Dataset select(int[] indices, String newName, String description) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("a selection from " + name + " must keep at least 1 sample, got 0");
        }
        int cols = features.numCols;
        FMatrixRMaj x = new FMatrixRMaj(indices.length, cols);
        int[] y = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("selected index " + i + " is out of range; " + name
                        + " has samples 0 to " + (size() - 1));
            }
            System.arraycopy(features.data, i * cols, x.data, r * cols, cols);
            y[r] = labels[i];
        }
        return new Dataset(newName, x, y, numClasses, source.derived(description));
    }

    /** Read-only access for package code that copies rows in bulk (batching, standardisation). */
    float[] rawFeatures() {
        return features.data;
    }

    /** @return the name and the shape, e.g. {@code "fashion-mnist-train (60000 samples × 784 features, 10 classes)"} */
    @Override
    public String toString() {
        return name + " (" + size() + " samples × " + featureCount() + " features, " + numClasses + " classes)";
    }
}

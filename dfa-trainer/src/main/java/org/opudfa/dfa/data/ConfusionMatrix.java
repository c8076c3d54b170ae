package org.opudfa.dfa.data;

import org.ejml.data.FMatrixRMaj;

/**
 * Counts of (true class, predicted class) pairs, where the prediction is the argmax of a row of
 * logits (the first maximum on ties). Accuracy is the trace over the total. Accumulates over
 * batches without allocating.
 */
public final class ConfusionMatrix {

    private final int numClasses;
    private final long[] counts;
    private long total;
    private long correct;

    /**
     * @param numClasses the number of classes, at least 1
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses * numClasses];
    }

    /**
     * @param logits batch × numClasses scores
     * @param row    the row
     * @return the column of the row's largest score (the first one on ties)
     */
    public static int argmax(FMatrixRMaj logits, int row) {
        int cols = logits.numCols;
        int base = row * cols;
        float[] d = logits.data;
        int best = 0;
        float bestValue = d[base];
        for (int j = 1; j < cols; j++) {
            if (d[base + j] > bestValue) {
                bestValue = d[base + j];
                best = j;
            }
        }
        return best;
    }

    /**
     * Adds one count per row: at (labels[r], argmax of row r).
     *
     * @param logits batch × numClasses scores
     * @param labels the true classes; at least {@code logits.numRows} entries, the rest ignored
     * @throws IllegalArgumentException if the widths disagree, labels are too few or a label is out of range
     */
    public void add(FMatrixRMaj logits, int[] labels) {
        if (logits.numCols != numClasses) {
            throw new IllegalArgumentException("logits must have " + numClasses + " columns, got "
                    + logits.numRows + "×" + logits.numCols);
        }
        if (labels.length < logits.numRows) {
            throw new IllegalArgumentException("labels must have at least " + logits.numRows
                    + " entries (one per row of logits), got " + labels.length);
        }
        for (int r = 0; r < logits.numRows; r++) {
            int actual = labels[r];
            if (actual < 0 || actual >= numClasses) {
                throw new IllegalArgumentException("label " + actual + " of row " + r
                        + " is out of range; labels must be between 0 and " + (numClasses - 1));
            }
            int predicted = argmax(logits, r);
            counts[actual * numClasses + predicted]++;
            total++;
            if (predicted == actual) {
                correct++;
            }
        }
    }

    /** Sets every count to zero. */
    public void reset() {
        java.util.Arrays.fill(counts, 0L);
        total = 0;
        correct = 0;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /**
     * @param actual    the true class
     * @param predicted the predicted class
     * @return how many samples of class {@code actual} were predicted as {@code predicted}
     */
    public long count(int actual, int predicted) {
        return counts[actual * numClasses + predicted];
    }

    /** @return the number of samples counted */
    public long total() {
        return total;
    }

    /** @return the number of samples whose prediction equals their class */
    public long correct() {
        return correct;
    }

    /** @return correct / total, or NaN before anything is counted */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * @param c a class
     * @return the share of samples of class {@code c} predicted as {@code c}, or NaN if none was counted
     */
    public double recall(int c) {
        long row = 0;
        for (int p = 0; p < numClasses; p++) {
            row += counts[c * numClasses + p];
        }
        return row == 0 ? Double.NaN : (double) counts[c * numClasses + c] / row;
    }
}

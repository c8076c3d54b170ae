package org.opudfa.dfa.loss;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;

/**
 * Softmax cross-entropy on logits against class ids, mean over the labelled items:
 * {@code L = (1/N)·Σ_{r labelled} (logΣexp(ŷ_r) − ŷ_{r,y_r})}, with the row maximum subtracted
 * first, in double; N is the number of items whose id is not {@link Labels#IGNORE}. Gradient:
 * {@code e_r = (softmax(ŷ_r) − onehot(y_r))/N} on labelled rows, 0 on the others (unlabelled
 * nodes of a graph, padding of a sequence).
 */
public final class SoftmaxCrossEntropy implements Loss {

    /**
     * Multiple of ln k, the cross-entropy of the uniform prediction over k classes, in the
     * softmax cross-entropy bound: 10. A fresh network predicts nearly uniformly, so its loss sits
     * near ln k and training lowers it. A mean loss of 10·ln k means the true class gets, in
     * geometric mean, probability k<sup>−10</sup>: the network is confidently wrong on nearly
     * every sample, which a run that learns never is, while blown-up weights (logits in the
     * thousands) land there within a step.
     */
    public static final double UNIFORM_LOSS_MULTIPLE = 10;

    /**
     * Nats added to the softmax cross-entropy bound, 10: for few classes 10·ln k alone is small
     * (6.9 for two classes) and within reach of a bad but recoverable batch; the margin keeps the
     * bound above that without mattering for many classes.
     */
    public static final double CROSS_ENTROPY_MARGIN = 10;

    private final Feed.Key<Labels> labels;

    /**
     * @param labels where the batch holds the class ids
     */
    public SoftmaxCrossEntropy(Feed.Key<Labels> labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    /** @return where the batch holds the class ids */
    public Feed.Key<Labels> labelsKey() {
        return labels;
    }

    @Override
    public double value(FMatrixRMaj prediction, Feed batch) {
        return compute(prediction, batch.get(labels), null);
    }

    @Override
    public double valueAndGradient(FMatrixRMaj prediction, Feed batch, FMatrixRMaj gradient) {
        if (gradient == prediction) {
            throw new IllegalArgumentException("the gradient buffer must not be the prediction");
        }
        gradient.reshape(prediction.numRows, prediction.numCols);
        return compute(prediction, batch.get(labels), gradient);
    }

    /**
     * @param prediction logits, rows × k
     * @param labels     one class id (or {@link Labels#IGNORE}) per row
     * @param gradient   where to write e, rows × k, or null for the value only
     * @return the mean loss over labelled rows (0 if none is labelled)
     */
    public static double compute(FMatrixRMaj prediction, Labels labels, FMatrixRMaj gradient) {
        int rows = prediction.numRows;
        int k = prediction.numCols;
        if (rows < 1) {
            throw new IllegalArgumentException("batch must have at least 1 row, got 0");
        }
        int labelled = labels.requireFits(rows, k);
        float[] z = prediction.data;
        int[] ids = labels.ids();
        double invCount = labelled == 0 ? 0.0 : 1.0 / labelled;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            int y = ids[r];
            if (y == Labels.IGNORE) {
                if (gradient != null) {
                    java.util.Arrays.fill(gradient.data, base, base + k, 0f);
                }
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[base + j]);
            }
            double sumExp = 0;
            for (int j = 0; j < k; j++) {
                sumExp += Math.exp(z[base + j] - max);
            }
            double logZ = max + Math.log(sumExp);
            total += logZ - z[base + y];
            if (gradient != null) {
                float[] g = gradient.data;
                for (int j = 0; j < k; j++) {
                    g[base + j] = (float) ((Math.exp(z[base + j] - logZ) - (j == y ? 1.0 : 0.0)) * invCount);
                }
            }
        }
        return total * invCount;
    }

    /**
     * The divergence bound for softmax cross-entropy (in nats) over k classes:
     * {@code UNIFORM_LOSS_MULTIPLE · ln k + CROSS_ENTROPY_MARGIN}, 33.0 for 10 classes.
     *
     * @param classes the number of classes k, at least 1
     * @return the bound
     * @throws IllegalArgumentException if there are no classes
     */
    @Override
    public double divergenceBound(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("the number of classes must be at least 1, got " + classes);
        }
        return UNIFORM_LOSS_MULTIPLE * Math.log(classes) + CROSS_ENTROPY_MARGIN;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}

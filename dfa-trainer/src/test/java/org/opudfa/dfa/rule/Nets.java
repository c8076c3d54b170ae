package org.opudfa.dfa.rule;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.task.mlp.Activation;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** Small seeded models and batches for the rule tests. */
final class Nets {

    static final Gemm GEMM = Gemm.singleThreaded();

    /** Softmax cross-entropy on the class ids of a {@link #batch}. */
    static final Loss LOSS = new SoftmaxCrossEntropy(RowBatches.LABELS);

    private Nets() {
    }

    /**
     * The MLP task's classifier: Dense + Tanh blocks of the given widths, each with a feedback
     * point, then a dense head to k classes. Two calls with the same arguments build identical
     * models.
     */
    static Graph mlp(long seed, int in, int[] hidden, int k) {
        return MlpTask.classifier(in, hidden, Activation.TANH, k, RandomStreams.of(seed).stream("init"), GEMM);
    }

    /** The dense layer of block l of {@link #mlp}. */
    static Dense hidden(Graph model, int l) {
        return dense(model, "block" + l + ".dense");
    }

    /** The head of {@link #mlp}. */
    static Dense head(Graph model) {
        return dense(model, "head");
    }

    /** The dense layer of that name in a model. */
    static Dense dense(Graph model, String name) {
        for (Module m : model.modules()) {
            if (m.name().equals(name)) {
                return (Dense) m;
            }
        }
        throw new IllegalArgumentException("the model has no module " + name);
    }

    /** A batch holding features {@code x} and class ids {@code labels}, as {@link RowBatches} serves it. */
    static Feed batch(FMatrixRMaj x, Labels labels) {
        return new Feed().put(RowBatches.FEATURES, x).put(RowBatches.LABELS, labels);
    }

    /** A batch of features uniform in [−1, 1) and uniform class ids. */
    static Feed batch(int rows, int width, int k, UniformRandomProvider rng) {
        return batch(uniform(rows, width, rng), labels(rows, k, rng));
    }

    /** Entries uniform in [−1, 1). */
    static FMatrixRMaj uniform(int rows, int cols, UniformRandomProvider rng) {
        return GradientCheck.uniform(rows, cols, rng);
    }

    static Labels labels(int rows, int k, UniformRandomProvider rng) {
        Labels labels = new Labels(rows);
        labels.resize(rows);
        for (int r = 0; r < rows; r++) {
            labels.ids()[r] = rng.nextInt(k);
        }
        return labels;
    }

    static FMatrixRMaj transpose(FMatrixRMaj m) {
        FMatrixRMaj t = new FMatrixRMaj(m.numCols, m.numRows);
        for (int r = 0; r < m.numRows; r++) {
            for (int c = 0; c < m.numCols; c++) {
                t.set(c, r, m.get(r, c));
            }
        }
        return t;
    }

    /** Plain SGD on the given parameters: θ ← θ − lr·∂θ. */
    static void sgd(List<Parameter> parameters, float lr) {
        for (Parameter p : parameters) {
            float[] v = p.value().data;
            float[] g = p.grad().data;
            for (int i = 0; i < p.size(); i++) {
                v[i] -= lr * g[i];
            }
        }
    }

    /** Largest |a − b| over all entries. */
    static double maxAbsDiff(FMatrixRMaj a, FMatrixRMaj b) {
        double max = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            max = Math.max(max, Math.abs((double) a.data[i] - b.data[i]));
        }
        return max;
    }
}

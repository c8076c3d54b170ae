package org.opudfa.dfa.rule;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Dense;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.Sequential;
import org.opudfa.dfa.nn.Tanh;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** Small seeded networks and batches for the rule tests. */
final class Nets {

    static final Gemm GEMM = Gemm.singleThreaded();

    private Nets() {
    }

    /**
     * Dense + Tanh blocks of the given widths, then a dense head to k classes, softmax
     * cross-entropy. Two calls with the same arguments build identical networks.
     */
    static Network mlp(long seed, int in, int[] hidden, int k) {
        RandomStreams streams = RandomStreams.of(seed);
        List<Layer> blocks = new ArrayList<>();
        int w = in;
        for (int l = 0; l < hidden.length; l++) {
            String name = "h" + l;
            blocks.add(Sequential.of(new Dense(name, w, hidden[l], streams.stream(name), GEMM), new Tanh()));
            w = hidden[l];
        }
        return new Network(in, blocks, new Dense("out", w, k, streams.stream("out"), GEMM), new SoftmaxCrossEntropy());
    }

    static FMatrixRMaj uniform(int rows, int cols, UniformRandomProvider rng) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (2.0 * rng.nextDouble() - 1.0);
        }
        return m;
    }

    static FMatrixRMaj oneHot(int rows, int k, UniformRandomProvider rng) {
        FMatrixRMaj t = new FMatrixRMaj(rows, k);
        for (int r = 0; r < rows; r++) {
            t.set(r, rng.nextInt(k), 1f);
        }
        return t;
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

    static Dense dense(Layer block, int index) {
        return (Dense) block.children().get(index);
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

package org.opudfa.dfa.task.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.LinearMap;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * The linear part of a graph layer, without bias: {@code Z = X·Wᵀ}, weights {@code W} of shape
 * out × in, one row of Z per node. Graph convolutions apply W before propagating ({@code Â·X·Wᵀ}
 * costs less than {@code (Â·X)·Wᵀ} when out < in), so a layer is a projection followed by a
 * {@link Propagation}, a {@link ChebyshevPropagation} or a {@link GraphAttention}, which add the
 * bias.
 *
 * <p>X is either a tensor of the model ({@link #ofTensor}: a hidden layer) or the batch's sparse
 * node features ({@link #ofFeatures}: the first layer, with no tensor input), multiplied as a
 * sparse matrix — a bag of words has about 1% ones, so this is some fifty times cheaper than a
 * dense product — with dropout on its stored entries during training (inverted: kept entries
 * scaled by {@code 1/(1 − p)}; the zeros would stay zero anyway).
 *
 * <p>Backward, for {@code G = ∂L/∂Z}: {@code ∂W += Gᵀ·X} and, for a tensor input,
 * {@code ∂X = G·W}, or {@code G·B} under feedback alignment ({@link #setFeedbackMatrix}).
 */
public final class Projection implements LinearMap {

    private final String name;
    private final int inputWidth;
    private final int outputWidth;
    private final Feed.Key<CsrMatrix> features;
    private final float dropout;
    private final float keepScale;
    private final RestorableUniformRandomProvider dropoutRng;
    private final Parameter weight;
    private final Gemm gemm;
    private FMatrixRMaj feedbackMatrix;

    private Projection(String name, int inputWidth, int outputWidth, Feed.Key<CsrMatrix> features, double dropout,
                       RestorableUniformRandomProvider dropoutRng, double initBound, UniformRandomProvider init, Gemm gemm) {
        this.name = Objects.requireNonNull(name, "name");
        this.inputWidth = MatrixChecks.requirePositive("projection '" + name + "' input width", inputWidth);
        this.outputWidth = MatrixChecks.requirePositive("projection '" + name + "' output width", outputWidth);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout probability of projection '" + name + "' must be in [0, 1), got "
                    + dropout);
        }
        if (dropout > 0) {
            Objects.requireNonNull(dropoutRng, "dropoutRng");
        }
        this.features = features;
        this.dropout = (float) dropout;
        this.keepScale = (float) (1.0 / (1.0 - dropout));
        this.dropoutRng = dropoutRng;
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        FMatrixRMaj w = new FMatrixRMaj(outputWidth, inputWidth);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = (float) (initBound * (2.0 * init.nextDouble() - 1.0));
        }
        this.weight = new Parameter(name + ".weight", w);
    }

    /**
     * The Glorot (Xavier) uniform bound {@code √(6/(in + out))}, the initialisation of the graph
     * layers of Kipf and Welling's, Veličković et al.'s and PyTorch Geometric's code.
     *
     * @param in  fan-in
     * @param out fan-out
     * @return the bound b of {@code U[−b, b)}
     */
    public static double glorotBound(int in, int out) {
        return Math.sqrt(6.0 / (in + out));
    }

    /**
     * A projection of a tensor of the model (one input of width {@code in}).
     *
     * @param name        prefix of the weight's name ({@code name.weight})
     * @param in          input width
     * @param out         output width
     * @param initBound   weights are drawn from {@code U[−initBound, initBound)}
     * @param init        the stream they are drawn from, row by row
     * @param gemm        the matrix product
     * @return the module
     */
    public static Projection ofTensor(String name, int in, int out, double initBound, UniformRandomProvider init,
                                      Gemm gemm) {
        return new Projection(name, in, out, null, 0, null, initBound, init, gemm);
    }

    /**
     * A projection of the batch's sparse node features (no tensor input).
     *
     * @param name        prefix of the weight's name
     * @param features    where the batch holds the features, nodes × in
     * @param in          the number of features
     * @param out         output width
     * @param dropout     dropout probability on the features during training, in [0, 1)
     * @param dropoutRng  the stream dropout masks are drawn from (one {@code nextFloat()} per stored
     *                    entry, in order); may be null without dropout
     * @param initBound   weights are drawn from {@code U[−initBound, initBound)}
     * @param init        the stream they are drawn from
     * @param gemm        the matrix product whose threads run the sparse products
     * @return the module
     */
    public static Projection ofFeatures(String name, Feed.Key<CsrMatrix> features, int in, int out, double dropout,
                                        RestorableUniformRandomProvider dropoutRng, double initBound, UniformRandomProvider init,
                                        Gemm gemm) {
        return new Projection(name, in, out, Objects.requireNonNull(features, "features"), dropout, dropoutRng,
                initBound, init, gemm);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    /** @return the mask stream, under the module's name and {@code .dropout}; none without dropout */
    @Override
    public Map<String, RestorableUniformRandomProvider> randomStreams() {
        return dropout > 0f ? Map.of(name() + ".dropout", dropoutRng) : Map.of();
    }

    @Override
    public Parameter weight() {
        return weight;
    }

    /** @return whether X is the batch's sparse features rather than a tensor input */
    public boolean readsFeatures() {
        return features != null;
    }

    @Override
    public void setFeedbackMatrix(FMatrixRMaj feedback) {
        if (feedback != null && (feedback.numRows != outputWidth || feedback.numCols != inputWidth)) {
            MatrixChecks.requireShape("feedback matrix of projection '" + name + "'", feedback, outputWidth,
                    inputWidth);
        }
        this.feedbackMatrix = feedback;
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        int expected = features == null ? 1 : 0;
        if (inputWidths.length != expected) {
            throw new IllegalArgumentException("projection '" + name + "' takes " + expected + " tensor input"
                    + (expected == 1 ? "" : "s (it reads the batch's features)") + ", got " + inputWidths.length);
        }
        if (expected == 1 && inputWidths[0] != inputWidth) {
            throw new IllegalArgumentException("projection '" + name + "' takes inputs of width " + inputWidth
                    + ", got " + inputWidths[0]);
        }
        return new int[] {outputWidth};
    }

    @Override
    public Call newCall() {
        return features == null ? new TensorCall() : new FeatureCall();
    }

    @Override
    public String toString() {
        return "Projection(" + name + ", " + inputWidth + " -> " + outputWidth + (features == null ? "" : ", sparse")
                + ")";
    }

    /** {@code W} transposed into {@code wt} (in × out), the right operand of sparse products. */
    private void transposeWeight(FMatrixRMaj wt) {
        wt.reshape(inputWidth, outputWidth);
        float[] w = weight.value().data;
        float[] t = wt.data;
        for (int o = 0; o < outputWidth; o++) {
            int row = o * inputWidth;
            for (int f = 0; f < inputWidth; f++) {
                t[f * outputWidth + o] = w[row + f];
            }
        }
    }

    /** An application to a tensor: a dense product. */
    private final class TensorCall implements Call {
        private final FMatrixRMaj[] outputs = new FMatrixRMaj[1];
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[1];
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private FMatrixRMaj input;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            FMatrixRMaj x = inputs[0];
            if (x.numCols != inputWidth) {
                MatrixChecks.requireCols("input of projection '" + name + "'", x, inputWidth);
            }
            input = x;
            gemm.multTransB(x, weight.value(), output);
            outputs[0] = output;
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (input == null) {
                throw new IllegalStateException("projection '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            if (g.numRows != input.numRows || g.numCols != outputWidth) {
                MatrixChecks.requireShape("output gradient of projection '" + name + "'", g, input.numRows,
                        outputWidth);
            }
            gemm.gemm(true, false, 1f, g, input, weight.gradAccumulationBeta(), weight.grad());
            gradInputs[0] = null;
            if (needInput[0]) {
                gemm.mult(g, feedbackMatrix == null ? weight.value() : feedbackMatrix, gradInput);
                gradInputs[0] = gradInput;
            }
            return gradInputs;
        }
    }

    /** An application to the batch's sparse features: sparse products, dropout on the stored entries. */
    private final class FeatureCall implements Call {
        private final FMatrixRMaj[] outputs = new FMatrixRMaj[1];
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[0];
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj weightT = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradWeightT = new FMatrixRMaj(1, 1);
        private final SparseProduct product = new SparseProduct(gemm);
        /** the features last seen, and what is derived from them */
        private CsrMatrix source;
        private float[] maskedValues;
        private CsrMatrix masked;
        private CsrMatrix.Transposition transposition;
        private float[] transposedValues;
        private CsrMatrix transposed;
        /** the operand of the last forward pass: the features or their masked copy */
        private CsrMatrix operand;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            CsrMatrix x = feed.get(features);
            if (x.cols() != inputWidth) {
                throw new IllegalArgumentException("projection '" + name + "' takes " + inputWidth
                        + " features per node, but the batch has " + x.cols());
            }
            if (x != source) {
                source = x;
                maskedValues = new float[x.nonZeros()];
                masked = x.withValues(maskedValues);
                transposition = null;
            }
            if (training && dropout > 0f) {
                float[] v = x.values();
                for (int e = 0; e < v.length; e++) {
                    maskedValues[e] = dropoutRng.nextFloat() < dropout ? 0f : v[e] * keepScale;
                }
                operand = masked;
            } else {
                operand = x;
            }
            transposeWeight(weightT);
            product.multiply(operand, weightT, output);
            outputs[0] = output;
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (operand == null) {
                throw new IllegalStateException("projection '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            if (g.numRows != operand.rows() || g.numCols != outputWidth) {
                MatrixChecks.requireShape("output gradient of projection '" + name + "'", g, operand.rows(),
                        outputWidth);
            }
            if (transposition == null) {
                transposition = source.transposition();
                transposedValues = new float[source.nonZeros()];
                transposed = transposition.matrix().withValues(transposedValues);
            }
            float[] from = operand.values();
            int[] origin = transposition.source();
            for (int e = 0; e < origin.length; e++) {
                transposedValues[e] = from[origin[e]];
            }
            // ∂Wᵀ = Xᵀ·G (in × out), a sparse product over the features' transpose, parallel over features
            gradWeightT.reshape(inputWidth, outputWidth);
            product.multiply(transposed, 1f, g, 0, gradWeightT, 0, outputWidth, 0f);
            float beta = weight.gradAccumulationBeta();
            float[] gw = weight.grad().data;
            float[] t = gradWeightT.data;
            for (int o = 0; o < outputWidth; o++) {
                int row = o * inputWidth;
                if (beta == 0f) {
                    for (int f = 0; f < inputWidth; f++) {
                        gw[row + f] = t[f * outputWidth + o];
                    }
                } else {
                    for (int f = 0; f < inputWidth; f++) {
                        gw[row + f] += t[f * outputWidth + o];
                    }
                }
            }
            return gradInputs;
        }
    }
}

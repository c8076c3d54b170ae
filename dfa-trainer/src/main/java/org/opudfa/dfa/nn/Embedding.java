package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * A table of learned vectors, one row of {@code E} (vocabulary × d) per token id, used two ways:
 * <ul>
 *   <li><b>lookup</b>, applied to no tensor: it reads one id per row from the batch (under the key
 *       it was built with) and outputs {@code y_r = s·E[id_r]}, with a fixed scale {@code s}
 *       (a row whose id is {@link Labels#IGNORE}, padding, gets zeros). Backward adds
 *       {@code s·∂y_r} to row {@code id_r} of {@code ∂E}; there is no input to send a gradient to.</li>
 *   <li><b>output projection</b>, applied to one tensor {@code h} (rows × d): {@code y = h·Eᵀ}
 *       (rows × vocabulary), the logits of a language model whose output weights are tied to its
 *       input embedding. Backward: {@code ∂E += ∂yᵀ·h} and {@code ∂h = ∂y·E}.</li>
 * </ul>
 * A model that applies the same embedding both ways shares {@code E} between them, and its
 * gradient is the sum of the two applications' (see {@link Module}).
 *
 * <p>As a {@link LinearMap} its weights are {@code E} (out = vocabulary, in = d): under feedback
 * alignment a fixed matrix replaces {@code E} in the projection's input gradient; the lookup has no
 * input gradient. Products go through the {@link Gemm} passed in.
 */
public final class Embedding implements LinearMap {

    private final String name;
    private final int vocabulary;
    private final int width;
    private final float lookupScale;
    private final Feed.Key<Labels> ids;
    private final Parameter weight;
    private final List<Parameter> parameters;
    private final Gemm gemm;
    private FMatrixRMaj feedbackMatrix;

    /**
     * @param name        the module's name, prefix of its parameter ({@code name.weight})
     * @param vocabulary  the number of ids, at least 1
     * @param width       d, the width of a vector, at least 1
     * @param initBound   the entries of {@code E} start uniform in {@code [−initBound, initBound)};
     *                    positive and finite
     * @param lookupScale {@code s}, the factor a looked-up vector is multiplied by (e.g. √d, so that
     *                    small initial entries give unit-scale inputs); positive and finite
     * @param ids         where the batch holds the ids the lookup reads, one per row
     * @param rng         the stream the initial values are drawn from, row by row
     * @param gemm        the matrix product the projection uses
     * @throws IllegalArgumentException on a non-positive size, bound or scale
     */
    public Embedding(String name, int vocabulary, int width, double initBound, double lookupScale,
                     Feed.Key<Labels> ids, UniformRandomProvider rng, Gemm gemm) {
        this.name = Objects.requireNonNull(name, "name");
        this.vocabulary = MatrixChecks.requirePositive("embedding '" + name + "' vocabulary", vocabulary);
        this.width = MatrixChecks.requirePositive("embedding '" + name + "' width", width);
        requirePositiveFinite("initial bound", initBound);
        requirePositiveFinite("lookup scale", lookupScale);
        this.lookupScale = (float) lookupScale;
        this.ids = Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(rng, "rng");
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        FMatrixRMaj e = new FMatrixRMaj(vocabulary, width);
        for (int i = 0; i < e.data.length; i++) {
            e.data[i] = (float) (initBound * (2.0 * rng.nextDouble() - 1.0));
        }
        this.weight = new Parameter(name + ".weight", e);
        this.parameters = List.of(weight);
    }

    private void requirePositiveFinite(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("embedding '" + name + "' " + what + " must be positive and finite, got "
                    + value);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the number of ids */
    public int vocabulary() {
        return vocabulary;
    }

    /** @return d, the width of a vector */
    public int width() {
        return width;
    }

    /** @return {@code s}, the factor applied to looked-up vectors */
    public float lookupScale() {
        return lookupScale;
    }

    /** @return where the batch holds the ids the lookup reads */
    public Feed.Key<Labels> idsKey() {
        return ids;
    }

    /** @return the table {@code E}, vocabulary × d */
    @Override
    public Parameter weight() {
        return weight;
    }

    @Override
    public void setFeedbackMatrix(FMatrixRMaj feedback) {
        if (feedback != null && (feedback.numRows != vocabulary || feedback.numCols != width)) {
            MatrixChecks.requireShape("feedback matrix of embedding '" + name + "'", feedback, vocabulary, width);
        }
        this.feedbackMatrix = feedback;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * @param inputWidths none (a lookup) or {@code {d}} (the output projection)
     * @return {@code {d}} for a lookup, {@code {vocabulary}} for the projection
     * @throws IllegalArgumentException for more inputs or an input of another width
     */
    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length == 0) {
            return new int[] {width};
        }
        if (inputWidths.length == 1 && inputWidths[0] == width) {
            return new int[] {vocabulary};
        }
        throw new IllegalArgumentException("embedding '" + name + "' takes no input (a lookup) or one input of width "
                + width + " (the output projection), got widths " + java.util.Arrays.toString(inputWidths));
    }

    @Override
    public Call newCall() {
        return new EmbeddingCall();
    }

    @Override
    public String toString() {
        return "Embedding(" + name + ", " + vocabulary + " × " + width + ")";
    }

    /** One application, a lookup or a projection (decided by its number of inputs), and its buffers. */
    private final class EmbeddingCall implements Call {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] outputs = {output};
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[1];
        private final FMatrixRMaj[] noGradInputs = new FMatrixRMaj[0];
        private int[] lookedUp = new int[1];
        private int rows;
        private FMatrixRMaj input;
        private boolean ran;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            if (inputs.length == 0) {
                lookup(feed.get(ids));
            } else {
                project(inputs[0]);
            }
            ran = true;
            return outputs;
        }

        private void lookup(Labels batchIds) {
            int n = batchIds.size();
            if (lookedUp.length < n) {
                lookedUp = new int[n];
            }
            System.arraycopy(batchIds.ids(), 0, lookedUp, 0, n);
            for (int r = 0; r < n; r++) {
                int id = lookedUp[r];
                if ((id < 0 || id >= vocabulary) && id != Labels.IGNORE) {
                    throw new IllegalArgumentException("id " + id + " of row " + r + " is outside the vocabulary [0, "
                            + vocabulary + ") of embedding '" + name + "'");
                }
            }
            rows = n;
            input = null;
            output.reshape(n, width);
            float[] e = weight.value().data;
            float[] y = output.data;
            for (int r = 0; r < n; r++) {
                int id = lookedUp[r];
                int dst = r * width;
                if (id == Labels.IGNORE) {
                    java.util.Arrays.fill(y, dst, dst + width, 0f);
                    continue;
                }
                int src = id * width;
                for (int j = 0; j < width; j++) {
                    y[dst + j] = lookupScale * e[src + j];
                }
            }
        }

        private void project(FMatrixRMaj h) {
            if (h.numCols != width) {
                // the message is built only on failure: this runs every step
                MatrixChecks.requireCols("input of embedding '" + name + "'", h, width);
            }
            input = h;
            rows = h.numRows;
            gemm.multTransB(h, weight.value(), output);
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (!ran) {
                throw new IllegalStateException("embedding '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            int cols = input == null ? width : vocabulary;
            if (g.numRows != rows || g.numCols != cols) {
                MatrixChecks.requireShape("output gradient of embedding '" + name + "'", g, rows, cols);
            }
            if (input == null) {
                scatter(g);
                return noGradInputs;
            }
            gemm.gemm(true, false, 1f, g, input, weight.gradAccumulationBeta(), weight.grad());
            if (needInput[0]) {
                gemm.mult(g, feedbackMatrix == null ? weight.value() : feedbackMatrix, gradInput);
                gradInputs[0] = gradInput;
            } else {
                gradInputs[0] = null;
            }
            return gradInputs;
        }

        private void scatter(FMatrixRMaj g) {
            float[] de = weight.grad().data;
            float[] gy = g.data;
            for (int r = 0; r < rows; r++) {
                int id = lookedUp[r];
                if (id == Labels.IGNORE) {
                    continue;
                }
                int dst = id * width;
                int src = r * width;
                for (int j = 0; j < width; j++) {
                    de[dst + j] += lookupScale * gy[src + j];
                }
            }
        }
    }
}

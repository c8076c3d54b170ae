package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * Fully connected (affine) layer: {@code y = x·Wᵀ + b}, with weights {@code W} of shape
 * out × in (as in PyTorch) and bias {@code b} of shape 1 × out added to every row.
 *
 * <p>Backward, for the output gradient {@code G} (rows × out):
 * {@code ∂W += Gᵀ·x}, {@code ∂b += Σ_rows G}, and {@code ∂x = G·W}. Under feedback alignment
 * a fixed random matrix {@code B} (out × in) replaces {@code W} in the last product only
 * ({@code ∂x = G·B}), see {@link #setFeedbackMatrix}.
 *
 * <p>Products go through the {@link Gemm} passed in, which carries the thread count.
 */
public final class Dense extends UnaryModule implements LinearMap {

    /** The most weights one layer holds: a matrix is one Java array, indexed by an int. */
    public static final long MAX_WEIGHTS = Integer.MAX_VALUE - 8L;

    private final int inputWidth;
    private final int outputWidth;
    private final Parameter weight;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final Gemm gemm;
    private FMatrixRMaj feedbackMatrix;

    /**
     * A dense layer initialised with {@link WeightInit#UNIFORM_FAN_IN}.
     *
     * @param name        prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param inputWidth  in, at least 1
     * @param outputWidth out, at least 1
     * @param rng         the stream the initial values are drawn from
     * @param gemm        the matrix product to use
     * @throws IllegalArgumentException on non-positive widths
     */
    public Dense(String name, int inputWidth, int outputWidth, UniformRandomProvider rng, Gemm gemm) {
        this(name, inputWidth, outputWidth, WeightInit.UNIFORM_FAN_IN, rng, gemm);
    }

    /**
     * @param name        prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param inputWidth  in, at least 1
     * @param outputWidth out, at least 1
     * @param init        how the initial weights and bias are drawn
     * @param rng         the stream the initial values are drawn from
     * @param gemm        the matrix product to use
     * @throws IllegalArgumentException on non-positive widths
     */
    public Dense(String name, int inputWidth, int outputWidth, WeightInit init, UniformRandomProvider rng,
                 Gemm gemm) {
        super(name);
        this.inputWidth = MatrixChecks.requirePositive("dense layer '" + name + "' input width", inputWidth);
        this.outputWidth = MatrixChecks.requirePositive("dense layer '" + name + "' output width", outputWidth);
        if ((long) inputWidth * outputWidth > MAX_WEIGHTS) {
            throw new IllegalArgumentException("dense layer '" + name + "' of " + outputWidth + "×" + inputWidth
                    + " weights needs " + (long) inputWidth * outputWidth + " values, more than a matrix holds ("
                    + MAX_WEIGHTS + ")");
        }
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(rng, "rng");
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        FMatrixRMaj w = new FMatrixRMaj(outputWidth, inputWidth);
        FMatrixRMaj b = new FMatrixRMaj(1, outputWidth);
        if (init == WeightInit.UNIFORM_FAN_IN) {
            double bound = 1.0 / Math.sqrt(inputWidth);
            fillUniform(w.data, bound, rng);
            fillUniform(b.data, bound, rng);
        } else {
            double bound = Math.sqrt(6.0 / (inputWidth + outputWidth));
            fillUniform(w.data, bound, rng);
        }
        this.weight = new Parameter(name + ".weight", w);
        this.bias = new Parameter(name + ".bias", b);
        this.parameters = List.of(weight, bias);
    }

    private static void fillUniform(float[] data, double bound, UniformRandomProvider rng) {
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
        }
    }

    /** @return the weights {@code W}, out × in */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** @return the bias {@code b}, 1 × out */
    public Parameter bias() {
        return bias;
    }

    /** @return in, the number of input columns */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return out, the number of output columns */
    public int outputWidth() {
        return outputWidth;
    }

    @Override
    public void setFeedbackMatrix(FMatrixRMaj feedback) {
        if (feedback != null && (feedback.numRows != outputWidth || feedback.numCols != inputWidth)) {
            MatrixChecks.requireShape("feedback matrix of dense layer '" + name() + "'", feedback, outputWidth,
                    inputWidth);
        }
        this.feedbackMatrix = feedback;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != this.inputWidth) {
            throw new IllegalArgumentException("dense layer '" + name() + "' takes inputs of width " + this.inputWidth
                    + ", got " + inputWidth);
        }
        return outputWidth;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public UnaryCall newCall() {
        return new DenseCall();
    }

    @Override
    public String toString() {
        return "Dense(" + name() + ", " + inputWidth + " -> " + outputWidth + ")";
    }

    /** One application of the layer: the input kept for backward and the reused buffers. */
    private final class DenseCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private FMatrixRMaj input;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != inputWidth) {
                // the message is built only on failure: this runs every step
                MatrixChecks.requireCols("input of dense layer '" + name() + "'", input, inputWidth);
            }
            this.input = input;
            // the bias is added as the GEMM stores each tile: no second pass over the output
            gemm.multTransBPlusRow(input, weight.value(), bias.value(), output);
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (input == null) {
                throw new IllegalStateException("dense layer '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != input.numRows || gradOutput.numCols != outputWidth) {
                MatrixChecks.requireShape("output gradient of dense layer '" + name() + "'", gradOutput,
                        input.numRows, outputWidth);
            }
            // ∂W += Gᵀ·x in place (β = 1): no scratch matrix and no separate pass over ∂W; for batches
            // of at most one GEMM k-block this is ∂W + (Gᵀ·x) rounded once, as an explicit add would be.
            // Right after zeroGrad() β is 0 and the product simply overwrites the uncleared buffer.
            float beta = weight.gradAccumulationBeta();
            gemm.gemm(true, false, 1f, gradOutput, input, beta, weight.grad());
            gemm.addColumnSums(gradOutput, bias.grad());
            if (!needInput) {
                return null;
            }
            gemm.mult(gradOutput, feedbackMatrix == null ? weight.value() : feedbackMatrix, gradInput);
            return gradInput;
        }
    }
}

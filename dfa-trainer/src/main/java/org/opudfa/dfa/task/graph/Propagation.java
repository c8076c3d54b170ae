package org.opudfa.dfa.task.graph;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * Message passing over a fixed sparse operator, then a bias: {@code Y = Â·Z + 1·bᵀ}, with
 * {@code Â} read from the batch (nodes × nodes, e.g. the GCN's normalised adjacency with
 * self-loops, {@link GraphOperators#gcnPropagation}) and {@code b} of width w, initially zero,
 * or no bias ({@link #withoutBias}). After a {@link Projection} this is a graph convolution layer
 * of Kipf and Welling (2017), {@code Â·X·Wᵀ + b}, as in PyTorch Geometric's {@code GCNConv}; the
 * same layer is also {@code (Â·X)·Wᵀ + b}, a propagation without bias followed by a dense layer.
 *
 * <p>Backward, for {@code G = ∂L/∂Y}: {@code ∂b += Σ_rows G} and {@code ∂Z = Âᵀ·G} (the
 * transpose is taken once per operator; for an undirected graph it is Â itself).
 */
public final class Propagation extends UnaryModule {

    private final int width;
    private final Feed.Key<CsrMatrix> operator;
    private final Parameter bias;
    private final Gemm gemm;

    /**
     * @param name     prefix of the bias's name ({@code name.bias})
     * @param operator where the batch holds Â
     * @param width    w, the width of Z and Y
     * @param gemm     the matrix product whose threads run the sparse products
     */
    public Propagation(String name, Feed.Key<CsrMatrix> operator, int width, Gemm gemm) {
        this(name, operator, width, true, gemm);
    }

    private Propagation(String name, Feed.Key<CsrMatrix> operator, int width, boolean withBias, Gemm gemm) {
        super(name);
        this.operator = Objects.requireNonNull(operator, "operator");
        this.width = MatrixChecks.requirePositive("propagation '" + name + "' width", width);
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        this.bias = withBias ? new Parameter(name + ".bias", new FMatrixRMaj(1, width)) : null;
    }

    /**
     * A propagation without bias, {@code Y = Â·Z}: parameter-free.
     *
     * @param name     the module's name
     * @param operator where the batch holds Â
     * @param width    w
     * @param gemm     the matrix product whose threads run the sparse products
     * @return the module
     */
    public static Propagation withoutBias(String name, Feed.Key<CsrMatrix> operator, int width, Gemm gemm) {
        return new Propagation(name, operator, width, false, gemm);
    }

    /** @return the bias b, 1 × w, or null for a propagation without bias */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != width) {
            throw new IllegalArgumentException("propagation '" + name() + "' takes inputs of width " + width + ", got "
                    + inputWidth);
        }
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of() : List.of(bias);
    }

    @Override
    public UnaryCall newCall() {
        return new PropagationCall();
    }

    /** One application: the operator of the last pass, its transpose, the reused buffers. */
    private final class PropagationCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final SparseProduct product = new SparseProduct(gemm);
        private CsrMatrix a;
        private CsrMatrix transposeOf;
        private CsrMatrix transpose;
        private int rows = -1;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            CsrMatrix op = feed.get(operator);
            if (input.numCols != width) {
                MatrixChecks.requireCols("input of propagation '" + name() + "'", input, width);
            }
            if (op.rows() != op.cols() || op.cols() != input.numRows) {
                throw new IllegalArgumentException("propagation '" + name() + "' needs a square operator over the "
                        + input.numRows + " nodes of its input, got " + op.rows() + "×" + op.cols());
            }
            a = op;
            rows = input.numRows;
            output.reshape(op.rows(), width);
            product.multiply(op, 1f, input, 0, output, 0, width, 0f);
            if (bias == null) {
                return output;
            }
            float[] y = output.data;
            float[] b = bias.value().data;
            for (int i = 0; i < rows; i++) {
                int base = i * width;
                for (int j = 0; j < width; j++) {
                    y[base + j] += b[j];
                }
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (a == null) {
                throw new IllegalStateException("propagation '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of propagation '" + name() + "'", gradOutput, rows, width);
            }
            if (bias != null) {
                gemm.addColumnSums(gradOutput, bias.grad());
            }
            if (!needInput) {
                return null;
            }
            if (transposeOf != a) {
                transpose = a.isSymmetric() ? a : a.transpose();
                transposeOf = a;
            }
            gradInput.reshape(rows, width);
            product.multiply(transpose, 1f, gradOutput, 0, gradInput, 0, width, 0f);
            return gradInput;
        }
    }
}

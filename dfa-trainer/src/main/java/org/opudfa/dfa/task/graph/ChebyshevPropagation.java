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
 * The propagation of a Chebyshev graph convolution (Defferrard, Bresson and Vandergheynst 2016)
 * of order K: the input holds K blocks {@code Z = [Z_0 | Z_1 | … | Z_{K−1}]} of width w (a
 * {@link Projection} to K·w columns computes {@code Z_k = X·W_kᵀ} for the K weight matrices at
 * once), and
 * {@code Y = Σ_k T_k(L̃)·Z_k + 1·bᵀ}
 * with the Chebyshev polynomials {@code T_0(L) = I}, {@code T_1(L) = L},
 * {@code T_k(L) = 2L·T_{k−1}(L) − T_{k−2}(L)} of the rescaled Laplacian {@code L̃} read from the
 * batch ({@link GraphOperators#chebyshevLaplacian}), and a bias b, initially zero. Since
 * {@code T_k(L̃)·X·W_kᵀ = T_k(L̃)·(X·W_kᵀ)}, this is PyTorch Geometric's {@code ChebConv}; for
 * K = 2, {@code Y = X·W_0ᵀ + L̃·X·W_1ᵀ + b}.
 *
 * <p>Each {@code T_k(L̃)·Z_k} is computed by the recurrence applied to {@code Z_k}, k sparse
 * products (K(K−1)/2 in all, one for K = 2). Backward, for {@code G = ∂L/∂Y}: {@code ∂b += Σ_rows G}
 * and {@code ∂Z_k = T_k(L̃)ᵀ·G = T_k(L̃ᵀ)·G}, all K blocks from one run of the recurrence on G.
 */
public final class ChebyshevPropagation extends UnaryModule {

    private final int order;
    private final int width;
    private final Feed.Key<CsrMatrix> laplacian;
    private final Parameter bias;
    private final Gemm gemm;

    /**
     * @param name      prefix of the bias's name ({@code name.bias})
     * @param laplacian where the batch holds L̃
     * @param order     K, the number of polynomial terms, at least 1
     * @param width     w, the width of each block and of Y
     * @param gemm      the matrix product whose threads run the sparse products
     */
    public ChebyshevPropagation(String name, Feed.Key<CsrMatrix> laplacian, int order, int width, Gemm gemm) {
        super(name);
        this.laplacian = Objects.requireNonNull(laplacian, "laplacian");
        this.order = MatrixChecks.requirePositive("Chebyshev order K of '" + name + "'", order);
        this.width = MatrixChecks.requirePositive("Chebyshev propagation '" + name + "' width", width);
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, width));
    }

    /** @return K */
    public int order() {
        return order;
    }

    /** @return the bias b, 1 × w */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != order * width) {
            throw new IllegalArgumentException("Chebyshev propagation '" + name() + "' takes " + order + " blocks of "
                    + width + " columns (" + order * width + "), got " + inputWidth);
        }
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias);
    }

    @Override
    public UnaryCall newCall() {
        return new ChebyshevCall();
    }

    /** One application: the operator, its transpose and the recurrence's buffers. */
    private final class ChebyshevCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] terms = {new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1)};
        private final SparseProduct product = new SparseProduct(gemm);
        private CsrMatrix l;
        private CsrMatrix transposeOf;
        private CsrMatrix transpose;
        private int rows = -1;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            CsrMatrix op = feed.get(laplacian);
            if (input.numCols != order * width) {
                MatrixChecks.requireCols("input of Chebyshev propagation '" + name() + "'", input, order * width);
            }
            if (op.rows() != op.cols() || op.cols() != input.numRows) {
                throw new IllegalArgumentException("Chebyshev propagation '" + name() + "' needs a square Laplacian "
                        + "over the " + input.numRows + " nodes of its input, got " + op.rows() + "×" + op.cols());
            }
            l = op;
            rows = input.numRows;
            output.reshape(rows, width);
            float[] y = output.data;
            float[] z = input.data;
            float[] b = bias.value().data;
            int stride = order * width;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < width; j++) {
                    y[i * width + j] = z[i * stride + j] + b[j];
                }
            }
            for (int k = 1; k < order; k++) {
                FMatrixRMaj t = polynomialTimesBlock(op, input, k);
                float[] td = t.data;
                for (int i = 0; i < y.length; i++) {
                    y[i] += td[i];
                }
            }
            return output;
        }

        /** {@code T_k(L)·Z_k} by the recurrence, in one of the term buffers. */
        private FMatrixRMaj polynomialTimesBlock(CsrMatrix op, FMatrixRMaj input, int k) {
            FMatrixRMaj previous = terms[0];
            FMatrixRMaj current = terms[1];
            FMatrixRMaj next = terms[2];
            previous.reshape(rows, width);
            copyBlock(input, k, previous);
            current.reshape(rows, width);
            product.multiply(op, 1f, input, k * width, current, 0, width, 0f);
            for (int j = 2; j <= k; j++) {
                next.reshape(rows, width);
                System.arraycopy(previous.data, 0, next.data, 0, rows * width);
                product.multiply(op, 2f, current, 0, next, 0, width, -1f);
                FMatrixRMaj spare = previous;
                previous = current;
                current = next;
                next = spare;
            }
            return current;
        }

        private void copyBlock(FMatrixRMaj from, int block, FMatrixRMaj to) {
            int stride = from.numCols;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(from.data, i * stride + block * width, to.data, i * width, width);
            }
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (l == null) {
                throw new IllegalStateException("Chebyshev propagation '" + name()
                        + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of Chebyshev propagation '" + name() + "'", gradOutput, rows,
                        width);
            }
            gemm.addColumnSums(gradOutput, bias.grad());
            if (!needInput) {
                return null;
            }
            if (transposeOf != l) {
                transpose = l.isSymmetric() ? l : l.transpose();
                transposeOf = l;
            }
            int stride = order * width;
            gradInput.reshape(rows, stride);
            // V_0 = G, V_1 = L̃ᵀ·G, V_k = 2·L̃ᵀ·V_{k−1} − V_{k−2}; block k of ∂Z is V_k
            FMatrixRMaj previous = terms[0];
            FMatrixRMaj current = terms[1];
            FMatrixRMaj next = terms[2];
            current.reshape(rows, width);
            System.arraycopy(gradOutput.data, 0, current.data, 0, rows * width);
            putBlock(current, 0);
            for (int k = 1; k < order; k++) {
                next.reshape(rows, width);
                if (k == 1) {
                    product.multiply(transpose, 1f, current, 0, next, 0, width, 0f);
                } else {
                    System.arraycopy(previous.data, 0, next.data, 0, rows * width);
                    product.multiply(transpose, 2f, current, 0, next, 0, width, -1f);
                }
                putBlock(next, k);
                FMatrixRMaj spare = previous;
                previous = current;
                current = next;
                next = spare;
            }
            return gradInput;
        }

        private void putBlock(FMatrixRMaj block, int k) {
            int stride = order * width;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(block.data, i * width, gradInput.data, i * stride + k * width, width);
            }
        }
    }
}

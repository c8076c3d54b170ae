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
 * The Chebyshev basis of a node signal, parameter-free: for an input H (nodes × w),
 * {@code Y = [T_0(L̃)·H | T_1(L̃)·H | … | T_{K−1}(L̃)·H]} (nodes × K·w), with the Chebyshev
 * polynomials {@code T_0 = I}, {@code T_1 = L̃}, {@code T_k = 2L̃·T_{k−1} − T_{k−2}} of the
 * rescaled Laplacian read from the batch. A dense layer on Y is a Chebyshev convolution
 * ({@code Σ_k T_k(L̃)·H·W_kᵀ + b}), the same function as a {@link Projection} followed by a
 * {@link ChebyshevPropagation}, with the weights applied after the graph filter.
 *
 * <p>Forward runs the recurrence, K − 1 sparse products. Backward, for
 * {@code G = [G_0 | … | G_{K−1}]}, is {@code ∂H = Σ_k T_k(L̃ᵀ)·G_k}, by Clenshaw's recurrence
 * {@code B_k = G_k + 2L̃ᵀ·B_{k+1} − B_{k+2}} (from {@code B_K = B_{K+1} = 0}),
 * {@code ∂H = G_0 + L̃ᵀ·B_1 − B_2}: also K − 1 products.
 */
public final class ChebyshevBasis extends UnaryModule {

    private final Feed.Key<CsrMatrix> laplacian;
    private final int order;
    private final Gemm gemm;

    /**
     * @param name      the module's name
     * @param laplacian where the batch holds L̃
     * @param order     K, at least 1
     * @param gemm      the matrix product whose threads run the sparse products
     */
    public ChebyshevBasis(String name, Feed.Key<CsrMatrix> laplacian, int order, Gemm gemm) {
        super(name);
        this.laplacian = Objects.requireNonNull(laplacian, "laplacian");
        this.order = MatrixChecks.requirePositive("Chebyshev order K of '" + name + "'", order);
        this.gemm = Objects.requireNonNull(gemm, "gemm");
    }

    @Override
    public int outputWidth(int inputWidth) {
        return order * inputWidth;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public UnaryCall newCall() {
        return new BasisCall();
    }

    /** One application: the operator, its transpose and the recurrence's buffers. */
    private final class BasisCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] terms = {new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1)};
        private final SparseProduct product = new SparseProduct(gemm);
        private CsrMatrix l;
        private CsrMatrix transposeOf;
        private CsrMatrix transpose;
        private int rows;
        private int width;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            CsrMatrix op = feed.get(laplacian);
            if (op.rows() != op.cols() || op.cols() != input.numRows) {
                throw new IllegalArgumentException("Chebyshev basis '" + name() + "' needs a square Laplacian over the "
                        + input.numRows + " nodes of its input, got " + op.rows() + "×" + op.cols());
            }
            l = op;
            rows = input.numRows;
            width = input.numCols;
            output.reshape(rows, order * width);
            // block 0 is H; block 1 is L̃·H; block k is 2·L̃·(block k−1) − (block k−2)
            for (int i = 0; i < rows; i++) {
                System.arraycopy(input.data, i * width, output.data, i * order * width, width);
            }
            if (order > 1) {
                product.multiply(op, 1f, input, 0, output, width, width, 0f);
            }
            for (int k = 2; k < order; k++) {
                // the product reads block k−1 and writes block k of the same matrix: distinct columns,
                // but the product refuses aliasing, so go through a buffer
                FMatrixRMaj previous = terms[0];
                previous.reshape(rows, width);
                copyBlock(output, k - 1, previous);
                FMatrixRMaj next = terms[1];
                next.reshape(rows, width);
                copyBlock(output, k - 2, next);
                product.multiply(op, 2f, previous, 0, next, 0, width, -1f);
                putBlock(next, output, k);
            }
            return output;
        }

        private void copyBlock(FMatrixRMaj from, int block, FMatrixRMaj to) {
            int stride = from.numCols;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(from.data, i * stride + block * width, to.data, i * width, width);
            }
        }

        private void putBlock(FMatrixRMaj block, FMatrixRMaj to, int k) {
            int stride = to.numCols;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(block.data, i * width, to.data, i * stride + k * width, width);
            }
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj g, boolean needInput) {
            if (l == null) {
                throw new IllegalStateException("Chebyshev basis '" + name() + "' has no forward pass to go back through");
            }
            if (g.numRows != rows || g.numCols != order * width) {
                MatrixChecks.requireShape("output gradient of Chebyshev basis '" + name() + "'", g, rows, order * width);
            }
            if (!needInput) {
                return null;
            }
            if (transposeOf != l) {
                transpose = l.isSymmetric() ? l : l.transpose();
                transposeOf = l;
            }
            gradInput.reshape(rows, width);
            if (order == 1) {
                copyBlock(g, 0, gradInput);
                return gradInput;
            }
            // Clenshaw: b1 = B_{k+1}, b2 = B_{k+2}, from k = K−1 down to 1
            FMatrixRMaj b1 = terms[0];
            FMatrixRMaj b2 = terms[1];
            FMatrixRMaj spare = terms[2];
            b1.reshape(rows, width);
            b2.reshape(rows, width);
            spare.reshape(rows, width);
            java.util.Arrays.fill(b1.data, 0, rows * width, 0f);
            java.util.Arrays.fill(b2.data, 0, rows * width, 0f);
            for (int k = order - 1; k >= 1; k--) {
                // B_k = G_k + 2·L̃ᵀ·B_{k+1} − B_{k+2}
                copyBlock(g, k, spare);
                float[] s = spare.data;
                float[] two = b2.data;
                for (int i = 0; i < rows * width; i++) {
                    s[i] -= two[i];
                }
                product.multiply(transpose, 2f, b1, 0, spare, 0, width, 1f);
                FMatrixRMaj t = b2;
                b2 = b1;
                b1 = spare;
                spare = t;
            }
            // ∂H = G_0 + L̃ᵀ·B_1 − B_2
            copyBlock(g, 0, gradInput);
            float[] out = gradInput.data;
            float[] two = b2.data;
            for (int i = 0; i < rows * width; i++) {
                out[i] -= two[i];
            }
            product.multiply(transpose, 1f, b1, 0, gradInput, 0, width, 1f);
            return gradInput;
        }
    }
}

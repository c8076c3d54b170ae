package org.opudfa.dfa.task.recsys;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;

/**
 * The pairwise term of a factorization machine (Rendle 2010) on field embeddings
 * {@code v_f ∈ R^k} laid side by side (rows × fields·k):
 * {@code y = Σ_{f<g} ⟨v_f, v_g⟩ = ½·Σ_d [(Σ_f v_fd)² − Σ_f v_fd²]}, one value per row, computed
 * in O(fields·k). No parameters: the embeddings are its input.
 *
 * <p>Backward, with {@code S_d = Σ_f v_fd}: {@code ∂v_fd = ∂y·(S_d − v_fd)}.
 */
public final class FmInteraction extends UnaryModule {

    private final int fields;
    private final int dim;

    /**
     * @param name   the module's name
     * @param fields the number of fields
     * @param dim    k, the embedding size
     * @throws IllegalArgumentException on a non-positive size
     */
    public FmInteraction(String name, int fields, int dim) {
        super(name);
        if (fields < 1 || dim < 1) {
            throw new IllegalArgumentException("factorization machine '" + name + "' needs at least 1 field of size at "
                    + "least 1, got " + fields + " fields of size " + dim);
        }
        this.fields = fields;
        this.dim = dim;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != fields * dim) {
            throw new IllegalArgumentException("factorization machine '" + name() + "' takes " + fields + " fields × "
                    + dim + " = " + (fields * dim) + " columns, got " + inputWidth);
        }
        return 1;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public UnaryCall newCall() {
        return new FmCall();
    }

    @Override
    public String toString() {
        return "FmInteraction(" + name() + ", " + fields + " × " + dim + ")";
    }

    /** One application: the input and its field sums S, kept for backward. */
    private final class FmCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj sums = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private FMatrixRMaj input;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj x, Feed feed, boolean training) {
            if (x.numCols != fields * dim) {
                outputWidth(x.numCols);
            }
            int rows = x.numRows;
            int width = fields * dim;
            output.reshape(rows, 1);
            sums.reshape(rows, dim);
            float[] v = x.data;
            float[] s = sums.data;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                int sb = r * dim;
                double squares = 0;
                for (int d = 0; d < dim; d++) {
                    s[sb + d] = 0f;
                }
                for (int f = 0; f < fields; f++) {
                    int fb = base + f * dim;
                    for (int d = 0; d < dim; d++) {
                        float e = v[fb + d];
                        s[sb + d] += e;
                        squares += (double) e * e;
                    }
                }
                double total = 0;
                for (int d = 0; d < dim; d++) {
                    total += (double) s[sb + d] * s[sb + d];
                }
                output.data[r] = (float) (0.5 * (total - squares));
            }
            input = x;
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (input == null) {
                throw new IllegalStateException("factorization machine '" + name()
                        + "' has no forward pass to go back through");
            }
            if (!needInput) {
                return null;
            }
            int rows = input.numRows;
            int width = fields * dim;
            gradInput.reshape(rows, width);
            float[] v = input.data;
            float[] s = sums.data;
            float[] gx = gradInput.data;
            for (int r = 0; r < rows; r++) {
                float g = gradOutput.data[r];
                int base = r * width;
                int sb = r * dim;
                for (int f = 0; f < fields; f++) {
                    int fb = base + f * dim;
                    for (int d = 0; d < dim; d++) {
                        gx[fb + d] = g * (s[sb + d] - v[fb + d]);
                    }
                }
            }
            return gradInput;
        }
    }
}

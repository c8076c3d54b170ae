package org.opudfa.dfa.task.recsys;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;

/**
 * The sum of each row plus a learned bias, {@code y_r = b + Σ_j x_rj} (rows × 1): with the
 * first-order weights of the fields as input, the linear part {@code w_0 + Σ_f w[id_f]} of a
 * factorization machine. Backward: {@code ∂x_rj = ∂y_r}, {@code ∂b += Σ_r ∂y_r}. The bias starts at 0.
 */
public final class RowSum extends UnaryModule {

    private final int width;
    private final Parameter bias;

    /**
     * @param name  the module's name; the bias is {@code name.bias}
     * @param width the number of columns summed
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public RowSum(String name, int width) {
        super(name);
        if (width < 1) {
            throw new IllegalArgumentException("row sum '" + name + "' width must be at least 1, got " + width);
        }
        this.width = width;
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, 1));
    }

    /** @return the bias b, 1 × 1 */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != width) {
            throw new IllegalArgumentException("row sum '" + name() + "' takes inputs of width " + width + ", got "
                    + inputWidth);
        }
        return 1;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(bias);
    }

    @Override
    public UnaryCall newCall() {
        return new UnaryCall() {
            private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
            private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
            private int rows = -1;

            @Override
            protected FMatrixRMaj forward(FMatrixRMaj x, Feed feed, boolean training) {
                if (x.numCols != width) {
                    outputWidth(x.numCols);
                }
                rows = x.numRows;
                output.reshape(rows, 1);
                float b = bias.value().data[0];
                for (int r = 0; r < rows; r++) {
                    float sum = b;
                    int base = r * width;
                    for (int j = 0; j < width; j++) {
                        sum += x.data[base + j];
                    }
                    output.data[r] = sum;
                }
                return output;
            }

            @Override
            protected FMatrixRMaj backward(FMatrixRMaj g, boolean needInput) {
                if (rows < 0) {
                    throw new IllegalStateException("row sum '" + name() + "' has no forward pass to go back through");
                }
                float total = 0f;
                for (int r = 0; r < rows; r++) {
                    total += g.data[r];
                }
                bias.grad().data[0] += total;
                if (!needInput) {
                    return null;
                }
                gradInput.reshape(rows, width);
                for (int r = 0; r < rows; r++) {
                    java.util.Arrays.fill(gradInput.data, r * width, (r + 1) * width, g.data[r]);
                }
                return gradInput;
            }
        };
    }
}

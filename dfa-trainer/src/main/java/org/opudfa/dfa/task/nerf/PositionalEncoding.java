package org.opudfa.dfa.task.nerf;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;

/**
 * NeRF's positional encoding (Mildenhall et al. 2020, §5.1), without parameters: each row
 * {@code x} of width d becomes
 * <pre>
 *   γ(x) = [x, sin(2⁰x), cos(2⁰x), sin(2¹x), cos(2¹x), …, sin(2^{L−1}x), cos(2^{L−1}x)]
 * </pre>
 * of width {@code d·(1 + 2L)}, where each {@code sin(2^k x)} is the d values
 * {@code sin(2^k x_j)} (the layout of the authors' code, which has no factor π). The raw input lets
 * the network see low frequencies directly; the high ones let a small MLP fit fine detail.
 *
 * <p>Backward: {@code ∂x_j = g(x_j) + Σ_k 2^k·(g(sin_kj)·cos(2^k x_j) − g(cos_kj)·sin(2^k x_j))}.
 * The sines and cosines of the higher frequencies come from the first by the double-angle
 * formulas, in double, so a row costs one sine and one cosine per input.
 */
public final class PositionalEncoding extends UnaryModule {

    private final int inputWidth;
    private final int frequencies;

    /**
     * @param name        the module's name
     * @param inputWidth  d, at least 1
     * @param frequencies L, at least 0 (0 passes the input through)
     * @throws IllegalArgumentException if a size is out of range
     */
    public PositionalEncoding(String name, int inputWidth, int frequencies) {
        super(name);
        if (inputWidth < 1) {
            throw new IllegalArgumentException("positional encoding '" + name + "' needs an input width of at least 1, "
                    + "got " + inputWidth);
        }
        if (frequencies < 0 || frequencies > 30) {
            throw new IllegalArgumentException("positional encoding '" + name + "' takes 0 to 30 frequencies, got "
                    + frequencies);
        }
        this.inputWidth = inputWidth;
        this.frequencies = frequencies;
    }

    /** @return L, the number of frequencies */
    public int frequencies() {
        return frequencies;
    }

    /**
     * @param inputWidth  d
     * @param frequencies L
     * @return {@code d·(1 + 2L)}
     */
    public static int width(int inputWidth, int frequencies) {
        return inputWidth * (1 + 2 * frequencies);
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != this.inputWidth) {
            throw new IllegalArgumentException("positional encoding '" + name() + "' takes inputs of width "
                    + this.inputWidth + ", got " + inputWidth);
        }
        return width(inputWidth, frequencies);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public UnaryCall newCall() {
        return new EncodingCall();
    }

    @Override
    public String toString() {
        return "PositionalEncoding(" + name() + ", " + inputWidth + " × " + frequencies + " frequencies)";
    }

    /** One application: the encoding is kept, since its sines and cosines are what backward needs. */
    private final class EncodingCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private boolean forwardDone;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != inputWidth) {
                throw new IllegalArgumentException("positional encoding '" + name() + "' takes inputs of width "
                        + inputWidth + ", got " + input.numCols);
            }
            int d = inputWidth;
            int width = width(d, frequencies);
            int rows = input.numRows;
            output.reshape(rows, width);
            float[] x = input.data;
            float[] y = output.data;
            for (int r = 0; r < rows; r++) {
                int in = r * d;
                int out = r * width;
                for (int j = 0; j < d; j++) {
                    double v = x[in + j];
                    y[out + j] = (float) v;
                    double s = Math.sin(v);
                    double c = Math.cos(v);
                    for (int k = 0; k < frequencies; k++) {
                        int at = out + d * (1 + 2 * k) + j;
                        y[at] = (float) s;
                        y[at + d] = (float) c;
                        double s2 = 2 * s * c;
                        c = (c - s) * (c + s);
                        s = s2;
                    }
                }
            }
            forwardDone = true;
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (!forwardDone) {
                throw new IllegalStateException("positional encoding '" + name() + "' has no forward pass to go back "
                        + "through");
            }
            if (!needInput) {
                return null;
            }
            int d = inputWidth;
            int width = width(d, frequencies);
            int rows = output.numRows;
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                throw new IllegalArgumentException("output gradient of positional encoding '" + name() + "' must be "
                        + rows + "×" + width + ", got " + gradOutput.numRows + "×" + gradOutput.numCols);
            }
            gradInput.reshape(rows, d);
            float[] g = gradOutput.data;
            float[] y = output.data;
            float[] gx = gradInput.data;
            for (int r = 0; r < rows; r++) {
                int out = r * width;
                for (int j = 0; j < d; j++) {
                    double sum = g[out + j];
                    double scale = 1;
                    for (int k = 0; k < frequencies; k++) {
                        int at = out + d * (1 + 2 * k) + j;
                        sum += scale * (g[at] * (double) y[at + d] - g[at + d] * (double) y[at]);
                        scale *= 2;
                    }
                    gx[r * d + j] = (float) sum;
                }
            }
            return gradInput;
        }
    }
}

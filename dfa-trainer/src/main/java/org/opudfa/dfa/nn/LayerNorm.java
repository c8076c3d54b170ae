package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * Layer normalisation over the features of each row, with a learned gain and bias:
 * {@code x̂ = (x − μ)/√(σ² + ε)}, {@code y = γ ⊙ x̂ + β}, where μ and σ² are the mean and the
 * biased (1/d) variance of the row. Gain starts at 1 and bias at 0.
 *
 * <p>Backward, with {@code ĝ = ∂y ⊙ γ} per row:
 * {@code ∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) / √(σ² + ε)}, {@code ∂γ += Σ_rows ∂y ⊙ x̂},
 * {@code ∂β += Σ_rows ∂y}. Row statistics are accumulated in double.
 */
public final class LayerNorm extends UnaryModule {

    /** The default ε, as in PyTorch. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private final int width;
    private final double epsilon;
    private final Parameter gain;
    private final Parameter bias;
    private final List<Parameter> parameters;

    /**
     * A layer norm with {@link #DEFAULT_EPSILON}.
     *
     * @param name  prefix of the parameter names ({@code name.gain}, {@code name.bias})
     * @param width d, the number of features per row, at least 1
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public LayerNorm(String name, int width) {
        this(name, width, DEFAULT_EPSILON);
    }

    /**
     * @param name    prefix of the parameter names ({@code name.gain}, {@code name.bias})
     * @param width   d, the number of features per row, at least 1
     * @param epsilon ε added to the variance, positive and finite
     * @throws IllegalArgumentException if {@code width < 1} or ε is not positive and finite
     */
    public LayerNorm(String name, int width, double epsilon) {
        super(name);
        this.width = MatrixChecks.requirePositive("layer norm '" + name + "' width", width);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("layer norm '" + name + "' epsilon must be positive and finite, got "
                    + epsilon);
        }
        this.epsilon = epsilon;
        FMatrixRMaj g = new FMatrixRMaj(1, width);
        java.util.Arrays.fill(g.data, 1f);
        this.gain = new Parameter(name + ".gain", g);
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, width));
        this.parameters = List.of(gain, bias);
    }

    /** @return the gain γ, 1 × d */
    public Parameter gain() {
        return gain;
    }

    /** @return the bias β, 1 × d */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != width) {
            throw new IllegalArgumentException("layer norm '" + name() + "' takes inputs of width " + width + ", got "
                    + inputWidth);
        }
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public UnaryCall newCall() {
        return new LayerNormCall();
    }

    @Override
    public String toString() {
        return "LayerNorm(" + name() + ", " + width + ")";
    }

    /** One application: the normalised input and row scales of the last pass, and the reused buffers. */
    private final class LayerNormCall extends UnaryCall {
        private final FMatrixRMaj normalized = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private float[] inverseStd = new float[1];
        private boolean ran;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != width) {
                // the message is built only on failure: this runs every step
                MatrixChecks.requireCols("input of layer norm '" + name() + "'", input, width);
            }
            int rows = input.numRows;
            normalized.reshape(rows, width);
            output.reshape(rows, width);
            if (inverseStd.length < rows) {
                inverseStd = new float[rows];
            }
            float[] x = input.data;
            float[] xh = normalized.data;
            float[] y = output.data;
            float[] g = gain.value().data;
            float[] b = bias.value().data;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += x[base + j];
                }
                double mean = sum / width;
                double sq = 0;
                for (int j = 0; j < width; j++) {
                    double c = x[base + j] - mean;
                    sq += c * c;
                }
                double inv = 1.0 / Math.sqrt(sq / width + epsilon);
                inverseStd[r] = (float) inv;
                for (int j = 0; j < width; j++) {
                    float n = (float) ((x[base + j] - mean) * inv);
                    xh[base + j] = n;
                    y[base + j] = g[j] * n + b[j];
                }
            }
            ran = true;
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            accumulate(gradOutput);
            if (!needInput) {
                return null;
            }
            int rows = gradOutput.numRows;
            gradInput.reshape(rows, width);
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            float[] g = gain.value().data;
            float[] gx = gradInput.data;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                double meanG = 0;
                double meanGx = 0;
                for (int j = 0; j < width; j++) {
                    double gh = (double) gy[base + j] * g[j];
                    meanG += gh;
                    meanGx += gh * xh[base + j];
                }
                meanG /= width;
                meanGx /= width;
                double inv = inverseStd[r];
                for (int j = 0; j < width; j++) {
                    double gh = (double) gy[base + j] * g[j];
                    gx[base + j] = (float) ((gh - meanG - xh[base + j] * meanGx) * inv);
                }
            }
            return gradInput;
        }

        private void accumulate(FMatrixRMaj gradOutput) {
            if (!ran) {
                throw new IllegalStateException("layer norm '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != normalized.numRows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of layer norm '" + name() + "'", gradOutput,
                        normalized.numRows, width);
            }
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            float[] dg = gain.grad().data;
            float[] db = bias.grad().data;
            int rows = gradOutput.numRows;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                for (int j = 0; j < width; j++) {
                    dg[j] += gy[base + j] * xh[base + j];
                    db[j] += gy[base + j];
                }
            }
        }
    }
}

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
 * {@code ∂β += Σ_rows ∂y}. Row statistics (μ, σ², and the two means of the backward pass) are
 * accumulated in double; the element-wise arithmetic is in float, in loops the JIT compiler
 * vectorises.
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

    /**
     * {@code Σ_j v[base + j]} for {@code j < n}, in double, in four interleaved partial sums (one
     * running sum would wait for each addition to finish before the next: four times slower).
     */
    private static double sum(float[] v, int base, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += v[base + j];
            s1 += v[base + j + 1];
            s2 += v[base + j + 2];
            s3 += v[base + j + 3];
        }
        for (; j < n; j++) {
            s0 += v[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ_j (v[base + j] − mean)²} for {@code j < n}, in double, as {@link #sum}. */
    private static double squaredDeviations(float[] v, int base, int n, double mean) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double c0 = v[base + j] - mean;
            double c1 = v[base + j + 1] - mean;
            double c2 = v[base + j + 2] - mean;
            double c3 = v[base + j + 3] - mean;
            s0 += c0 * c0;
            s1 += c1 * c1;
            s2 += c2 * c2;
            s3 += c3 * c3;
        }
        for (; j < n; j++) {
            double c = v[base + j] - mean;
            s0 += c * c;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ_j a[j]·b[base + j]} for {@code j < n}, in double, as {@link #sum}. */
    private static double dot(float[] a, float[] b, int base, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += (double) a[j] * b[base + j];
            s1 += (double) a[j + 1] * b[base + j + 1];
            s2 += (double) a[j + 2] * b[base + j + 2];
            s3 += (double) a[j + 3] * b[base + j + 3];
        }
        for (; j < n; j++) {
            s0 += (double) a[j] * b[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** One application: the normalised input and row scales of the last pass, and the reused buffers. */
    private final class LayerNormCall extends UnaryCall {
        private final FMatrixRMaj normalized = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private float[] inverseStd = new float[1];
        /** one row of {@code ĝ = ∂y ⊙ γ} */
        private final float[] scaledGrad = new float[width];
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
                double mean = sum(x, base, width) / width;
                double inv = 1.0 / Math.sqrt(squaredDeviations(x, base, width, mean) / width + epsilon);
                inverseStd[r] = (float) inv;
                float m = (float) mean;
                float s = (float) inv;
                for (int j = 0; j < width; j++) {
                    float n = (x[base + j] - m) * s;
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
            float[] gh = scaledGrad;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                for (int j = 0; j < width; j++) {
                    gh[j] = gy[base + j] * g[j];
                }
                float meanG = (float) (sum(gh, 0, width) / width);
                float meanGx = (float) (dot(gh, xh, base, width) / width);
                float inv = inverseStd[r];
                for (int j = 0; j < width; j++) {
                    gx[base + j] = (gh[j] - meanG - xh[base + j] * meanGx) * inv;
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

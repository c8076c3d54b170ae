package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * Layer normalisation over the features of each row, with a learned gain and bias:
 * {@code x̂ = (x − μ)/√(σ² + ε)}, {@code y = γ ⊙ x̂ + β}, where μ and σ² are the mean and the
 * biased (1/d) variance of the row. Gain starts at 1 and bias at 0.
 *
 * <p>Backward, with {@code ĝ = ∂y ⊙ γ} per row:
 * {@code ∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) / √(σ² + ε)}, {@code ∂γ += Σ_rows ∂y ⊙ x̂},
 * {@code ∂β += Σ_rows ∂y}. Row statistics (μ, σ², and the two means of the backward pass) are
 * accumulated in double; the element-wise arithmetic is in float, in loops the JIT compiler
 * vectorises. Built with a {@link TaskRunner} (the run's threads), a layer norm computes inputs of
 * at least {@value AbstractActivation#PARALLEL_MIN_ELEMENTS} entries as parallel tasks: ranges of
 * rows forward and for {@code ∂x}, ranges of columns for {@code ∂γ} and {@code ∂β} (each entry
 * still summed over the rows in order), so the result does not depend on the threads.
 */
public final class LayerNorm extends UnaryModule {

    /** The default ε, as in PyTorch. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** Columns of {@code ∂γ} and {@code ∂β} per parallel task. */
    private static final int COLUMN_RANGE = 32;

    private final int width;
    private final double epsilon;
    private final Parameter gain;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final TaskRunner runner;

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
        this(name, width, epsilon, null);
    }

    /**
     * A layer norm with {@link #DEFAULT_EPSILON} that computes large inputs on the run's threads.
     *
     * @param name   prefix of the parameter names ({@code name.gain}, {@code name.bias})
     * @param width  d, the number of features per row, at least 1
     * @param runner the run's threads
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public LayerNorm(String name, int width, TaskRunner runner) {
        this(name, width, DEFAULT_EPSILON, Objects.requireNonNull(runner, "runner"));
    }

    /**
     * @param name    prefix of the parameter names ({@code name.gain}, {@code name.bias})
     * @param width   d, the number of features per row, at least 1
     * @param epsilon ε added to the variance, positive and finite
     * @param runner  runs the ranges of large inputs as parallel tasks, or null to compute on the
     *                calling thread
     * @throws IllegalArgumentException if {@code width < 1} or ε is not positive and finite
     */
    public LayerNorm(String name, int width, double epsilon, TaskRunner runner) {
        super(name);
        this.runner = runner;
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

    /** {@code Σ_j a[base + j]·b[base + j]} for {@code j < n}, in double, as {@link #sum}. */
    private static double dot(float[] a, float[] b, int base, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += (double) a[base + j] * b[base + j];
            s1 += (double) a[base + j + 1] * b[base + j + 1];
            s2 += (double) a[base + j + 2] * b[base + j + 2];
            s3 += (double) a[base + j + 3] * b[base + j + 3];
        }
        for (; j < n; j++) {
            s0 += (double) a[base + j] * b[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** One application: the normalised input and row scales of the last pass, and the reused buffers. */
    private final class LayerNormCall extends UnaryCall {
        private final FMatrixRMaj normalized = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final WorkerTask forwardRows = this::forwardRows;
        private final WorkerTask backwardRows = this::backwardRows;
        private final WorkerTask accumulateColumns = this::accumulateColumns;
        private final int rowsPerTask = Math.max(1, AbstractActivation.RANGE / width);
        private float[] inverseStd = new float[1];
        private FMatrixRMaj input;
        private FMatrixRMaj gradOutput;
        private float[] gainGrad;
        private float[] biasGrad;
        private int rows;
        private boolean ran;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != width) {
                // the message is built only on failure: this runs every step
                MatrixChecks.requireCols("input of layer norm '" + name() + "'", input, width);
            }
            rows = input.numRows;
            normalized.reshape(rows, width);
            output.reshape(rows, width);
            if (inverseStd.length < rows) {
                inverseStd = new float[rows];
            }
            this.input = input;
            if (parallel()) {
                runner.forEachTask(ceilDiv(rows, rowsPerTask), forwardRows);
            } else {
                normalize(0, rows);
            }
            this.input = null;
            ran = true;
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (!ran) {
                throw new IllegalStateException("layer norm '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of layer norm '" + name() + "'", gradOutput, rows, width);
            }
            this.gradOutput = gradOutput;
            // the gradients are fetched (and zeroed if pending) here, once, not by each task
            gainGrad = gain.grad().data;
            biasGrad = bias.grad().data;
            try {
                if (parallel()) {
                    runner.forEachTask(ceilDiv(width, COLUMN_RANGE), accumulateColumns);
                } else {
                    accumulate(0, width);
                }
                if (!needInput) {
                    return null;
                }
                gradInput.reshape(rows, width);
                if (parallel()) {
                    runner.forEachTask(ceilDiv(rows, rowsPerTask), backwardRows);
                } else {
                    differentiate(0, rows);
                }
                return gradInput;
            } finally {
                this.gradOutput = null;
                gainGrad = null;
                biasGrad = null;
            }
        }

        private boolean parallel() {
            return runner != null && (long) rows * width >= AbstractActivation.PARALLEL_MIN_ELEMENTS;
        }

        private void forwardRows(int worker, int task) {
            int from = task * rowsPerTask;
            normalize(from, Math.min(rows, from + rowsPerTask));
        }

        private void backwardRows(int worker, int task) {
            int from = task * rowsPerTask;
            differentiate(from, Math.min(rows, from + rowsPerTask));
        }

        private void accumulateColumns(int worker, int task) {
            int from = task * COLUMN_RANGE;
            accumulate(from, Math.min(width, from + COLUMN_RANGE));
        }

        /** {@code x̂} and {@code y} of rows {@code from … to − 1}. */
        private void normalize(int from, int to) {
            float[] x = input.data;
            float[] xh = normalized.data;
            float[] y = output.data;
            float[] g = gain.value().data;
            float[] b = bias.value().data;
            for (int r = from; r < to; r++) {
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
        }

        /** {@code ∂x} of rows {@code from … to − 1}, each row of ∂x holding {@code ĝ} on the way. */
        private void differentiate(int from, int to) {
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            float[] g = gain.value().data;
            float[] gx = gradInput.data;
            for (int r = from; r < to; r++) {
                int base = r * width;
                for (int j = 0; j < width; j++) {
                    gx[base + j] = gy[base + j] * g[j];
                }
                float meanG = (float) (sum(gx, base, width) / width);
                float meanGx = (float) (dot(gx, xh, base, width) / width);
                float inv = inverseStd[r];
                for (int j = 0; j < width; j++) {
                    gx[base + j] = (gx[base + j] - meanG - xh[base + j] * meanGx) * inv;
                }
            }
        }

        /** {@code ∂γ += Σ_rows ∂y ⊙ x̂} and {@code ∂β += Σ_rows ∂y} for columns {@code from … to − 1}. */
        private void accumulate(int from, int to) {
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            float[] dg = gainGrad;
            float[] db = biasGrad;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                for (int j = from; j < to; j++) {
                    dg[j] += gy[base + j] * xh[base + j];
                    db[j] += gy[base + j];
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}

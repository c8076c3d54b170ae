package org.opudfa.dfa.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * Batch normalisation over the rows of a batch, per feature (Ioffe and Szegedy 2015), with a
 * learned gain and bias: in a training pass, with the batch's per-column mean {@code μ_j} and
 * biased (1/n) variance {@code σ²_j} over its n rows,
 * {@code x̂ = (x − μ)/√(σ² + ε)}, {@code y = γ ⊙ x̂ + β}. Gain starts at 1 and bias at 0.
 *
 * <p>Running statistics for inference, updated by every training pass as PyTorch does (momentum
 * m, unbiased variance): {@code μ_run ← (1 − m)·μ_run + m·μ},
 * {@code σ²_run ← (1 − m)·σ²_run + m·σ²·n/(n − 1)}; they start at 0 and 1. An inference pass
 * normalises with them, {@code x̂ = (x − μ_run)/√(σ²_run + ε)}. They are not trained, but they are
 * the module's {@link #buffers()}, so they travel with the parameters in a checkpoint.
 *
 * <p>Backward of a training pass, with {@code ĝ = ∂y ⊙ γ} and means over rows:
 * {@code ∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ ⊙ x̂)) / √(σ² + ε)}; of an inference pass,
 * {@code ∂x = ĝ / √(σ²_run + ε)}. Both add {@code ∂γ += Σ_rows ∂y ⊙ x̂}, {@code ∂β += Σ_rows ∂y}.
 * Column statistics are accumulated in double.
 *
 * <p>The two element-wise passes over a batch (normalising forward, ∂x backward) go row by row
 * through scratch rows of width d: C2 in Java 17 does not vectorise a loop that reads
 * {@code x[base + j]} beside the column vectors' {@code γ[j]} (two different offsets), but it does
 * once every array in the loop is indexed by {@code j}, and the copies in and out of the scratch
 * rows are cheap ({@code System.arraycopy}); the arithmetic is the same, rounding for rounding.
 * The column sums, accumulated in double, are left as plain loops (the float-to-double
 * conversion is not vectorised either way). The passes run on the calling thread: a form that
 * split them into blocks of columns on the run's threads (each column computed the same way in
 * any block) was measured and removed. On 2 shared cores a training pass and its backward pass on
 * 2 048 × 400 took 58 ms of wall time on 2 threads against 23 ms on one, and in a JFR profile of a
 * DeepFM training on 2 threads the column blocks took about three times the processor time of the
 * same passes on one thread, mostly in the column sums: each block reads every row, strided, and
 * half of the rows were last written by the other core.
 */
public final class BatchNorm extends UnaryModule {

    /** The default ε, as in PyTorch. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** The default momentum of the running statistics, as in PyTorch. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int width;
    private final double epsilon;
    private final double momentum;
    private final Parameter gain;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final FMatrixRMaj runningMean;
    private final FMatrixRMaj runningVariance;
    private final Map<String, FMatrixRMaj> buffers;

    /**
     * A batch norm with {@link #DEFAULT_EPSILON} and {@link #DEFAULT_MOMENTUM}.
     *
     * @param name  prefix of the parameter and buffer names ({@code name.gain}, {@code name.bias},
     *              {@code name.running_mean}, {@code name.running_variance})
     * @param width d, the number of features per row, at least 1
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public BatchNorm(String name, int width) {
        this(name, width, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    /**
     * @param name     prefix of the parameter and buffer names
     * @param width    d, the number of features per row, at least 1
     * @param epsilon  ε added to the variance, positive and finite
     * @param momentum m, the weight of each batch in the running statistics, in (0, 1]
     * @throws IllegalArgumentException if {@code width < 1}, ε is not positive and finite, or m is
     *     outside (0, 1]
     */
    public BatchNorm(String name, int width, double epsilon, double momentum) {
        super(name);
        this.width = MatrixChecks.requirePositive("batch norm '" + name + "' width", width);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("batch norm '" + name + "' epsilon must be positive and finite, got "
                    + epsilon);
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch norm '" + name + "' momentum must be in (0, 1], got "
                    + momentum);
        }
        this.epsilon = epsilon;
        this.momentum = momentum;
        FMatrixRMaj g = new FMatrixRMaj(1, width);
        Arrays.fill(g.data, 1f);
        this.gain = new Parameter(name + ".gain", g);
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, width));
        this.parameters = List.of(gain, bias);
        this.runningMean = new FMatrixRMaj(1, width);
        this.runningVariance = new FMatrixRMaj(1, width);
        Arrays.fill(runningVariance.data, 1f);
        Map<String, FMatrixRMaj> b = new LinkedHashMap<>();
        b.put(name + ".running_mean", runningMean);
        b.put(name + ".running_variance", runningVariance);
        this.buffers = java.util.Collections.unmodifiableMap(b);
    }

    /** @return the gain γ, 1 × d */
    public Parameter gain() {
        return gain;
    }

    /** @return the bias β, 1 × d */
    public Parameter bias() {
        return bias;
    }

    /** @return the running mean, 1 × d, updated in place by training passes */
    public FMatrixRMaj runningMean() {
        return runningMean;
    }

    /** @return the running (unbiased) variance, 1 × d, updated in place by training passes */
    public FMatrixRMaj runningVariance() {
        return runningVariance;
    }

    @Override
    public Map<String, FMatrixRMaj> buffers() {
        return buffers;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != width) {
            throw new IllegalArgumentException("batch norm '" + name() + "' takes inputs of width " + width + ", got "
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
        return new BatchNormCall();
    }

    @Override
    public String toString() {
        return "BatchNorm(" + name() + ", " + width + ")";
    }

    /**
     * One application: the normalised input and column scales of the last pass, and the reused
     * buffers.
     */
    private final class BatchNormCall extends UnaryCall {
        private final FMatrixRMaj normalized = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final double[] sum = new double[width];
        private final double[] sumSquares = new double[width];
        private final float[] shift = new float[width];
        private final float[] inverseStd = new float[width];
        private final float[] meanG = new float[width];
        private final float[] meanGx = new float[width];
        /** two input rows and an output row of scratch */
        private final float[] rowA = new float[width];
        private final float[] rowB = new float[width];
        private final float[] rowOut = new float[width];
        private FMatrixRMaj input;
        private FMatrixRMaj gradOutput;
        private float[] gainGrad;
        private float[] biasGrad;
        private boolean wantInput;
        private boolean lastTraining;
        private boolean ran;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != width) {
                // the message is built only on failure: this runs every step
                MatrixChecks.requireCols("input of batch norm '" + name() + "'", input, width);
            }
            int rows = input.numRows;
            if (training && rows < 2) {
                throw new IllegalArgumentException("batch norm '" + name() + "' needs at least 2 rows in a training "
                        + "pass to estimate a variance, got " + rows);
            }
            normalized.reshape(rows, width);
            output.reshape(rows, width);
            this.input = input;
            lastTraining = training;
            forwardPass();
            this.input = null;
            ran = true;
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (!ran) {
                throw new IllegalStateException("batch norm '" + name() + "' has no forward pass to go back through");
            }
            int rows = normalized.numRows;
            if (gradOutput.numRows != rows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of batch norm '" + name() + "'", gradOutput, rows, width);
            }
            if (needInput) {
                gradInput.reshape(rows, width);
            }
            this.gradOutput = gradOutput;
            wantInput = needInput;
            gainGrad = gain.grad().data;
            biasGrad = bias.grad().data;
            backwardPass();
            this.gradOutput = null;
            return needInput ? gradInput : null;
        }

        /** The forward pass. */
        private void forwardPass() {
            int j0 = 0;
            int j1 = width;
            int rows = input.numRows;
            float[] x = input.data;
            if (lastTraining) {
                for (int j = j0; j < j1; j++) {
                    sum[j] = 0;
                    sumSquares[j] = 0;
                }
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    for (int j = j0; j < j1; j++) {
                        sum[j] += x[base + j];
                    }
                }
                for (int j = j0; j < j1; j++) {
                    sum[j] /= rows;
                }
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    for (int j = j0; j < j1; j++) {
                        double c = x[base + j] - sum[j];
                        sumSquares[j] += c * c;
                    }
                }
                float[] rm = runningMean.data;
                float[] rv = runningVariance.data;
                for (int j = j0; j < j1; j++) {
                    double variance = sumSquares[j] / rows;
                    shift[j] = (float) sum[j];
                    inverseStd[j] = (float) (1.0 / Math.sqrt(variance + epsilon));
                    rm[j] = (float) ((1 - momentum) * rm[j] + momentum * sum[j]);
                    rv[j] = (float) ((1 - momentum) * rv[j] + momentum * sumSquares[j] / (rows - 1));
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    shift[j] = runningMean.data[j];
                    inverseStd[j] = (float) (1.0 / Math.sqrt(runningVariance.data[j] + epsilon));
                }
            }
            float[] xh = normalized.data;
            float[] y = output.data;
            float[] g = gain.value().data;
            float[] b = bias.value().data;
            float[] in = rowA;
            float[] n = rowB;
            float[] out = rowOut;
            int count = j1 - j0;
            // row by row through scratch rows indexed as the column vectors are (see the class comment)
            for (int r = 0; r < rows; r++) {
                int at = r * width + j0;
                System.arraycopy(x, at, in, j0, count);
                for (int j = j0; j < j1; j++) {
                    float v = (in[j] - shift[j]) * inverseStd[j];
                    n[j] = v;
                    out[j] = g[j] * v + b[j];
                }
                System.arraycopy(n, j0, xh, at, count);
                System.arraycopy(out, j0, y, at, count);
            }
        }

        /** The backward pass. */
        private void backwardPass() {
            int j0 = 0;
            int j1 = width;
            int rows = normalized.numRows;
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            // column sums Σ ∂y and Σ ∂y ⊙ x̂: the parameter gradients, and the means backward needs
            for (int j = j0; j < j1; j++) {
                sum[j] = 0;
                sumSquares[j] = 0;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                for (int j = j0; j < j1; j++) {
                    sum[j] += gy[base + j];
                    sumSquares[j] += (double) gy[base + j] * xh[base + j];
                }
            }
            float[] dg = gainGrad;
            float[] db = biasGrad;
            for (int j = j0; j < j1; j++) {
                dg[j] += (float) sumSquares[j];
                db[j] += (float) sum[j];
            }
            if (!wantInput) {
                return;
            }
            float[] gx = gradInput.data;
            float[] g = gain.value().data;
            if (!lastTraining) {
                for (int r = 0; r < rows; r++) {
                    int base = r * width;
                    for (int j = j0; j < j1; j++) {
                        gx[base + j] = gy[base + j] * g[j] * inverseStd[j];
                    }
                }
                return;
            }
            // mean(ĝ) = γ·mean(∂y) and mean(ĝ ⊙ x̂) = γ·mean(∂y ⊙ x̂): scale once per column
            for (int j = j0; j < j1; j++) {
                meanG[j] = (float) (g[j] * sum[j] / rows);
                meanGx[j] = (float) (g[j] * sumSquares[j] / rows);
            }
            float[] dy = rowA;
            float[] n = rowB;
            float[] out = rowOut;
            int count = j1 - j0;
            for (int r = 0; r < rows; r++) {
                int at = r * width + j0;
                System.arraycopy(gy, at, dy, j0, count);
                System.arraycopy(xh, at, n, j0, count);
                for (int j = j0; j < j1; j++) {
                    out[j] = (dy[j] * g[j] - meanG[j] - n[j] * meanGx[j]) * inverseStd[j];
                }
                System.arraycopy(out, j0, gx, at, count);
            }
        }
    }

}

package org.opudfa.dfa.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

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
 * Column statistics are accumulated in double, in blocks of {@value #BLOCK_ROWS} rows: each
 * block sums its rows in order, and the blocks' sums are added in block order, so every sum is
 * the same whichever thread computes a block.
 *
 * <p>Built with a {@link TaskRunner} (the run's threads), a pass over a batch of more than one
 * block hands the blocks to the runner's threads, for the column sums and for the element-wise
 * passes (normalising forward, ∂x backward), so the results are the same bits on any thread
 * count, and the same as without a runner, where the blocks run one after the other on the
 * calling thread. The passes go row by row, each a {@code LayerLoops} call: when the runner is a
 * {@link org.opudfa.opu.kernel.Gemm} on its vector kernel, loops written with the Vector API,
 * else plain loops, with the same bits (C2 in Java 17 vectorises neither the float-to-double
 * conversion of the column sums nor a loop that reads {@code x[base + j]} beside the column
 * vectors' {@code γ[j]}, two different offsets). Blocks of rows rather than of
 * columns: an earlier form that gave each thread a block of columns read every row strided, half
 * of them last written by the other core, and took about three times the processor time of one
 * thread.
 */
public final class BatchNorm extends UnaryModule {

    /** The default ε, as in PyTorch. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** The default momentum of the running statistics, as in PyTorch. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** Rows per block of the column sums and of the parallel passes. */
    public static final int BLOCK_ROWS = 256;

    private final int width;
    private final double epsilon;
    private final double momentum;
    private final Parameter gain;
    private final Parameter bias;
    private final List<Parameter> parameters;
    private final FMatrixRMaj runningMean;
    private final FMatrixRMaj runningVariance;
    private final Map<String, FMatrixRMaj> buffers;
    /** the threads the blocks run on, or null for the calling thread */
    private final TaskRunner runner;
    /** the loops of the column sums and row passes: those of the run's matrix products */
    private final LayerLoops loops;

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
        this(name, width, epsilon, momentum, null);
    }

    /**
     * A batch norm with {@link #DEFAULT_EPSILON} and {@link #DEFAULT_MOMENTUM} whose passes over
     * batches of more than {@value #BLOCK_ROWS} rows run their blocks of rows on the runner's
     * threads (the same results as on the calling thread).
     *
     * @param name   prefix of the parameter and buffer names
     * @param width  d, the number of features per row, at least 1
     * @param runner the run's threads
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public BatchNorm(String name, int width, TaskRunner runner) {
        this(name, width, DEFAULT_EPSILON, DEFAULT_MOMENTUM, Objects.requireNonNull(runner, "runner"));
    }

    private BatchNorm(String name, int width, double epsilon, double momentum, TaskRunner runner) {
        super(name);
        this.runner = runner;
        this.loops = LayerLoops.of(runner);
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
     * One application: the normalised input and column scales of the last pass, the blocks' partial
     * column sums, and the reused buffers.
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
        private final WorkerTask blockSums = this::blockSums;
        private final WorkerTask blockSquares = this::blockSquares;
        private final WorkerTask blockNormalize = this::blockNormalize;
        private final WorkerTask blockGradientSums = this::blockGradientSums;
        private final WorkerTask blockGradient = this::blockGradient;
        /** per block: its column sums (two kinds) */
        private double[][] blockSum = new double[0][];
        private double[][] blockSumSquares = new double[0][];
        private int rows;
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
            int n = input.numRows;
            if (training && n < 2) {
                throw new IllegalArgumentException("batch norm '" + name() + "' needs at least 2 rows in a training "
                        + "pass to estimate a variance, got " + n);
            }
            normalized.reshape(n, width);
            output.reshape(n, width);
            this.input = input;
            lastTraining = training;
            rows = n;
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
            int n = normalized.numRows;
            if (gradOutput.numRows != n || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of batch norm '" + name() + "'", gradOutput, n, width);
            }
            if (needInput) {
                gradInput.reshape(n, width);
            }
            this.gradOutput = gradOutput;
            wantInput = needInput;
            gainGrad = gain.grad().data;
            biasGrad = bias.grad().data;
            rows = n;
            backwardPass();
            this.gradOutput = null;
            return needInput ? gradInput : null;
        }

        /** The forward pass. */
        private void forwardPass() {
            if (lastTraining) {
                runBlocks(blockSums);
                addBlocks(blockSum, sum);
                for (int j = 0; j < width; j++) {
                    sum[j] /= rows;
                }
                runBlocks(blockSquares);
                addBlocks(blockSumSquares, sumSquares);
                float[] rm = runningMean.data;
                float[] rv = runningVariance.data;
                for (int j = 0; j < width; j++) {
                    double variance = sumSquares[j] / rows;
                    shift[j] = (float) sum[j];
                    inverseStd[j] = (float) (1.0 / Math.sqrt(variance + epsilon));
                    rm[j] = (float) ((1 - momentum) * rm[j] + momentum * sum[j]);
                    rv[j] = (float) ((1 - momentum) * rv[j] + momentum * sumSquares[j] / (rows - 1));
                }
            } else {
                for (int j = 0; j < width; j++) {
                    shift[j] = runningMean.data[j];
                    inverseStd[j] = (float) (1.0 / Math.sqrt(runningVariance.data[j] + epsilon));
                }
            }
            runBlocks(blockNormalize);
        }

        /** The backward pass. */
        private void backwardPass() {
            // column sums Σ ∂y and Σ ∂y ⊙ x̂: the parameter gradients, and the means backward needs
            runBlocks(blockGradientSums);
            addBlocks(blockSum, sum);
            addBlocks(blockSumSquares, sumSquares);
            float[] dg = gainGrad;
            float[] db = biasGrad;
            for (int j = 0; j < width; j++) {
                dg[j] += (float) sumSquares[j];
                db[j] += (float) sum[j];
            }
            if (!wantInput) {
                return;
            }
            if (lastTraining) {
                // mean(ĝ) = γ·mean(∂y) and mean(ĝ ⊙ x̂) = γ·mean(∂y ⊙ x̂): scale once per column
                float[] g = gain.value().data;
                for (int j = 0; j < width; j++) {
                    meanG[j] = (float) (g[j] * sum[j] / rows);
                    meanGx[j] = (float) (g[j] * sumSquares[j] / rows);
                }
            }
            runBlocks(blockGradient);
        }

        /** Sizes the per-block arrays for {@link #rows} rows. */
        private void prepareBlocks() {
            int blocks = blocks();
            if (blockSum.length < blocks) {
                blockSum = new double[blocks][width];
                blockSumSquares = new double[blocks][width];
            }
        }

        private int blocks() {
            return (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        }

        /** Runs a task per block of rows: on the runner's threads when there are several blocks. */
        private void runBlocks(WorkerTask task) {
            prepareBlocks();
            int blocks = blocks();
            (runner != null && blocks > 1 ? runner : TaskRunner.CALLING_THREAD).forEachTask(blocks, task);
        }

        /** {@code total = Σ_blocks partial[b]}, the blocks added in order. */
        private void addBlocks(double[][] partial, double[] total) {
            System.arraycopy(partial[0], 0, total, 0, width);
            for (int b = 1; b < blocks(); b++) {
                double[] p = partial[b];
                for (int j = 0; j < width; j++) {
                    total[j] += p[j];
                }
            }
        }

        /** Column sums of x over block {@code b}'s rows. */
        private void blockSums(int worker, int b) {
            double[] s = blockSum[b];
            Arrays.fill(s, 0.0);
            float[] x = input.data;
            for (int r = b * BLOCK_ROWS, end = Math.min(rows, r + BLOCK_ROWS); r < end; r++) {
                loops.addRow(x, r * width, s, 0, width);
            }
        }

        /** Column sums of {@code (x − μ)²} over block {@code b}'s rows, {@link #sum} holding μ. */
        private void blockSquares(int worker, int b) {
            double[] s = blockSumSquares[b];
            Arrays.fill(s, 0.0);
            float[] x = input.data;
            for (int r = b * BLOCK_ROWS, end = Math.min(rows, r + BLOCK_ROWS); r < end; r++) {
                loops.addSquaredDeviations(x, r * width, sum, s, 0, width);
            }
        }

        /** {@code x̂ = (x − shift)·inverseStd} and {@code y = γ ⊙ x̂ + β} on block {@code b}'s rows. */
        private void blockNormalize(int worker, int b) {
            float[] x = input.data;
            float[] xh = normalized.data;
            float[] y = output.data;
            float[] g = gain.value().data;
            float[] beta = bias.value().data;
            for (int r = b * BLOCK_ROWS, end = Math.min(rows, r + BLOCK_ROWS); r < end; r++) {
                loops.normalizeRow(x, xh, y, r * width, shift, inverseStd, g, beta, 0, width);
            }
        }

        /** Column sums of ∂y and of ∂y ⊙ x̂ over block {@code b}'s rows. */
        private void blockGradientSums(int worker, int b) {
            double[] s = blockSum[b];
            double[] sx = blockSumSquares[b];
            Arrays.fill(s, 0.0);
            Arrays.fill(sx, 0.0);
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            for (int r = b * BLOCK_ROWS, end = Math.min(rows, r + BLOCK_ROWS); r < end; r++) {
                loops.addRowAndProducts(gy, xh, r * width, s, sx, 0, width);
            }
        }

        /**
         * ∂x on block {@code b}'s rows: {@code (∂y ⊙ γ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)) ⊙ inverseStd}
         * after a training pass, {@code ∂y ⊙ γ ⊙ inverseStd} after an inference pass.
         */
        private void blockGradient(int worker, int b) {
            float[] gy = gradOutput.data;
            float[] xh = normalized.data;
            float[] gx = gradInput.data;
            float[] g = gain.value().data;
            for (int r = b * BLOCK_ROWS, end = Math.min(rows, r + BLOCK_ROWS); r < end; r++) {
                int at = r * width;
                if (lastTraining) {
                    loops.normalizedGradientRow(gy, xh, gx, at, g, meanG, meanGx, inverseStd, 0, width);
                } else {
                    for (int j = 0; j < width; j++) {
                        gx[at + j] = gy[at + j] * g[j] * inverseStd[j];
                    }
                }
            }
        }
    }

}

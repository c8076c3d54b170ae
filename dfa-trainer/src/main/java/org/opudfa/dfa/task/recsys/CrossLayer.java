package org.opudfa.dfa.task.recsys;

import java.util.List;
import java.util.Objects;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * One cross layer of a Deep &amp; Cross network (Wang et al. 2017): from the base input
 * {@code x_0} and the previous layer's output {@code x_l} (both rows × d),
 * {@code x_{l+1} = x_0 ⊙ (x_l·w) + b + x_l}, with weights {@code w} (d × 1, stored 1 × d) and bias
 * {@code b} (1 × d): an explicit feature interaction of one more degree per layer, with a residual.
 * Inputs, in order: {@code x_0}, {@code x_l}.
 *
 * <p>Backward, with {@code s_r = x_l[r]·w} and {@code t_r = Σ_j ∂y_rj·x_0,rj}:
 * {@code ∂x_0 = ∂y ⊙ s}, {@code ∂x_l = ∂y + t·wᵀ}, {@code ∂w += Σ_r t_r·x_l[r]},
 * {@code ∂b += Σ_r ∂y_r}.
 *
 * <p>Given the run's threads ({@link TaskRunner}), a large batch is computed as parallel blocks of
 * rows (the outputs, the input gradients) and of columns (the parameter gradients, each summing
 * its rows in order), so the results do not depend on the thread count.
 */
public final class CrossLayer implements Module {

    /** Batches of fewer entries (rows × d) are computed on the calling thread alone. */
    public static final int PARALLEL_ENTRIES = 1 << 16;
    /** Rows per task of the row passes. */
    public static final int ROW_BLOCK = 256;
    /** Columns per task of the parameter gradients. */
    public static final int COLUMN_BLOCK = 64;

    private final String name;
    private final int width;
    private final Parameter weight;
    private final Parameter bias;
    private final TaskRunner runner;

    /**
     * @param name  prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param width d
     * @param rng   the stream the weights are drawn from, {@code U[−1/√d, 1/√d)}; the bias starts at 0
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public CrossLayer(String name, int width, UniformRandomProvider rng) {
        this(name, width, rng, null);
    }

    /**
     * A cross layer whose passes over large batches run as parallel blocks on {@code runner}.
     *
     * @param name   prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param width  d
     * @param rng    the stream the weights are drawn from, {@code U[−1/√d, 1/√d)}; the bias starts at 0
     * @param runner the run's threads, or null for the calling thread only
     * @throws IllegalArgumentException if {@code width < 1}
     */
    public CrossLayer(String name, int width, UniformRandomProvider rng, TaskRunner runner) {
        this.runner = runner;
        this.name = Objects.requireNonNull(name, "name");
        if (width < 1) {
            throw new IllegalArgumentException("cross layer '" + name + "' width must be at least 1, got " + width);
        }
        this.width = width;
        FMatrixRMaj w = new FMatrixRMaj(1, width);
        double bound = 1.0 / Math.sqrt(width);
        for (int j = 0; j < width; j++) {
            w.data[j] = (float) (bound * (2 * rng.nextDouble() - 1));
        }
        this.weight = new Parameter(name + ".weight", w);
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, width));
    }

    /** @return w, 1 × d */
    public Parameter weight() {
        return weight;
    }

    /** @return b, 1 × d */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length != 2 || inputWidths[0] != width || inputWidths[1] != width) {
            throw new IllegalArgumentException("cross layer '" + name + "' takes 2 inputs (x0, xl) of width " + width
                    + ", got widths " + java.util.Arrays.toString(inputWidths));
        }
        return new int[] {width};
    }

    @Override
    public Call newCall() {
        return new CrossCall();
    }

    @Override
    public String toString() {
        return "CrossLayer(" + name + ", " + width + ")";
    }

    /**
     * One application: the inputs and the products s of the last pass, and the reused buffers.
     * Forward, and backward's input gradients and {@code t}, go by blocks of rows; the parameter
     * gradients by blocks of columns, each column summing its rows in order. With a runner and a
     * large batch the blocks are parallel tasks, with the same bits as on one thread.
     */
    private final class CrossCall implements Call {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] outputs = {output};
        private final FMatrixRMaj grad0 = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradL = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[2];
        private final WorkerTask forwardBlock = this::forwardBlock;
        private final WorkerTask backwardBlock = this::backwardBlock;
        private final WorkerTask parameterBlock = this::parameterBlock;
        private float[] s = new float[1];
        private float[] t = new float[1];
        private FMatrixRMaj x0;
        private FMatrixRMaj xl;
        private FMatrixRMaj gradOutput;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            x0 = inputs[0];
            xl = inputs[1];
            int rows = x0.numRows;
            if (x0.numCols != width || xl.numCols != width || xl.numRows != rows) {
                throw new IllegalArgumentException("cross layer '" + name + "' takes x0 and xl of one shape rows × "
                        + width + ", got " + x0.numRows + "×" + x0.numCols + " and " + xl.numRows + "×" + xl.numCols);
            }
            if (s.length < rows) {
                s = new float[rows];
                t = new float[rows];
            }
            output.reshape(rows, width);
            run(forwardBlock, ceilDiv(rows, ROW_BLOCK), rows);
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (x0 == null) {
                throw new IllegalStateException("cross layer '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            int rows = x0.numRows;
            if (g.numRows != rows || g.numCols != width) {
                throw new IllegalArgumentException("output gradient of cross layer '" + name + "' must be " + rows + "×"
                        + width + ", got " + g.numRows + "×" + g.numCols);
            }
            grad0.reshape(rows, width);
            gradL.reshape(rows, width);
            gradOutput = g;
            // clears pending zeros here, before any task adds into them
            weight.grad();
            bias.grad();
            run(backwardBlock, ceilDiv(rows, ROW_BLOCK), rows);
            run(parameterBlock, ceilDiv(width, COLUMN_BLOCK), rows);
            gradOutput = null;
            gradInputs[0] = needInput[0] ? grad0 : null;
            gradInputs[1] = needInput[1] ? gradL : null;
            return gradInputs;
        }

        /** Runs the blocks of a pass as parallel tasks when there is a runner and the batch is large enough. */
        private void run(WorkerTask pass, int blocks, int rows) {
            boolean parallel = runner != null && (long) rows * width >= PARALLEL_ENTRIES;
            (parallel ? runner : TaskRunner.CALLING_THREAD).forEachTask(blocks, pass);
        }

        /** {@code s_r = x_l[r]·w} and {@code y[r] = x_0[r]·s_r + b + x_l[r]} for one block of rows. */
        private void forwardBlock(int worker, int block) {
            int r0 = block * ROW_BLOCK;
            int r1 = Math.min(x0.numRows, r0 + ROW_BLOCK);
            float[] a = x0.data;
            float[] x = xl.data;
            float[] w = weight.value().data;
            float[] b = bias.value().data;
            float[] y = output.data;
            for (int r = r0; r < r1; r++) {
                int base = r * width;
                float dot = 0f;
                for (int j = 0; j < width; j++) {
                    dot += x[base + j] * w[j];
                }
                s[r] = dot;
                for (int j = 0; j < width; j++) {
                    y[base + j] = a[base + j] * dot + b[j] + x[base + j];
                }
            }
        }

        /** {@code t_r}, {@code ∂x_0 = ∂y ⊙ s} and {@code ∂x_l = ∂y + t·wᵀ} for one block of rows. */
        private void backwardBlock(int worker, int block) {
            int r0 = block * ROW_BLOCK;
            int r1 = Math.min(x0.numRows, r0 + ROW_BLOCK);
            float[] gy = gradOutput.data;
            float[] a = x0.data;
            float[] w = weight.value().data;
            float[] g0 = grad0.data;
            float[] gl = gradL.data;
            for (int r = r0; r < r1; r++) {
                int base = r * width;
                float tr = 0f;
                for (int j = 0; j < width; j++) {
                    tr += gy[base + j] * a[base + j];
                }
                t[r] = tr;
                float sr = s[r];
                for (int j = 0; j < width; j++) {
                    g0[base + j] = gy[base + j] * sr;
                    gl[base + j] = gy[base + j] + tr * w[j];
                }
            }
        }

        /** {@code ∂b += Σ_r ∂y_r} and {@code ∂w += Σ_r t_r·x_l[r]}, rows in order, for one block of columns. */
        private void parameterBlock(int worker, int block) {
            int j0 = block * COLUMN_BLOCK;
            int j1 = Math.min(width, j0 + COLUMN_BLOCK);
            int rows = x0.numRows;
            float[] gy = gradOutput.data;
            float[] x = xl.data;
            float[] gw = weight.grad().data;
            float[] gb = bias.grad().data;
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                float tr = t[r];
                for (int j = j0; j < j1; j++) {
                    gb[j] += gy[base + j];
                    gw[j] += tr * x[base + j];
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

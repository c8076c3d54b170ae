package org.opudfa.dfa.task.recsys;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.TaskRunner;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * The pairwise term of a factorization machine (Rendle 2010) on field embeddings
 * {@code v_f ∈ R^k} laid side by side (rows × fields·k):
 * {@code y = Σ_{f<g} ⟨v_f, v_g⟩ = ½·Σ_d [(Σ_f v_fd)² − Σ_f v_fd²]}, one value per row, computed
 * in O(fields·k). No parameters: the embeddings are its input.
 *
 * <p>Backward, with {@code S_d = Σ_f v_fd}: {@code ∂v_fd = ∂y·(S_d − v_fd)}.
 *
 * <p>Every row is computed alone, so given the run's threads ({@link TaskRunner}) a large batch
 * is computed as blocks of rows in parallel, with the same results on any thread count.
 */
public final class FmInteraction extends UnaryModule {

    /** Batches of fewer entries (rows × fields·k) are computed on the calling thread alone. */
    public static final int PARALLEL_ENTRIES = 1 << 16;
    /** Rows per parallel task. */
    public static final int ROW_BLOCK = 256;

    private final int fields;
    private final int dim;
    private final TaskRunner runner;

    /**
     * @param name   the module's name
     * @param fields the number of fields
     * @param dim    k, the embedding size
     * @throws IllegalArgumentException on a non-positive size
     */
    public FmInteraction(String name, int fields, int dim) {
        this(name, fields, dim, null);
    }

    /**
     * A pairwise term whose passes over large batches run as blocks of rows on {@code runner}.
     *
     * @param name   the module's name
     * @param fields the number of fields
     * @param dim    k, the embedding size
     * @param runner the run's threads, or null for the calling thread only
     * @throws IllegalArgumentException on a non-positive size
     */
    public FmInteraction(String name, int fields, int dim, TaskRunner runner) {
        super(name);
        this.runner = runner;
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

    /**
     * One application: the input and its field sums S, kept for backward. Each row is computed
     * alone; with a runner, batches of at least {@link #PARALLEL_ENTRIES} entries are cut into
     * blocks of {@link #ROW_BLOCK} rows computed as parallel tasks, with the same bits.
     */
    private final class FmCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj sums = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final WorkerTask forwardBlock = this::forwardBlock;
        private final WorkerTask backwardBlock = this::backwardBlock;
        private FMatrixRMaj input;
        private FMatrixRMaj gradOutput;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj x, Feed feed, boolean training) {
            if (x.numCols != fields * dim) {
                outputWidth(x.numCols);
            }
            int rows = x.numRows;
            output.reshape(rows, 1);
            sums.reshape(rows, dim);
            input = x;
            run(forwardBlock, rows);
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
            gradInput.reshape(rows, fields * dim);
            this.gradOutput = gradOutput;
            run(backwardBlock, rows);
            this.gradOutput = null;
            return gradInput;
        }

        /** Runs a pass's row blocks on the runner when there is one and the batch is large enough. */
        private void run(WorkerTask pass, int rows) {
            boolean parallel = runner != null && (long) rows * fields * dim >= PARALLEL_ENTRIES;
            (parallel ? runner : TaskRunner.CALLING_THREAD).forEachTask((rows + ROW_BLOCK - 1) / ROW_BLOCK, pass);
        }

        private void forwardBlock(int worker, int block) {
            forwardRows(block * ROW_BLOCK, Math.min(input.numRows, (block + 1) * ROW_BLOCK));
        }

        private void backwardBlock(int worker, int block) {
            backwardRows(block * ROW_BLOCK, Math.min(input.numRows, (block + 1) * ROW_BLOCK));
        }

        /** Field sums and the pairwise term of rows {@code r0 ≤ r < r1}. */
        private void forwardRows(int r0, int r1) {
            int width = fields * dim;
            float[] v = input.data;
            float[] s = sums.data;
            for (int r = r0; r < r1; r++) {
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
        }

        /** {@code ∂v_fd = ∂y·(S_d − v_fd)} on rows {@code r0 ≤ r < r1}. */
        private void backwardRows(int r0, int r1) {
            int width = fields * dim;
            float[] v = input.data;
            float[] s = sums.data;
            float[] gx = gradInput.data;
            for (int r = r0; r < r1; r++) {
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
        }
    }
}

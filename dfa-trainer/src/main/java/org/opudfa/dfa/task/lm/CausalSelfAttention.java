package org.opudfa.dfa.task.lm;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.FloatExp;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.kernel.WorkerTask;

/**
 * The core of causal multi-head self-attention, without parameters: from the packed queries, keys
 * and values of every token (rows × 3d: columns {@code [0, d)} are Q, {@code [d, 2d)} K,
 * {@code [2d, 3d)} V, each cut into H heads of {@code d_h = d/H} columns), for each sequence and
 * head
 * <pre>
 *   S = Q_h·K_hᵀ/√d_h,   P_ij = exp(S_ij)/Σ_{k≤i} exp(S_ik) for j ≤ i, 0 for j > i,   O_h = P·V_h
 * </pre>
 * and the output (rows × d) is the heads' {@code O_h} side by side. Token i of a sequence thus sees
 * tokens 0 … i of its own sequence and nothing after (the causal mask), nor any other sequence of
 * the batch ({@link Sequences}, read from the batch).
 *
 * <p>The projections around it (queries, keys and values from the input; the output projection)
 * are {@link org.opudfa.dfa.nn.Dense} layers the model applies before and after, so that they are
 * {@link org.opudfa.dfa.nn.LinearMap}s for feedback alignment and ordinary modules for everything
 * else.
 *
 * <p>Backward, with {@code G} the gradient of {@code O_h}: {@code ∂P = G·V_hᵀ},
 * {@code ∂V_h = Pᵀ·G}, {@code ∂S_ij = P_ij·(∂P_ij − Σ_k P_ik·∂P_ik)} (zero where masked),
 * {@code ∂Q_h = ∂S·K_h/√d_h}, {@code ∂K_h = ∂Sᵀ·Q_h/√d_h}.
 *
 * <p>Each (sequence, head) pair is one task on the run's threads ({@link Gemm#forEachTask}); its
 * four products go through a one-thread {@link Gemm} of the run's kernel owned by the worker, and
 * the softmax exponentials through {@link FloatExp}'s vectorised loop; masked entries are never
 * computed. The probabilities are kept for backward (H·L² floats per sequence).
 */
public final class CausalSelfAttention extends UnaryModule {

    private final int width;
    private final int heads;
    private final int headWidth;
    private final float scale;
    private final Feed.Key<Sequences> sequences;
    private final Gemm gemm;

    /**
     * @param name      the module's name
     * @param width     d, the model width, divisible by {@code heads}
     * @param heads     H, at least 1
     * @param sequences where the batch says how its rows form sequences
     * @param gemm      the run's matrix product: its threads run the (sequence, head) tasks and its
     *                  kernel the products
     * @throws IllegalArgumentException if the width is not a positive multiple of the heads
     */
    public CausalSelfAttention(String name, int width, int heads, Feed.Key<Sequences> sequences, Gemm gemm) {
        super(name);
        MatrixChecks.requirePositive("attention '" + name + "' heads", heads);
        MatrixChecks.requirePositive("attention '" + name + "' width", width);
        if (width % heads != 0) {
            throw new IllegalArgumentException("attention '" + name + "' width " + width
                    + " must be a multiple of its " + heads + " heads");
        }
        this.width = width;
        this.heads = heads;
        this.headWidth = width / heads;
        this.scale = (float) (1.0 / Math.sqrt(headWidth));
        this.sequences = Objects.requireNonNull(sequences, "sequences");
        this.gemm = Objects.requireNonNull(gemm, "gemm");
    }

    /** @return H, the number of heads */
    public int heads() {
        return heads;
    }

    /**
     * @param inputWidth 3d, the packed queries, keys and values
     * @return d
     */
    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != 3 * width) {
            throw new IllegalArgumentException("attention '" + name() + "' takes packed queries, keys and values of "
                    + "width 3 × " + width + " = " + 3 * width + ", got " + inputWidth);
        }
        return width;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public UnaryCall newCall() {
        return new AttentionCall();
    }

    @Override
    public String toString() {
        return "CausalSelfAttention(" + name() + ", d=" + width + ", heads=" + heads + ")";
    }

    /** One worker's matrices for one (sequence, head) task. */
    private static final class WorkerBuffers {
        final Gemm gemm;
        final FMatrixRMaj q = new FMatrixRMaj(1, 1);
        final FMatrixRMaj k = new FMatrixRMaj(1, 1);
        final FMatrixRMaj v = new FMatrixRMaj(1, 1);
        final FMatrixRMaj o = new FMatrixRMaj(1, 1);
        final FMatrixRMaj gradO = new FMatrixRMaj(1, 1);
        final FMatrixRMaj gradP = new FMatrixRMaj(1, 1);
        final FMatrixRMaj gradQ = new FMatrixRMaj(1, 1);
        final FMatrixRMaj gradK = new FMatrixRMaj(1, 1);
        final FMatrixRMaj gradV = new FMatrixRMaj(1, 1);
        float[] shifted = new float[1];
        float[] exps = new float[1];

        WorkerBuffers(Gemm gemm) {
            this.gemm = gemm;
        }
    }

    /** One application: the input and the probabilities of the last pass, and the reused buffers. */
    private final class AttentionCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private final WorkerBuffers[] workers = new WorkerBuffers[gemm.threads()];
        private final WorkerTask forwardTask = this::forwardTask;
        private final WorkerTask backwardTask = this::backwardTask;
        private FMatrixRMaj[] probabilities = new FMatrixRMaj[0];
        private FMatrixRMaj input;
        private FMatrixRMaj gradOutput;
        private int length;
        private int count;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training) {
            if (input.numCols != 3 * width) {
                MatrixChecks.requireCols("input of attention '" + name() + "'", input, 3 * width);
            }
            Sequences layout = feed.get(sequences);
            if (input.numRows != layout.rows()) {
                // the message is built only on failure: this runs every step
                layout.requireRows(input.numRows, "attention '" + name() + "'");
            }
            this.input = input;
            this.count = layout.count();
            this.length = layout.length();
            int tasks = count * heads;
            if (probabilities.length < tasks) {
                FMatrixRMaj[] grown = java.util.Arrays.copyOf(probabilities, tasks);
                for (int i = probabilities.length; i < tasks; i++) {
                    grown[i] = new FMatrixRMaj(1, 1);
                }
                probabilities = grown;
            }
            output.reshape(input.numRows, width);
            gemm.forEachTask(tasks, forwardTask);
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput) {
            if (input == null) {
                throw new IllegalStateException("attention '" + name() + "' has no forward pass to go back through");
            }
            if (gradOutput.numRows != input.numRows || gradOutput.numCols != width) {
                MatrixChecks.requireShape("output gradient of attention '" + name() + "'", gradOutput, input.numRows,
                        width);
            }
            if (!needInput) {
                return null;
            }
            this.gradOutput = gradOutput;
            gradInput.reshape(input.numRows, 3 * width);
            gemm.forEachTask(count * heads, backwardTask);
            this.gradOutput = null;
            return gradInput;
        }

        private WorkerBuffers buffers(int worker) {
            WorkerBuffers b = workers[worker];
            if (b == null) {
                b = new WorkerBuffers(Gemm.withThreads(1, gemm.implementation()));
                workers[worker] = b;
            }
            if (b.shifted.length < length) {
                b.shifted = new float[length];
                b.exps = new float[length];
            }
            return b;
        }

        private void forwardTask(int worker, int task) {
            WorkerBuffers b = buffers(worker);
            int sequence = task / heads;
            int head = task % heads;
            int firstRow = sequence * length;
            int column = head * headWidth;
            gather(input, firstRow, column, b.q);
            gather(input, firstRow, width + column, b.k);
            gather(input, firstRow, 2 * width + column, b.v);
            FMatrixRMaj p = probabilities[task];
            b.gemm.gemm(false, true, scale, b.q, b.k, 0f, p);
            causalSoftmax(p, b);
            b.gemm.mult(p, b.v, b.o);
            scatter(b.o, output, firstRow, column);
        }

        private void backwardTask(int worker, int task) {
            WorkerBuffers b = buffers(worker);
            int sequence = task / heads;
            int head = task % heads;
            int firstRow = sequence * length;
            int column = head * headWidth;
            gather(gradOutput, firstRow, column, b.gradO);
            gather(input, firstRow, column, b.q);
            gather(input, firstRow, width + column, b.k);
            gather(input, firstRow, 2 * width + column, b.v);
            FMatrixRMaj p = probabilities[task];
            b.gemm.multTransB(b.gradO, b.v, b.gradP);
            b.gemm.multTransA(p, b.gradO, b.gradV);
            softmaxBackward(p, b.gradP);
            b.gemm.gemm(false, false, scale, b.gradP, b.k, 0f, b.gradQ);
            b.gemm.gemm(true, false, scale, b.gradP, b.q, 0f, b.gradK);
            scatter(b.gradQ, gradInput, firstRow, column);
            scatter(b.gradK, gradInput, firstRow, width + column);
            scatter(b.gradV, gradInput, firstRow, 2 * width + column);
        }

        /** Copies rows {@code firstRow …} (one sequence), columns {@code column … + d_h} of {@code from}. */
        private void gather(FMatrixRMaj from, int firstRow, int column, FMatrixRMaj to) {
            to.reshape(length, headWidth);
            int stride = from.numCols;
            for (int t = 0; t < length; t++) {
                System.arraycopy(from.data, (firstRow + t) * stride + column, to.data, t * headWidth, headWidth);
            }
        }

        /** The inverse of {@link #gather}. */
        private void scatter(FMatrixRMaj from, FMatrixRMaj to, int firstRow, int column) {
            int stride = to.numCols;
            for (int t = 0; t < length; t++) {
                System.arraycopy(from.data, t * headWidth, to.data, (firstRow + t) * stride + column, headWidth);
            }
        }

        /** Row-wise softmax over the entries at or below the diagonal, zero above, in place. */
        private void causalSoftmax(FMatrixRMaj s, WorkerBuffers b) {
            float[] a = s.data;
            float[] shifted = b.shifted;
            float[] exps = b.exps;
            int n = length;
            for (int i = 0; i < n; i++) {
                int row = i * n;
                int valid = i + 1;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < valid; j++) {
                    max = Math.max(max, a[row + j]);
                }
                for (int j = 0; j < valid; j++) {
                    shifted[j] = a[row + j] - max;
                }
                FloatExp.exp(shifted, exps, valid);
                float sum = 0f;
                for (int j = 0; j < valid; j++) {
                    sum += exps[j];
                }
                float inverse = 1f / sum;
                for (int j = 0; j < valid; j++) {
                    a[row + j] = exps[j] * inverse;
                }
                java.util.Arrays.fill(a, row + valid, row + n, 0f);
            }
        }

        /** {@code ∂S_ij = P_ij·(∂P_ij − Σ_k P_ik·∂P_ik)}, in place of ∂P; zero where masked since P is. */
        private void softmaxBackward(FMatrixRMaj p, FMatrixRMaj gradP) {
            float[] pr = p.data;
            float[] g = gradP.data;
            int n = length;
            for (int i = 0; i < n; i++) {
                int row = i * n;
                int valid = i + 1;
                float dot = 0f;
                for (int j = 0; j < valid; j++) {
                    dot += pr[row + j] * g[row + j];
                }
                for (int j = 0; j < valid; j++) {
                    g[row + j] = pr[row + j] * (g[row + j] - dot);
                }
                java.util.Arrays.fill(g, row + valid, row + n, 0f);
            }
        }
    }
}

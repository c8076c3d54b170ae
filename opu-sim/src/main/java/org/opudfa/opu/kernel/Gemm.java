package org.opudfa.opu.kernel;

import java.util.Arrays;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * Float general matrix multiply on row-major EJML matrices:
 * {@code C = α·op(A)·op(B) + β·C} where {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <p>An instance owns its parallelism (there is no global thread setting): build one per run
 * with the thread count the user asked for and pass it to whatever multiplies. An instance with
 * more than one thread owns {@code threads − 1} daemon worker threads, started when it is built
 * and stopped by {@link #close()}; the calling thread always works too. After {@code close()} the
 * instance still computes, on the calling thread only. An instance may be shared between
 * threads: its products run one at a time. The same threads also run other parallel work of the
 * run through {@link #forEachTask}, so that a run has one team of threads, sized once.
 *
 * <p>Output matrices are passed in: when {@code β = 0} {@code C} is reshaped to the product's
 * shape (which allocates only if its array is too small); otherwise {@code C} must already
 * have that shape.
 *
 * <p>How it computes: {@code C} is cut into tiles of at most 256 × 256 entries, handed out to
 * the threads one at a time; for each k-block of at most 256, a thread packs the tile's part of
 * {@code op(A)} and {@code op(B)} into contiguous panels (in buffers it keeps from one product to
 * the next, so a product allocates nothing once each thread has run once) and runs a
 * register-blocked micro-kernel over them; see {@link GemmImplementation} for the two kernels.
 * Each entry of {@code C} is summed over k in the same order whatever the tiling, so the result
 * is bit-for-bit the same for any thread count. Products smaller than
 * {@value #PARALLEL_MIN_FLOPS} floating-point operations run on the calling thread alone.
 */
public final class Gemm implements AutoCloseable {

    /**
     * Products with fewer operations ({@code 2·m·n·k}) than this run on the calling thread alone:
     * about 200 µs of work for one core, against the tens of microseconds it can take a parked
     * worker to start on a busy machine.
     */
    public static final long PARALLEL_MIN_FLOPS = 1L << 24;
    /** the most threads an instance may use */
    public static final int MAX_THREADS = 256;
    /** with several threads, cut {@code C} into at least this many tiles per thread, for balance */
    private static final int TILES_PER_THREAD = 2;
    /** but not into tiles narrower or shorter than this, which would repack the operands too often */
    private static final int MIN_TILE_EDGE = 64;

    private final int threads;
    private final GemmKernel kernel;
    private final PackingBuffers[] buffers;
    private final GemmOperands op = new GemmOperands();
    private final WorkerTask tileTask = this::computeTile;
    private final Object lock = new Object();
    private WorkerTeam team;

    private Gemm(int threads, GemmImplementation implementation) {
        this.threads = threads;
        this.kernel = implementation.kernel();
        this.buffers = new PackingBuffers[threads];
        this.team = threads > 1 ? new WorkerTeam(threads - 1, "gemm-worker") : null;
    }

    /**
     * @param threads how many threads a product may use, at least 1
     * @return a GEMM that uses that many threads and the {@linkplain GemmImplementation#preferred()
     *     preferred} implementation
     * @throws IllegalArgumentException if {@code threads} is not between 1 and {@value #MAX_THREADS}
     */
    public static Gemm withThreads(int threads) {
        return withThreads(threads, GemmImplementation.preferred());
    }

    /**
     * @param threads        how many threads a product may use, at least 1
     * @param implementation which kernel to compute with
     * @return a GEMM that uses that many threads and that kernel
     * @throws IllegalArgumentException if {@code threads} is not between 1 and {@value #MAX_THREADS},
     *     or if the implementation is not {@linkplain GemmImplementation#isAvailable() available}
     */
    public static Gemm withThreads(int threads, GemmImplementation implementation) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be at most " + MAX_THREADS + ", got " + threads);
        }
        Objects.requireNonNull(implementation, "implementation must not be null");
        return new Gemm(threads, implementation);
    }

    /** @return a GEMM that runs on the calling thread only, with the preferred implementation */
    public static Gemm singleThreaded() {
        return withThreads(1);
    }

    /**
     * @return a one-line description of the implementation new instances use by default, for
     *     example {@code "vector (jdk.incubator.vector, 512-bit, 8×32 micro-kernel)"} or
     *     {@code "scalar (plain Java loops, 4 rows × tile width)"}
     */
    public static String implementationName() {
        return GemmImplementation.preferred().description();
    }

    /** @return the number of threads a product may use */
    public int threads() {
        return threads;
    }

    /** @return the implementation this instance computes with */
    public GemmImplementation implementation() {
        return kernel.implementation();
    }

    /**
     * {@code C = A·B}.
     *
     * @param a m × k
     * @param b k × n
     * @param c output, reshaped to m × n
     */
    public void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(false, false, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = Aᵀ·B}.
     *
     * @param a k × m
     * @param b k × n
     * @param c output, reshaped to m × n
     */
    public void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(true, false, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = A·Bᵀ}.
     *
     * @param a m × k
     * @param b n × k
     * @param c output, reshaped to m × n
     */
    public void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        gemm(false, true, 1f, a, b, 0f, c);
    }

    /**
     * {@code C = α·op(A)·op(B) + β·C}, that is
     * {@code C[i][j] = α·Σ_k op(A)[i][k]·op(B)[k][j] + β·C[i][j]}.
     *
     * <p>When {@code β = 0} the previous contents of {@code C} are not read (NaN in {@code C} does
     * not spread); when {@code α = 0} (or the inner dimension is 0) {@code A} and {@code B} are not
     * read and {@code C = β·C}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha  scale of the product
     * @param a      left operand
     * @param b      right operand
     * @param beta   scale of the previous {@code C}; 0 ignores its contents (even NaN)
     * @param c      output
     * @throws IllegalArgumentException if the inner dimensions differ, or if {@code β ≠ 0}
     *     and {@code C} does not have the product's shape, or if {@code C} aliases an operand
     */
    public void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                     float beta, FMatrixRMaj c) {
        gemm(transA, transB, alpha, a, b, beta, null, c);
    }

    /**
     * {@code C = A·Bᵀ + 1·v}: the product plus the row vector {@code v} added to every row, which
     * is a dense layer's {@code x·Wᵀ + b}. The vector is added as each tile of {@code C} is
     * stored, not in a second sweep over {@code C}.
     *
     * @param a   m × k
     * @param b   n × k
     * @param row 1 × n
     * @param c   output, reshaped to m × n
     * @throws IllegalArgumentException as {@link #gemm(boolean, boolean, float, FMatrixRMaj,
     *     FMatrixRMaj, float, FMatrixRMaj, FMatrixRMaj)}
     */
    public void multTransBPlusRow(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj row, FMatrixRMaj c) {
        gemm(false, true, 1f, a, b, 0f, row, c);
    }

    /**
     * {@code C = α·op(A)·op(B) + β·C + 1·v}, that is
     * {@code C[i][j] = α·Σ_k op(A)[i][k]·op(B)[k][j] + β·C[i][j] + v[j]}: the product plus a row
     * vector {@code v} added to every row of {@code C} (a bias), in the same pass that stores the
     * product. Without the vector ({@code row = null}) this is
     * {@link #gemm(boolean, boolean, float, FMatrixRMaj, FMatrixRMaj, float, FMatrixRMaj)}.
     *
     * <p>When {@code β = 0} the previous contents of {@code C} are not read (NaN in {@code C} does
     * not spread); when {@code α = 0} (or the inner dimension is 0) {@code A} and {@code B} are not
     * read and {@code C = β·C + 1·v}. The vector is added to the first k-block's partial sum
     * ({@code (α·P₀ + v) + β·C}, then the later blocks), the same order for every tiling.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha  scale of the product
     * @param a      left operand
     * @param b      right operand
     * @param beta   scale of the previous {@code C}; 0 ignores its contents (even NaN)
     * @param row    1 × n, added to every row of {@code C}; or null
     * @param c      output
     * @throws IllegalArgumentException if the inner dimensions differ, or if {@code β ≠ 0}
     *     and {@code C} does not have the product's shape, or if {@code C} aliases an operand,
     *     or if the row vector is not 1 × n or shares its data with {@code C}
     */
    public void gemm(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                     float beta, FMatrixRMaj row, FMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int ka = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (ka != kb) {
            throw new IllegalArgumentException("inner dimensions differ: op(A) is " + m + "×" + ka
                    + " but op(B) is " + kb + "×" + n);
        }
        if (c == a || c == b) {
            throw new IllegalArgumentException("the output matrix must not be one of the operands");
        }
        if (c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("the output matrix must not share its data array with an operand");
        }
        if (row != null) {
            if (row.numRows != 1 || row.numCols != n) {
                throw new IllegalArgumentException("the row vector added to C must be 1×" + n + ", got "
                        + row.numRows + "×" + row.numCols);
            }
            if (row.data == c.data) {
                throw new IllegalArgumentException("the row vector must not share its data array with the output");
            }
        }
        if (beta == 0f) {
            c.reshape(m, n);
        } else if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("C must be " + m + "×" + n + " to accumulate into, got "
                    + c.numRows + "×" + c.numCols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (ka == 0 || alpha == 0f) {
            scale(beta, c.data, m * n);
            if (row != null) {
                addToEveryRow(row.data, c.data, m, n);
            }
            return;
        }
        synchronized (lock) {
            multiply(transA, transB, alpha, a, b, beta, row == null ? null : row.data, c, m, n, ka);
        }
    }

    /**
     * Adds the column sums of {@code A} to a row vector: {@code s[j] += Σ_i A[i][j]}, that is
     * {@code s = 1ᵀ·A + s} (a dense layer's bias gradient). Each column is summed over the rows in
     * order, with the kernel's vectors (same bits with either kernel), on the calling thread.
     *
     * @param a    m × n
     * @param sums 1 × n, accumulated into
     * @throws IllegalArgumentException if {@code sums} is not 1 × n or shares its data with {@code A}
     */
    public void addColumnSums(FMatrixRMaj a, FMatrixRMaj sums) {
        if (sums.numRows != 1 || sums.numCols != a.numCols) {
            throw new IllegalArgumentException("the column sums of a " + a.numRows + "×" + a.numCols
                    + " matrix go into a 1×" + a.numCols + " vector, got " + sums.numRows + "×" + sums.numCols);
        }
        if (sums.data == a.data) {
            throw new IllegalArgumentException("the column sums must not share their data array with the matrix");
        }
        kernel.addColumnSums(a.data, a.numRows, a.numCols, sums.data);
    }

    private void multiply(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                          float beta, float[] row, FMatrixRMaj c, int m, int n, int k) {
        GemmOperands p = op;
        p.transA = transA;
        p.transB = transB;
        p.alpha = alpha;
        p.beta = beta;
        p.a = a.data;
        p.b = b.data;
        p.c = c.data;
        p.row = row;
        p.lda = a.numCols;
        p.ldb = b.numCols;
        p.ldc = n;
        p.m = m;
        p.n = n;
        p.k = k;
        int depthBlocks = ceilDiv(k, kernel.maxDepth);
        p.kc = ceilDiv(k, depthBlocks);

        WorkerTeam workers = team;
        boolean parallel = workers != null && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        int rowTiles = ceilDiv(m, kernel.maxTileRows);
        int colTiles = ceilDiv(n, kernel.maxTileCols);
        if (parallel) {
            // more, smaller tiles so that a thread slowed down by the machine's other work
            // does not leave the others waiting
            while (rowTiles * colTiles < TILES_PER_THREAD * threads) {
                int rows = ceilDiv(m, rowTiles);
                int cols = ceilDiv(n, colTiles);
                if (cols >= rows && cols >= 2 * Math.max(MIN_TILE_EDGE, kernel.colStep)) {
                    colTiles++;
                } else if (rows >= 2 * Math.max(MIN_TILE_EDGE, kernel.mr)) {
                    rowTiles++;
                } else {
                    break;
                }
            }
        }
        p.tileRows = roundUp(ceilDiv(m, rowTiles), kernel.mr);
        p.tileCols = roundUp(ceilDiv(n, colTiles), kernel.colStep);
        p.tilesAcross = ceilDiv(n, p.tileCols);
        p.tiles = ceilDiv(m, p.tileRows) * p.tilesAcross;
        try {
            runTasks(parallel ? workers : null, p.tiles, tileTask);
        } finally {
            p.release();
        }
    }

    /**
     * Runs tasks {@code 0 .. tasks−1} of a job on this instance's threads: the calling thread and
     * the {@code threads() − 1} workers take tasks one at a time from a shared counter until none
     * is left, and the call returns when all are done. Tasks may run in any order and on any of
     * the threads, so their results must not depend on either; {@code body} is told which thread
     * ({@code worker}, in {@code [0, threads())}) runs each task so that it can use that thread's
     * own buffers. With one thread, one task, or after {@link #close()}, every task runs on the
     * calling thread as worker 0, in order.
     *
     * <p>Jobs and products of one instance run one at a time, so {@code body} must not use this
     * instance itself. Running a job allocates nothing.
     *
     * @param tasks how many tasks, at least 0
     * @param body  what each task does
     * @throws IllegalArgumentException if {@code tasks} is negative
     * @throws RuntimeException         or Error thrown by a task (the first, if several threw)
     */
    public void forEachTask(int tasks, WorkerTask body) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be at least 0, got " + tasks);
        }
        Objects.requireNonNull(body, "body must not be null");
        synchronized (lock) {
            runTasks(team, tasks, body);
        }
    }

    /**
     * Runs the tasks on {@code workers} and the calling thread, or, without a team or with a
     * single task, on the calling thread alone as worker 0, in order.
     */
    private static void runTasks(WorkerTeam workers, int tasks, WorkerTask body) {
        if (workers != null && tasks > 1) {
            workers.run(tasks, body);
        } else {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
        }
    }

    private void computeTile(int worker, int tile) {
        PackingBuffers buf = buffers[worker];
        if (buf == null) {
            buf = kernel.newBuffers();
            buffers[worker] = buf;
        }
        kernel.computeTile(op, tile, buf);
    }

    private static void scale(float beta, float[] c, int size) {
        if (beta == 0f) {
            Arrays.fill(c, 0, size, 0f);
        } else if (beta != 1f) {
            for (int i = 0; i < size; i++) {
                c[i] *= beta;
            }
        }
    }

    private static void addToEveryRow(float[] row, float[] c, int m, int n) {
        for (int i = 0; i < m; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                c[base + j] += row[j];
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int step) {
        return ceilDiv(x, step) * step;
    }

    /**
     * Stops the worker threads this GEMM owns, if any. Later products run on the calling thread.
     * Closing twice does nothing more.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (team != null) {
                team.close();
                team = null;
            }
        }
    }
}

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
 * threads: its products run one at a time (except those issued inside its jobs, below). The same threads also run other parallel work of the
 * run through {@link #forEachTask}, so that a run has one team of threads, sized once.
 *
 * <p>Products issued from inside a task of this instance's own {@link #forEachTask} job (by the
 * thread running that task) run inline on that thread, single-threaded, with that thread's own
 * packing buffers and operand record, without waiting for the instance and without handing tiles
 * to the team: several tasks of a job may thus multiply at the same time, each on its thread
 * (the segments of a layer-parallel backward pass do). Their results are bit-for-bit those of
 * the same products issued outside the job, for the reason given below.
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
 * {@value #PARALLEL_MIN_FLOPS} floating-point operations run on the calling thread alone, and so
 * do products with one row, one column or an inner dimension of 1 ({@link ThinProducts}): they
 * skip the tiles, which would pad the thin side to a whole panel, but keep their arithmetic, so
 * their bits are those of the tiled path.
 */
public final class Gemm implements TaskRunner, AutoCloseable {

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
    /** the operands of products issued by worker w inside a job, made on its first such product */
    private final GemmOperands[] workerOperands;
    /**
     * {@code jobThreads[w]}: the thread running a task of this instance's current job as worker w,
     * or null between its tasks. Each slot is written only by the thread it names (set before the
     * task, cleared after), so a thread finds itself in a slot exactly while it runs a task, with
     * no need for the other threads' writes to be visible to it.
     */
    private final Thread[] jobThreads;
    private final WorkerTask tileTask = this::computeTile;
    private final WorkerTask jobTask = this::runJobTask;
    private final Object lock = new Object();
    private WorkerTeam team;
    /** the body of the job {@link #forEachTask} is running, published to the team with the job */
    private WorkerTask jobBody;

    private Gemm(int threads, GemmImplementation implementation) {
        this.threads = threads;
        this.kernel = implementation.kernel();
        this.buffers = new PackingBuffers[threads];
        this.workerOperands = new GemmOperands[threads];
        this.jobThreads = new Thread[threads];
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
        float[] rowData = row == null ? null : row.data;
        if (ThinProducts.isThin(m, n, ka)) {
            // no tiles, on the calling thread (it holds no shared state)
            ThinProducts.multiply(kernel, transA, transB, alpha, a.data, a.numCols, b.data, b.numCols, beta, rowData,
                    c.data, m, n, ka);
            return;
        }
        int worker = jobWorker();
        if (worker >= 0) {
            multiplyInline(worker, transA, transB, alpha, a, b, beta, rowData, c, m, n, ka);
            return;
        }
        synchronized (lock) {
            multiply(transA, transB, alpha, a, b, beta, rowData, c, m, n, ka);
        }
    }

    /**
     * Adds the column sums of {@code A} to a row vector: {@code s[j] += Σ_i A[i][j]}, that is
     * {@code s = 1ᵀ·A + s} (a dense layer's bias gradient). Each column is summed over the rows in
     * order, with the kernel's vectors (same bits with either kernel), on the calling thread (inside
     * a job too: it keeps no state, and never waits for the instance).
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

    /** A product outside any job of this instance: on the team when large enough. Holds the lock. */
    private void multiply(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
                          float beta, float[] row, FMatrixRMaj c, int m, int n, int k) {
        GemmOperands p = op;
        WorkerTeam workers = team;
        boolean parallel = workers != null && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        prepare(p, transA, transB, alpha, a, b, beta, row, c, m, n, k, parallel);
        try {
            runTasks(parallel ? workers : null, p.tiles, tileTask);
        } finally {
            p.release();
        }
    }

    /**
     * A product issued by worker {@code worker} from inside a task of this instance's job: every
     * tile on the calling thread, in order, with that worker's operands and buffers (the tiling of
     * a single-threaded product), without the lock.
     */
    private void multiplyInline(int worker, boolean transA, boolean transB, float alpha, FMatrixRMaj a,
                                FMatrixRMaj b, float beta, float[] row, FMatrixRMaj c, int m, int n, int k) {
        GemmOperands p = workerOperands[worker];
        if (p == null) {
            p = new GemmOperands();
            workerOperands[worker] = p;
        }
        prepare(p, transA, transB, alpha, a, b, beta, row, c, m, n, k, false);
        PackingBuffers buf = buffers(worker);
        try {
            for (int t = 0; t < p.tiles; t++) {
                kernel.computeTile(p, t, buf);
            }
        } finally {
            p.release();
        }
    }

    /**
     * Fills the operand record of a product and its tiling: the k-blocking depends on k alone (so
     * each entry of C is summed in the same order whatever the tiling); with {@code parallel}, C is
     * cut into enough tiles for every thread to take several.
     */
    private void prepare(GemmOperands p, boolean transA, boolean transB, float alpha, FMatrixRMaj a,
                         FMatrixRMaj b, float beta, float[] row, FMatrixRMaj c, int m, int n, int k,
                         boolean parallel) {
        p.generation++;
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
        p.kc = kernel.depthBlock(k);

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
     * <p>Jobs, and products issued outside a job, of one instance run one at a time. A task may
     * use this instance itself: its products (and {@link #addColumnSums}) run inline on its thread,
     * single-threaded, as the class description says, and a job it starts runs inline too, every
     * task on that thread, in order, under the same worker index (so that job's body must not need
     * buffers of that worker which the enclosing task is using). Running a job allocates nothing.
     *
     * @param tasks how many tasks, at least 0
     * @param body  what each task does
     * @throws IllegalArgumentException if {@code tasks} is negative
     * @throws RuntimeException         or Error thrown by a task (the first, if several threw)
     */
    @Override
    public void forEachTask(int tasks, WorkerTask body) {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be at least 0, got " + tasks);
        }
        Objects.requireNonNull(body, "body must not be null");
        int worker = jobWorker();
        if (worker >= 0) {
            for (int t = 0; t < tasks; t++) {
                body.run(worker, t);
            }
            return;
        }
        synchronized (lock) {
            jobBody = body;
            try {
                runTasks(team, tasks, jobTask);
            } finally {
                jobBody = null;
            }
        }
    }

    /** One task of a {@link #forEachTask} job, with the running thread marked as that worker. */
    private void runJobTask(int worker, int task) {
        Thread[] slots = jobThreads;
        slots[worker] = Thread.currentThread();
        try {
            jobBody.run(worker, task);
        } finally {
            slots[worker] = null;
        }
    }

    /**
     * @return the worker index under which the calling thread is running a task of this instance's
     *     job, or −1 if it is not
     */
    private int jobWorker() {
        Thread self = Thread.currentThread();
        Thread[] slots = jobThreads;
        for (int w = 0; w < slots.length; w++) {
            if (slots[w] == self) {
                return w;
            }
        }
        return -1;
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
        kernel.computeTile(op, tile, buffers(worker));
    }

    /** @return worker {@code worker}'s packing buffers, made on its first product */
    private PackingBuffers buffers(int worker) {
        PackingBuffers buf = buffers[worker];
        if (buf == null) {
            buf = kernel.newBuffers();
            buffers[worker] = buf;
        }
        return buf;
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

package org.opudfa.opu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Products issued from inside a task of a GEMM's own {@link Gemm#forEachTask} job run inline on
 * the task's thread, and give bit for bit the products issued outside any job, whether those were
 * tiled for one thread or for the team: each entry of C is summed over k in one fixed order
 * whatever the tiling.
 */
class GemmInsideJobTest {

    private static final long SEED = 20_260_601L;
    /** (m, n, k): small and odd shapes, several k-blocks, and products large enough for the team */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 17, 33}, {33, 130, 1}, {40, 33, 513}, {130, 300, 220}, {300, 257, 20}, {128, 1024, 128},
    };
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.75f, -0.5f}, {-1.25f, 1f}};
    /** more tasks than threads, so that every thread runs several */
    private static final int TASKS_PER_THREAD = 3;
    /** products per allocation-counting window */
    private static final int WINDOW_JOBS = 20;
    /** windows the vector kernel may take to be compiled: far more than it needs */
    private static final int MAX_COMPILE_WINDOWS = 500;
    /** windows measured once it is */
    private static final int QUIET_WINDOWS = 4;
    /**
     * of those, how many may allocate: a one-off allocation by the JVM itself (a deoptimisation
     * rematerialising an object while code is recompiled, on any thread of the team) shows in one
     * window at most, an allocation per job in every one
     */
    private static final int ONE_OFF_WINDOWS = 1;
    /** bytes warmed-up products inside a job may allocate, on any thread of the team */
    private static final long ALLOWED_ALLOCATION_BYTES = 0;
    /** a small shape whose products compile quickly */
    private static final int[] ALLOCATION_SHAPE = {64, 96, 64};

    static Stream<Arguments> kernelsAndThreads() {
        List<Arguments> cases = new ArrayList<>();
        GemmTest.implementations().forEach(impl -> {
            for (int threads : new int[] {1, 2, 3}) {
                cases.add(Arguments.of(impl, threads));
            }
        });
        return cases.stream();
    }

    /** One product of the test: its operands, its expected output and the output a task writes. */
    private record Case(boolean transA, boolean transB, float alpha, float beta, FMatrixRMaj a, FMatrixRMaj b,
                        FMatrixRMaj row, FMatrixRMaj c0, FMatrixRMaj outside, FMatrixRMaj single,
                        FMatrixRMaj inside, FMatrixRMaj sumsStart, FMatrixRMaj sumsOutside, FMatrixRMaj sumsInside) {

        void run(Gemm gemm, FMatrixRMaj out, FMatrixRMaj sums) {
            out.setTo(c0);
            gemm.gemm(transA, transB, alpha, a, b, beta, row, out);
            sums.setTo(sumsStart);
            gemm.addColumnSums(a, sums);
        }

        String name() {
            return "transA=" + transA + " transB=" + transB + " α=" + alpha + " β=" + beta + " row=" + (row != null)
                    + " " + c0.numRows + "×" + c0.numCols + "×" + (transA ? a.numRows : a.numCols);
        }
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        long seed = SEED;
        for (int[] s : SHAPES) {
            for (int v = 0; v < 8; v++) {
                boolean transA = (v & 1) != 0;
                boolean transB = (v & 2) != 0;
                boolean withRow = (v & 4) != 0;
                float[] ab = ALPHA_BETA[v % ALPHA_BETA.length];
                int m = s[0];
                int n = s[1];
                int k = s[2];
                FMatrixRMaj a = transA ? GemmReference.random(k, m, seed++) : GemmReference.random(m, k, seed++);
                FMatrixRMaj b = transB ? GemmReference.random(n, k, seed++) : GemmReference.random(k, n, seed++);
                FMatrixRMaj row = withRow ? GemmReference.random(1, n, seed++) : null;
                FMatrixRMaj c0 = GemmReference.random(m, n, seed++);
                FMatrixRMaj sums = GemmReference.random(1, a.numCols, seed++);
                cases.add(new Case(transA, transB, ab[0], ab[1], a, b, row, c0, new FMatrixRMaj(1, 1),
                        new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1), sums, new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1)));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @MethodSource("kernelsAndThreads")
    void productsInsideAJobEqualTheSameProductsOutsideBitForBit(GemmImplementation impl, int threads) {
        List<Case> cases = cases();
        try (Gemm gemm = Gemm.withThreads(threads, impl); Gemm one = Gemm.withThreads(1, impl)) {
            for (Case c : cases) {
                c.run(gemm, c.outside(), c.sumsOutside());
                c.run(one, c.single(), new FMatrixRMaj(1, 1));
            }
            Thread[] ranOn = new Thread[cases.size()];
            int[] worker = new int[cases.size()];
            // several products per job, on every thread of the team at once
            gemm.forEachTask(cases.size(), (w, t) -> {
                Case c = cases.get(t);
                c.run(gemm, c.inside(), c.sumsInside());
                ranOn[t] = Thread.currentThread();
                worker[t] = w;
            });
            for (int t = 0; t < cases.size(); t++) {
                Case c = cases.get(t);
                assertArrayEquals(c.single().data, c.outside().data, "outside a job, any thread count: " + c.name());
                assertEquals(c.outside().numRows, c.inside().numRows, c.name());
                assertEquals(c.outside().numCols, c.inside().numCols, c.name());
                assertArrayEquals(c.outside().data, c.inside().data, "inside a job: " + c.name());
                assertArrayEquals(c.sumsOutside().data, c.sumsInside().data, "column sums inside a job: " + c.name());
                assertTrue(worker[t] >= 0 && worker[t] < threads, "worker index of task " + t);
                assertTrue(ranOn[t] != null, "task " + t + " ran");
            }
            // and products outside a job afterwards are as before
            for (Case c : cases) {
                FMatrixRMaj again = new FMatrixRMaj(1, 1);
                c.run(gemm, again, new FMatrixRMaj(1, 1));
                assertArrayEquals(c.outside().data, again.data, "after the job: " + c.name());
            }
        }
    }

    @ParameterizedTest(name = "{0} threads={1}")
    @MethodSource("kernelsAndThreads")
    void aJobStartedInsideATaskRunsInlineOnItsThreadInOrder(GemmImplementation impl, int threads) {
        int tasks = TASKS_PER_THREAD * threads;
        int inner = 4;
        int[][] order = new int[tasks][inner];
        boolean[][] sameThread = new boolean[tasks][inner];
        int[][] innerWorker = new int[tasks][inner];
        int[] outerWorker = new int[tasks];
        try (Gemm gemm = Gemm.withThreads(threads, impl)) {
            gemm.forEachTask(tasks, (w, t) -> {
                Thread self = Thread.currentThread();
                outerWorker[t] = w;
                int[] next = {0};
                gemm.forEachTask(inner, (w2, t2) -> {
                    order[t][next[0]++] = t2;
                    sameThread[t][t2] = Thread.currentThread() == self;
                    innerWorker[t][t2] = w2;
                });
            });
        }
        for (int t = 0; t < tasks; t++) {
            for (int i = 0; i < inner; i++) {
                assertEquals(i, order[t][i], "inner tasks of task " + t + " in order");
                assertTrue(sameThread[t][i], "inner task " + i + " of task " + t + " on the task's thread");
                assertEquals(outerWorker[t], innerWorker[t][i], "inner task " + i + " of task " + t + " as its worker");
            }
        }
    }

    /**
     * Warmed-up products inside a job allocate nothing on any thread of the team. The Vector API
     * kernel allocates until the JIT compiler has compiled it, so jobs are run until a window of
     * them allocates nothing (within a bound far above what compilation needs), and the following
     * windows must stay at zero but for a one-off.
     */
    @ParameterizedTest(name = "{0} threads={1}")
    @MethodSource("kernelsAndThreads")
    void warmedUpProductsInsideAJobAllocateNothing(GemmImplementation impl, int threads) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation accounting is off");
        int m = ALLOCATION_SHAPE[0];
        int n = ALLOCATION_SHAPE[1];
        int k = ALLOCATION_SHAPE[2];
        int tasks = TASKS_PER_THREAD * threads;
        FMatrixRMaj a = GemmReference.random(m, k, SEED + 1);
        FMatrixRMaj b = GemmReference.random(n, k, SEED + 2);
        FMatrixRMaj row = GemmReference.random(1, n, SEED + 3);
        FMatrixRMaj sums = new FMatrixRMaj(1, k);
        FMatrixRMaj[] out = new FMatrixRMaj[tasks];
        FMatrixRMaj[] square = new FMatrixRMaj[tasks];
        for (int t = 0; t < tasks; t++) {
            out[t] = new FMatrixRMaj(m, n);
            square[t] = new FMatrixRMaj(k, k);
        }
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Gemm gemm = Gemm.withThreads(threads, impl)) {
            long[] ids = teamThreadIds(before, threads);
            WorkerTask body = (w, t) -> {
                gemm.multTransBPlusRow(a, b, row, out[t]);
                gemm.gemm(true, false, 1f, a, a, 0f, square[t]);
                gemm.gemm(false, true, 0.5f, a, b, 1f, out[t]);
            };
            WorkerTask sumTask = (w, t) -> gemm.addColumnSums(a, sums);
            int windows = 0;
            long allocated;
            do {
                allocated = allocatedDuringWindow(sun, ids, gemm, tasks, body, sumTask);
                windows++;
            } while (allocated > ALLOWED_ALLOCATION_BYTES && windows < MAX_COMPILE_WINDOWS);
            assertEquals(ALLOWED_ALLOCATION_BYTES, allocated, "still allocating after " + windows + " windows");
            List<Long> windowBytes = new ArrayList<>();
            for (int q = 0; q < QUIET_WINDOWS; q++) {
                windowBytes.add(allocatedDuringWindow(sun, ids, gemm, tasks, body, sumTask));
            }
            long allocating = windowBytes.stream().filter(bytes -> bytes > ALLOWED_ALLOCATION_BYTES).count();
            assertTrue(allocating <= ONE_OFF_WINDOWS, "bytes allocated in the windows after warm-up: " + windowBytes);
        }
    }

    /** @return the ids of the calling thread and of the workers the GEMM just started */
    private static long[] teamThreadIds(Set<Thread> before, int threads) {
        List<Thread> team = new ArrayList<>();
        team.add(Thread.currentThread());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("gemm-worker")) {
                team.add(t);
            }
        }
        assertEquals(threads, team.size(), "the caller and the GEMM's workers");
        return team.stream().mapToLong(Thread::getId).toArray();
    }

    private static long allocatedDuringWindow(com.sun.management.ThreadMXBean sun, long[] ids, Gemm gemm, int tasks,
                                              WorkerTask body, WorkerTask sumTask) {
        long start = 0;
        for (long id : ids) {
            start += sun.getThreadAllocatedBytes(id);
        }
        for (int j = 0; j < WINDOW_JOBS; j++) {
            gemm.forEachTask(tasks, body);
            gemm.forEachTask(1, sumTask);
        }
        long end = 0;
        for (long id : ids) {
            end += sun.getThreadAllocatedBytes(id);
        }
        return end - start;
    }
}

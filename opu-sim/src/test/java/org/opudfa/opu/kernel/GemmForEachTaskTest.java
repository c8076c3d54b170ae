package org.opudfa.opu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class GemmForEachTaskTest {

    private static final int TASKS = 500;
    private static final int JOBS = 50;
    private static final int THREADS = 3;

    @Test
    void everyTaskRunsOnceOnAThreadOfTheTeam() {
        try (Gemm gemm = Gemm.withThreads(THREADS)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
            AtomicIntegerArray workers = new AtomicIntegerArray(THREADS);
            for (int job = 0; job < JOBS; job++) {
                gemm.forEachTask(TASKS, (worker, task) -> {
                    runs.incrementAndGet(task);
                    workers.incrementAndGet(worker);
                });
            }
            int total = 0;
            for (int t = 0; t < TASKS; t++) {
                assertEquals(JOBS, runs.get(t), "runs of task " + t);
            }
            for (int w = 0; w < THREADS; w++) {
                total += workers.get(w);
            }
            assertEquals(TASKS * JOBS, total, "every task ran on a worker index in [0, threads)");
        }
    }

    @Test
    void oneThreadRunsTheTasksInOrderOnTheCaller() {
        int[] order = new int[TASKS];
        int[] next = {0};
        Thread caller = Thread.currentThread();
        try (Gemm gemm = Gemm.singleThreaded()) {
            gemm.forEachTask(TASKS, (worker, task) -> {
                assertEquals(0, worker);
                assertEquals(caller, Thread.currentThread());
                order[next[0]++] = task;
            });
        }
        int[] expected = new int[TASKS];
        for (int t = 0; t < TASKS; t++) {
            expected[t] = t;
        }
        assertArrayEquals(expected, order);
    }

    @Test
    void afterCloseTheCallerRunsEveryTask() {
        Gemm gemm = Gemm.withThreads(THREADS);
        gemm.close();
        Thread caller = Thread.currentThread();
        int[] count = {0};
        gemm.forEachTask(TASKS, (worker, task) -> {
            assertTrue(worker == 0 && Thread.currentThread() == caller, "task " + task + " on the caller");
            count[0]++;
        });
        assertEquals(TASKS, count[0]);
    }

    @Test
    void aFailingTaskReachesTheCallerAndNegativeCountsAreRefused() {
        try (Gemm gemm = Gemm.withThreads(THREADS)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> gemm.forEachTask(TASKS,
                    (worker, task) -> {
                        if (task == TASKS / 2) {
                            throw new IllegalStateException("task " + task + " failed");
                        }
                    }));
            assertEquals("task 250 failed", e.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> gemm.forEachTask(-1, (worker, task) -> { }));
            assertEquals("tasks must be at least 0, got -1", bad.getMessage());
            int[] none = {0};
            gemm.forEachTask(0, (worker, task) -> none[0]++);
            assertEquals(0, none[0], "no task for a job of 0 tasks");
        }
    }
}

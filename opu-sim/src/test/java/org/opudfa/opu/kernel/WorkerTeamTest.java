package org.opudfa.opu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class WorkerTeamTest {

    private static final int TASKS = 1_000;
    private static final int JOBS = 200;

    @Test
    void everyTaskRunsExactlyOncePerJob() {
        try (WorkerTeam team = new WorkerTeam(2, "test-worker")) {
            assertEquals(3, team.size());
            AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
            for (int job = 0; job < JOBS; job++) {
                team.run(TASKS, (worker, task) -> runs.incrementAndGet(task));
            }
            for (int t = 0; t < TASKS; t++) {
                assertEquals(JOBS, runs.get(t), "runs of task " + t);
            }
        }
    }

    @Test
    void failureInATaskReachesTheCallerAndTheTeamStaysUsable() {
        try (WorkerTeam team = new WorkerTeam(1, "test-worker")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> team.run(TASKS, (worker, task) -> {
                        if (task == TASKS / 2) {
                            throw new IllegalStateException("task " + task + " failed");
                        }
                    }));
            assertEquals("task 500 failed", e.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
            team.run(TASKS, (worker, task) -> runs.incrementAndGet(task));
            for (int t = 0; t < TASKS; t++) {
                assertEquals(1, runs.get(t), "runs of task " + t);
            }
        }
    }
}

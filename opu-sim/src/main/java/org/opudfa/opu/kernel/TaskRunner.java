package org.opudfa.opu.kernel;

/**
 * Something that runs the numbered tasks of a job on a team of threads and returns when all are
 * done; {@link Gemm} is one, on the run's threads. Code that only needs to hand out independent
 * tasks (the segments of a backward pass, say) depends on this rather than on the GEMM itself.
 */
public interface TaskRunner {

    /**
     * Runs every task on the calling thread, in order, as worker 0: the runner of a pass that is
     * too small for the threads, or of a module built without them.
     */
    TaskRunner CALLING_THREAD = (tasks, body) -> {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be at least 0, got " + tasks);
        }
        for (int t = 0; t < tasks; t++) {
            body.run(0, t);
        }
    };

    /**
     * Runs tasks {@code 0 .. tasks−1}, each exactly once, in any order and on any of the runner's
     * threads, and returns when all are done.
     *
     * @param tasks how many tasks, at least 0
     * @param body  what each task does; told which thread runs it
     * @throws IllegalArgumentException if {@code tasks} is negative
     * @throws RuntimeException         or Error thrown by a task (the first, if several threw)
     */
    void forEachTask(int tasks, WorkerTask body);
}

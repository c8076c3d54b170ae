package org.opudfa.opu.kernel;

/**
 * The work of one numbered task of a parallel job run by {@link Gemm#forEachTask}: which thread
 * runs it is given, so that the task can use that thread's own buffers.
 */
@FunctionalInterface
public interface WorkerTask {

    /**
     * @param worker the index of the thread running the task, in {@code [0, threads)}: 0 is the
     *               thread that started the job, 1, 2, … the helpers of the team
     * @param task   the index of the task, in {@code [0, tasks)}
     */
    void run(int worker, int task);
}

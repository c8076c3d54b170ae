package org.opudfa.opu.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of daemon threads that, together with the calling thread, runs the numbered tasks
 * of one job and returns when all are done. Tasks are handed out one at a time from a shared
 * counter, so a worker that is slow to wake (the machine is busy) simply takes fewer tasks.
 *
 * <p>Running a job allocates nothing: the job and its task body are published through fields,
 * idle workers spin briefly and then park. One job runs at a time; the caller serialises them.
 *
 * <p>The caller must not change what the body reads until {@link #run} returns: by then every
 * worker that took part has finished, and no worker can join the job any more.
 */
final class WorkerTeam implements AutoCloseable {

    /** high bit of {@link #state}: the job is closed, no worker may join it any more */
    private static final int CLOSED = 1 << 30;
    /** busy-wait iterations before parking; about the cost of waking a parked thread */
    private static final int SPINS = 1 << 11;

    private final Thread[] threads;
    /** low bits: workers inside the current job; {@link #CLOSED}: no job to join */
    private final AtomicInteger state = new AtomicInteger(CLOSED);
    private final AtomicInteger nextTask = new AtomicInteger();
    private volatile int generation;
    private volatile boolean shutdown;
    private volatile WorkerTask body;
    private volatile int taskCount;
    private volatile Thread caller;
    private volatile Throwable failure;

    /**
     * @param helpers how many threads to start besides the caller, at least 1
     * @param name    prefix of the threads' names
     */
    WorkerTeam(int helpers, String name) {
        threads = new Thread[helpers];
        for (int i = 0; i < helpers; i++) {
            int worker = i + 1;
            Thread t = new Thread(() -> workLoop(worker), name + "-" + worker);
            t.setDaemon(true);
            threads[i] = t;
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    /** @return the number of threads that can work on a job, the caller included */
    int size() {
        return threads.length + 1;
    }

    /**
     * Runs tasks {@code 0 .. tasks-1} of {@code job} on the team and the calling thread.
     *
     * @param tasks how many tasks
     * @param job   what each task does
     * @throws RuntimeException or Error thrown by a task (the first, if several threw)
     */
    void run(int tasks, WorkerTask job) {
        body = job;
        taskCount = tasks;
        failure = null;
        caller = Thread.currentThread();
        nextTask.set(0);
        state.set(0);
        generation = generation + 1;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        try {
            work(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        int s;
        do {
            s = state.get();
        } while (!state.compareAndSet(s, s | CLOSED));
        int spins = 0;
        while (state.get() != CLOSED) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        body = null;
        caller = null;
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw (RuntimeException) f;
        }
    }

    private void work(int worker) {
        WorkerTask job = body;
        int tasks = taskCount;
        for (int t = nextTask.getAndIncrement(); t < tasks; t = nextTask.getAndIncrement()) {
            job.run(worker, t);
        }
    }

    private void workLoop(int worker) {
        int seen = 0;
        int spins = 0;
        while (!shutdown) {
            int g = generation;
            if (g == seen) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            seen = g;
            spins = 0;
            if (enter()) {
                try {
                    work(worker);
                } catch (RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    leave();
                }
            }
        }
    }

    /** @return whether this worker joined the open job */
    private boolean enter() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    private void leave() {
        if (state.decrementAndGet() == CLOSED) {
            Thread waiting = caller;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /** Stops the threads; they end once they notice. */
    @Override
    public void close() {
        shutdown = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}

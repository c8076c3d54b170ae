package org.opudfa.dfa.optim;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Assumptions;

/** Measures the bytes the current thread allocates (skips the test where unsupported). */
public final class AllocationMeter {

    private AllocationMeter() {
    }

    /**
     * The calling thread's allocated-byte counter, for tests that read it several times (reading
     * it allocates nothing). Skips the test where the JVM does not count per-thread allocation.
     *
     * @return a supplier of the bytes the calling thread has allocated so far
     */
    public static LongSupplier threadCounter() {
        return threadsCounter(new long[] {Thread.currentThread().getId()});
    }

    /**
     * The summed allocated-byte counters of several threads (the calling thread and a team's
     * helpers, say): reading it allocates nothing. Skips the test where the JVM does not count
     * per-thread allocation.
     *
     * @param ids the threads' ids
     * @return a supplier of the bytes those threads have allocated so far, together
     */
    public static LongSupplier threadsCounter(long[] ids) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation accounting is off");
        long[] threads = ids.clone();
        return () -> {
            long sum = 0;
            for (long id : threads) {
                sum += sun.getThreadAllocatedBytes(id);
            }
            return sum;
        };
    }

    /**
     * @param work the work to measure
     * @return the bytes allocated by this thread during {@code work}
     */
    public static long allocatedBytes(Runnable work) {
        LongSupplier counter = threadCounter();
        long before = counter.getAsLong();
        work.run();
        return counter.getAsLong() - before;
    }
}

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
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation accounting is off");
        long id = Thread.currentThread().getId();
        return () -> sun.getThreadAllocatedBytes(id);
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

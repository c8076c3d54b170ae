package org.opudfa.dfa.optim;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Assumptions;

/** Measures the bytes the current thread allocates while running some work (skips the test where unsupported). */
public final class AllocationMeter {

    private AllocationMeter() {
    }

    /**
     * @param work the work to measure
     * @return the bytes allocated by this thread during {@code work}
     */
    public static long allocatedBytes(Runnable work) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not report per-thread allocation");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemoryEnabled(), "per-thread allocation accounting is off");
        long id = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(id);
        work.run();
        return sun.getThreadAllocatedBytes(id) - before;
    }
}

package org.opudfa.experiments.bench;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Times a task the simple way a command-line benchmark can: {@code warmup} untimed runs (so the
 * JIT compiles the hot code and buffers are touched), then {@code iterations} runs each timed on
 * its own with {@link System#nanoTime()}. The result keeps every sample; the median is the
 * figure to quote, as it ignores the odd slow run (a GC pause, another process).
 *
 * <p>Unlike the JMH benchmarks beside it, this runs in the calling JVM without a fork, so it
 * measures the code as the command-line tools run it, at the cost of JMH's guards against
 * dead-code elimination and profile pollution; tasks should write their results to buffers that
 * outlive the timing.
 *
 * @param warmup     untimed runs before timing, at least 0
 * @param iterations timed runs, at least 1
 */
public record BenchTimer(int warmup, int iterations) {

    /**
     * @throws IllegalArgumentException if {@code warmup} is negative or {@code iterations} below 1
     */
    public BenchTimer {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up iterations must be at least 0, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("timed iterations must be at least 1, got " + iterations);
        }
    }

    /**
     * Runs the task {@code warmup + iterations} times and times the last {@code iterations}.
     *
     * @param task the work to time, one unit per call
     * @return the timed samples
     */
    public BenchTiming time(Runnable task) {
        return time(task, System::nanoTime);
    }

    /**
     * As {@link #time(Runnable)}, reading time from the given nanosecond clock.
     *
     * @param task  the work to time
     * @param clock a monotonic clock in nanoseconds
     * @return the timed samples
     */
    BenchTiming time(Runnable task, LongSupplier clock) {
        Objects.requireNonNull(task, "task");
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = clock.getAsLong();
            task.run();
            nanos[i] = clock.getAsLong() - start;
        }
        return new BenchTiming(nanos);
    }
}

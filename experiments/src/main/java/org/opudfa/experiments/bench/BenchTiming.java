package org.opudfa.experiments.bench;

import java.util.Arrays;

/**
 * The timed samples of one benchmark, in nanoseconds per run, with the statistics a report
 * quotes: median, minimum, maximum and mean.
 */
public final class BenchTiming {

    private final long[] nanos;
    private final long[] sorted;

    /**
     * @param nanos the duration of each timed run, in nanoseconds, at least one, none negative; copied
     * @throws IllegalArgumentException if there is no sample or a sample is negative
     */
    public BenchTiming(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("timing samples must hold at least 1 duration, got 0");
        }
        for (long n : nanos) {
            if (n < 0) {
                throw new IllegalArgumentException("timing samples must be at least 0 ns, got " + n);
            }
        }
        this.nanos = nanos.clone();
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    /** @return the number of timed runs */
    public int count() {
        return nanos.length;
    }

    /** @return a copy of the samples, in the order they were taken, in nanoseconds */
    public long[] samples() {
        return nanos.clone();
    }

    /**
     * @return the median run time in nanoseconds: the middle sample, or the mean of the two middle
     *     samples for an even count
     */
    public double medianNanos() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2.0;
    }

    /** @return the fastest run in nanoseconds */
    public long minNanos() {
        return sorted[0];
    }

    /** @return the slowest run in nanoseconds */
    public long maxNanos() {
        return sorted[sorted.length - 1];
    }

    /** @return the mean run time in nanoseconds */
    public double meanNanos() {
        double sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum / nanos.length;
    }

    /** @return the median run time in microseconds */
    public double medianMicros() {
        return medianNanos() * 1e-3;
    }

    /**
     * Throughput at the median: {@code work / (median seconds)}, for example GFLOP/s with
     * {@code work = 2·m·n·k·1e-9} or samples/s with {@code work} = batch size.
     *
     * @param workPerRun how much work one run does, in the unit wanted per second
     * @return work per second at the median run time; infinite if the median is 0 ns
     */
    public double perSecond(double workPerRun) {
        return workPerRun / (medianNanos() * 1e-9);
    }
}

package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BenchTimerTest {

    private static final double EXACT = 0.0;

    @Test
    void runsTheWarmUpUntimedThenTimesEachIteration() {
        // A fake clock that only the task advances: run i (counting warm-up) takes 10·(i+1) ns.
        AtomicLong now = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        Runnable task = () -> now.addAndGet(10L * runs.incrementAndGet());
        BenchTiming timing = new BenchTimer(2, 3).time(task, now::get);
        assertEquals(5, runs.get());
        assertArrayEquals(new long[] {30, 40, 50}, timing.samples());
        assertEquals(40.0, timing.medianNanos(), EXACT);
    }

    @Test
    void timesWithTheSystemClock() {
        AtomicInteger runs = new AtomicInteger();
        BenchTiming timing = new BenchTimer(0, 4).time(runs::incrementAndGet);
        assertEquals(4, runs.get());
        assertEquals(4, timing.count());
        assertTrue(timing.minNanos() >= 0);
    }

    @Test
    void rejectsANegativeWarmUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BenchTimer(-1, 1));
        assertEquals("warm-up iterations must be at least 0, got -1", e.getMessage());
    }

    @Test
    void rejectsFewerThanOneIteration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BenchTimer(0, 0));
        assertEquals("timed iterations must be at least 1, got 0", e.getMessage());
    }
}

package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchTimingTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void medianOfAnOddCountIsTheMiddleSample() {
        BenchTiming t = new BenchTiming(new long[] {500, 100, 300});
        assertEquals(300.0, t.medianNanos(), TOLERANCE);
        assertEquals(100, t.minNanos());
        assertEquals(500, t.maxNanos());
        assertEquals(300.0, t.meanNanos(), TOLERANCE);
        assertEquals(0.3, t.medianMicros(), TOLERANCE);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        BenchTiming t = new BenchTiming(new long[] {40, 10, 1000, 20});
        assertEquals(30.0, t.medianNanos(), TOLERANCE);
        assertEquals(267.5, t.meanNanos(), TOLERANCE);
    }

    @Test
    void throughputIsWorkOverTheMedianTime() {
        // 128 samples in a median of 2 ms: 64 000 samples per second.
        BenchTiming t = new BenchTiming(new long[] {1_000_000, 2_000_000, 9_000_000});
        assertEquals(64_000.0, t.perSecond(128), TOLERANCE);
    }

    @Test
    void keepsItsOwnCopyOfTheSamplesInTheirOrder() {
        long[] nanos = {3, 1, 2};
        BenchTiming t = new BenchTiming(nanos);
        nanos[0] = 99;
        assertArrayEquals(new long[] {3, 1, 2}, t.samples());
    }

    @Test
    void rejectsNoSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BenchTiming(new long[0]));
        assertEquals("timing samples must hold at least 1 duration, got 0", e.getMessage());
    }

    @Test
    void rejectsANegativeSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BenchTiming(new long[] {5, -2}));
        assertEquals("timing samples must be at least 0 ns, got -2", e.getMessage());
    }
}

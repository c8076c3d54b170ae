package org.opudfa.opu.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.AllocationMeter;

class Xoroshiro128PlusPlusTest {

    private static final int DRAWS = 1_000;
    /** Seeds and draws per seed of the uniformity check: short streams from many seeds, as the camera uses them. */
    private static final int SEEDS = 2_000;
    private static final int DRAWS_PER_SEED = 500;
    private static final int BINS = 64;
    /** Significance of the chi-square test: a uniform generator fails it with probability 1e-4. */
    private static final double ALPHA = 1e-4;
    private static final long KEY = 0x0123456789abcdefL;

    @Test
    void reseedingWithAStreamKeyGivesThatStreamsNumbers() {
        // Known answer: Commons RNG's XO_RO_SHI_RO_128_PP seeded as RandomStreams seeds it.
        RandomStreams streams = RandomStreams.of(9);
        UniformRandomProvider reference = streams.stream("opu.noise");
        Xoroshiro128PlusPlus mine = new Xoroshiro128PlusPlus(streams.derive("opu.noise"));
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(reference.nextLong(), mine.nextLong(), "draw " + i);
        }
    }

    @Test
    void sameSeedSameNumbersAfterAnyHistory() {
        Xoroshiro128PlusPlus g = new Xoroshiro128PlusPlus(KEY);
        long[] first = draw(g, DRAWS);
        g.reseed(KEY + 1);
        draw(g, DRAWS / 2);
        g.reseed(KEY);
        assertArrayEquals(first, draw(g, DRAWS));
    }

    @Test
    void drawsFromManyConsecutiveSeedsAreUniform() {
        Xoroshiro128PlusPlus g = new Xoroshiro128PlusPlus(0);
        long[] counts = new long[BINS];
        for (int s = 0; s < SEEDS; s++) {
            // Neighbouring seeds, as mixed frame indices are: the mixing must decorrelate them.
            g.reseed(SplitMix64.mix(KEY ^ SplitMix64.mix(s)));
            for (int i = 0; i < DRAWS_PER_SEED; i++) {
                counts[(int) (g.nextDouble() * BINS)]++;
            }
        }
        double[] expected = new double[BINS];
        java.util.Arrays.fill(expected, (double) SEEDS * DRAWS_PER_SEED / BINS);
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertTrue(p > ALPHA, "chi-square p-value " + p);
    }

    @Test
    void reseedingAllocatesNothing() {
        LongSupplier allocatedSoFar = AllocationMeter.threadCounter();
        Xoroshiro128PlusPlus g = new Xoroshiro128PlusPlus(KEY);
        long sum = 0;
        long before = allocatedSoFar.getAsLong();
        for (int s = 0; s < SEEDS; s++) {
            g.reseed(s);
            sum += g.nextLong();
        }
        long allocated = allocatedSoFar.getAsLong() - before;
        assertEquals(0, allocated, "bytes allocated by " + SEEDS + " re-seeds (checksum " + sum + ")");
    }

    private static long[] draw(UniformRandomProvider g, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = g.nextLong();
        }
        return out;
    }
}

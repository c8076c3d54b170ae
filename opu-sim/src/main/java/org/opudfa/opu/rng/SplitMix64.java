package org.opudfa.opu.rng;

/**
 * The SplitMix64 finaliser (Steele, Lea and Flood, 2014): a bijective 64-bit mixing function
 * whose outputs pass BigCrush when fed a counter. Used to derive seeds and, keyed by
 * {@code (seed, row, column)}, as a counter-based generator.
 */
public final class SplitMix64 {

    /** The odd constant {@code 2^64 / φ} that SplitMix64 adds per step. */
    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    /** The multiplier of {@link #mix}'s first round, after the shift by 30. */
    public static final long MIX_MULTIPLIER_1 = 0xbf58476d1ce4e5b9L;
    /** The multiplier of {@link #mix}'s second round, after the shift by 27 (a last shift by 31 follows). */
    public static final long MIX_MULTIPLIER_2 = 0x94d049bb133111ebL;

    private SplitMix64() {
    }

    /**
     * @param z any 64-bit value
     * @return the mixed value; distinct inputs give distinct outputs
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX_MULTIPLIER_1;
        z = (z ^ (z >>> 27)) * MIX_MULTIPLIER_2;
        return z ^ (z >>> 31);
    }
}

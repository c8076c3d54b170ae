package org.opudfa.opu.fidelity;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Seeded random ternary vectors {@code x ∈ {−1, 0, +1}^n}: each entry is non-zero with
 * probability {@code density}, independently, with a random sign; a vector that comes out all
 * zero is drawn again. The positions of the non-zeros are drawn by geometric skips, so a vector
 * costs {@code O(non-zeros)}, not {@code O(n)}: a million-dimensional vector with twenty
 * non-zeros is cheap.
 */
public final class SparseTernaryVectors {

    private final int dimension;
    private final double density;
    private final double logMiss;
    private final UniformRandomProvider rng;

    /**
     * @param dimension {@code n}, at least 1
     * @param density   probability that an entry is non-zero, in {@code (0, 1]}
     * @param rng       the generator (for instance a named stream of the run's seed)
     * @throws IllegalArgumentException if a value is out of range
     */
    public SparseTernaryVectors(int dimension, double density, UniformRandomProvider rng) {
        if (dimension < 1) {
            throw new IllegalArgumentException("vector dimension must be at least 1, got " + dimension);
        }
        if (!(density > 0.0 && density <= 1.0)) {
            throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        }
        this.dimension = dimension;
        this.density = density;
        this.logMiss = Math.log1p(-density);
        this.rng = rng;
    }

    /** @return {@code n} */
    public int dimension() {
        return dimension;
    }

    /**
     * Draws the next vector.
     *
     * @param indices receives the non-zero positions, ascending; length at least {@code n}
     * @param signs   receives their values, {@code ±1}
     * @return the number of non-zeros, at least 1
     */
    public int next(int[] indices, float[] signs) {
        int count;
        do {
            count = 0;
            long j = skip();
            while (j < dimension) {
                indices[count] = (int) j;
                signs[count] = rng.nextBoolean() ? 1f : -1f;
                count++;
                j += 1 + skip();
            }
        } while (count == 0);
        return count;
    }

    /** Number of zeros before the next non-zero: geometric with success probability {@code density}. */
    private long skip() {
        if (density == 1.0) {
            return 0;
        }
        double u = 1.0 - rng.nextDouble();
        double gap = Math.floor(Math.log(u) / logMiss);
        return gap >= dimension ? dimension : (long) gap;
    }
}

package org.opudfa.opu.rng;

import java.nio.charset.StandardCharsets;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent, named random streams derived from one root seed.
 *
 * <p>Each consumer of randomness in a run (weight initialisation, data shuffling, the feedback
 * matrix, the OPU medium, the OPU noise, dropout, ...) asks for its own stream by name. A
 * stream depends only on {@code (rootSeed, name)}, so adding or changing one consumer does not
 * move the numbers of the others, and a run is reproducible from its root seed.
 *
 * <p>Streams are {@link RandomSource#XO_RO_SHI_RO_128_PP} generators whose 128-bit state is
 * expanded from {@code rootSeed} and a 64-bit FNV-1a hash of the name with SplitMix64. This
 * derivation is part of the project's compatibility promise: changing it changes every
 * recorded result.
 */
public final class RandomStreams {

    private final long rootSeed;

    private RandomStreams(long rootSeed) {
        this.rootSeed = rootSeed;
    }

    /**
     * @param rootSeed the run's seed
     * @return a factory of named streams for that seed
     */
    public static RandomStreams of(long rootSeed) {
        return new RandomStreams(rootSeed);
    }

    /** @return the root seed these streams derive from */
    public long rootSeed() {
        return rootSeed;
    }

    /**
     * @param name the consumer's name, e.g. {@code "opu.noise"}
     * @return a new generator for that name; two calls with the same name return generators
     *     that produce the same sequence
     */
    public RestorableUniformRandomProvider stream(String name) {
        long key = derive(name);
        long s0 = SplitMix64.mix(key);
        long s1 = SplitMix64.mix(key + SplitMix64.GOLDEN_GAMMA);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    /**
     * @param name the consumer's name
     * @return a 64-bit seed for that name, for consumers that key their own generator (for
     *     instance the counter-based generator of the transmission matrix)
     */
    public long derive(String name) {
        return SplitMix64.mix(rootSeed ^ SplitMix64.mix(fnv1a(name)));
    }

    private static long fnv1a(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}

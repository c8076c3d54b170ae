package org.opudfa.opu.rng;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The xoroshiro128++ generator (Blackman and Vigna, 2019) as a re-seedable
 * {@link UniformRandomProvider}: 128 bits of state {@code (s₀, s₁)}, and each output is
 * <pre>
 *   out = rotl(s₀ + s₁, 17) + s₀;   s₁ ^= s₀;   s₀ = rotl(s₀, 49) ^ s₁ ^ (s₁ &lt;&lt; 21);   s₁ = rotl(s₁, 28).
 * </pre>
 *
 * <p>{@link #reseed(long)} expands a 64-bit seed {@code k} into the state exactly as
 * {@link RandomStreams#stream(String)} does, {@code s₀ = mix(k)}, {@code s₁ = mix(k + γ)} (SplitMix64's
 * mixer and constant), so {@code reseed(streams.derive(name))} gives the numbers of
 * {@code streams.stream(name)}. Re-seeding costs two mixes and allocates nothing, which is what a
 * counter-based noise source needs: the camera re-seeds one of these per device frame from
 * {@code (noise key, frame index)}, so the noise of a frame does not depend on which frames were
 * computed before it, or on which thread computes it.
 *
 * <p>Only {@link #nextLong()} is implemented; the other draws come from the interface's default
 * methods, which derive them from {@code nextLong()} (for instance
 * {@code nextDouble() = (nextLong() >>> 11)·2⁻⁵³}). Not thread-safe: one instance per thread.
 */
public final class Xoroshiro128PlusPlus implements UniformRandomProvider {

    private long s0;
    private long s1;

    /**
     * @param seed the 64-bit seed, expanded as by {@link #reseed(long)}
     */
    public Xoroshiro128PlusPlus(long seed) {
        reseed(seed);
    }

    /**
     * Restarts the generator from a 64-bit seed: {@code s₀ = mix(seed)}, {@code s₁ = mix(seed + γ)}.
     * The state is never all zero (mix is a bijection with {@code mix(0) = 0}, and {@code seed} and
     * {@code seed + γ} cannot both be 0).
     *
     * @param seed any 64-bit value
     */
    public void reseed(long seed) {
        s0 = SplitMix64.mix(seed);
        s1 = SplitMix64.mix(seed + SplitMix64.GOLDEN_GAMMA);
    }

    /** @return the next 64 bits of the stream */
    @Override
    public long nextLong() {
        long a = s0;
        long b = s1;
        long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }
}

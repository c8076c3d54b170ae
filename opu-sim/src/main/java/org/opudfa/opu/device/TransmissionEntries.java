package org.opudfa.opu.device;

import org.opudfa.opu.rng.SplitMix64;

/**
 * Counter-based generator of transmission-matrix entries: entry {@code (i, j)} of the matrix
 * with key {@code κ} is a pure function of {@code (κ, i, j)}, so any entry can be produced at any
 * time, in any order, without storing the matrix.
 *
 * <p>Entries are circular complex Gaussian, {@code T_ij = (a + ib)/√2} with
 * {@code a, b ~ N(0, 1)}, drawn by Box–Muller in polar form: with {@code h = mix(κ ⊕ mix(i·2³² + j))}
 * (SplitMix64's mixer, bijective), {@code u₁ ∈ (0, 1]} from the top 53 bits of {@code h} and
 * {@code u₂ ∈ [0, 1)} from those of {@code mix(h + γ)}, the entry is
 * {@code T_ij = √(−ln u₁)·e^{2πi·u₂}}, so {@code |T_ij|² ~ Exp(1)} and the phase is uniform.
 * {@link StrictMath} makes the numbers identical on every platform; they are rounded to float.
 */
public final class TransmissionEntries {

    private static final double UNIT = 0x1.0p-53;
    private static final double TWO_PI = 2.0 * Math.PI;

    private TransmissionEntries() {
    }

    /**
     * Writes entries {@code T_{rows[r], column}} for {@code r < rowCount}.
     *
     * @param key      {@code κ}, the matrix's key
     * @param column   {@code j}
     * @param rows     row indices
     * @param rowCount how many of {@code rows} to use
     * @param re       receives the real parts, at {@code [0, rowCount)}
     * @param im       receives the imaginary parts, at {@code [0, rowCount)}
     */
    public static void column(long key, int column, int[] rows, int rowCount, float[] re, float[] im) {
        for (int r = 0; r < rowCount; r++) {
            long h = hash(key, rows[r], column);
            double amplitude = amplitude(h);
            double phase = phase(h);
            re[r] = (float) (amplitude * StrictMath.cos(phase));
            im[r] = (float) (amplitude * StrictMath.sin(phase));
        }
    }

    /**
     * Writes entries {@code T_{rows[r], column}}, rounded to float, into double arrays.
     *
     * @param key      {@code κ}, the matrix's key
     * @param column   {@code j}
     * @param rows     row indices
     * @param rowCount how many of {@code rows} to use
     * @param re       receives the real parts, at {@code [0, rowCount)}
     * @param im       receives the imaginary parts, at {@code [0, rowCount)}
     */
    public static void column(long key, int column, int[] rows, int rowCount, double[] re, double[] im) {
        java.util.Arrays.fill(re, 0, rowCount, 0.0);
        java.util.Arrays.fill(im, 0, rowCount, 0.0);
        addColumn(key, column, rows, rowCount, re, im);
    }

    /**
     * Adds entries {@code T_{rows[r], column}}, rounded to float as {@link #column} writes them,
     * for {@code r < rowCount}: {@code re[r] += Re T}, {@code im[r] += Im T}.
     *
     * @param key      {@code κ}, the matrix's key
     * @param column   {@code j}
     * @param rows     row indices
     * @param rowCount how many of {@code rows} to use
     * @param re       accumulates the real parts, at {@code [0, rowCount)}
     * @param im       accumulates the imaginary parts, at {@code [0, rowCount)}
     */
    public static void addColumn(long key, int column, int[] rows, int rowCount, double[] re, double[] im) {
        for (int r = 0; r < rowCount; r++) {
            long h = hash(key, rows[r], column);
            double amplitude = amplitude(h);
            double phase = phase(h);
            re[r] += (float) (amplitude * StrictMath.cos(phase));
            im[r] += (float) (amplitude * StrictMath.sin(phase));
        }
    }

    /**
     * @param key    {@code κ}
     * @param row    {@code i}
     * @param column {@code j}
     * @return {@code Re T_ij}
     */
    public static float re(long key, int row, int column) {
        return real(hash(key, row, column));
    }

    /**
     * @param key    {@code κ}
     * @param row    {@code i}
     * @param column {@code j}
     * @return {@code Im T_ij}
     */
    public static float im(long key, int row, int column) {
        return imaginary(hash(key, row, column));
    }

    static long hash(long key, int row, int column) {
        long counter = ((long) row << 32) | (column & 0xffffffffL);
        return SplitMix64.mix(key ^ SplitMix64.mix(counter));
    }

    static float real(long h) {
        return (float) (amplitude(h) * StrictMath.cos(phase(h)));
    }

    static float imaginary(long h) {
        return (float) (amplitude(h) * StrictMath.sin(phase(h)));
    }

    private static double amplitude(long h) {
        double u1 = ((h >>> 11) + 1) * UNIT;
        return StrictMath.sqrt(-StrictMath.log(u1));
    }

    private static double phase(long h) {
        long h2 = SplitMix64.mix(h + SplitMix64.GOLDEN_GAMMA);
        return TWO_PI * ((h2 >>> 11) * UNIT);
    }
}

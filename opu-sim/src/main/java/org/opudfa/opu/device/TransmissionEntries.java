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
            long entry = entry(key, rows[r], column);
            re[r] = real(entry);
            im[r] = imaginary(entry);
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
        for (int r = 0; r < rowCount; r++) {
            long entry = entry(key, rows[r], column);
            re[r] = real(entry);
            im[r] = imaginary(entry);
        }
    }

    /**
     * The sum of entries {@code T_{row, columns[c]}} for {@code c < columnCount}, each rounded to
     * float as {@link #column} writes it, added in the order of {@code columns} to {@code 0.0}
     * (see {@link TransmissionMatrix#sumColumns}): {@code sum[at] = Σ Re T},
     * {@code sum[at + 1] = Σ Im T}.
     *
     * @param key         {@code κ}, the matrix's key
     * @param row         {@code i}
     * @param columns     column indices
     * @param columnCount how many of {@code columns} to use
     * @param sum         receives the real and imaginary sums
     * @param at          where in {@code sum} the real sum goes
     */
    public static void sumColumns(long key, int row, int[] columns, int columnCount, double[] sum, int at) {
        double sumRe = 0.0;
        double sumIm = 0.0;
        for (int c = 0; c < columnCount; c++) {
            long entry = entry(key, row, columns[c]);
            sumRe += real(entry);
            sumIm += imaginary(entry);
        }
        sum[at] = sumRe;
        sum[at + 1] = sumIm;
    }

    /**
     * @param key    {@code κ}
     * @param row    {@code i}
     * @param column {@code j}
     * @return {@code Re T_ij}
     */
    public static float re(long key, int row, int column) {
        return real(entry(key, row, column));
    }

    /**
     * @param key    {@code κ}
     * @param row    {@code i}
     * @param column {@code j}
     * @return {@code Im T_ij}
     */
    public static float im(long key, int row, int column) {
        return imaginary(entry(key, row, column));
    }

    private static long hash(long key, int row, int column) {
        long counter = ((long) row << 32) | (column & 0xffffffffL);
        return SplitMix64.mix(key ^ SplitMix64.mix(counter));
    }

    /**
     * Entry {@code T_ij}, the one place its formula is written: the two float parts packed in a
     * long (real part in the high 32 bits), so that one hash, logarithm and angle give both.
     */
    private static long entry(long key, int row, int column) {
        long h = hash(key, row, column);
        double amplitude = amplitude(h);
        double phase = phase(h);
        float re = (float) (amplitude * StrictMath.cos(phase));
        float im = (float) (amplitude * StrictMath.sin(phase));
        return ((long) Float.floatToRawIntBits(re) << 32) | (Float.floatToRawIntBits(im) & 0xffffffffL);
    }

    private static float real(long entry) {
        return Float.intBitsToFloat((int) (entry >>> 32));
    }

    private static float imaginary(long entry) {
        return Float.intBitsToFloat((int) entry);
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

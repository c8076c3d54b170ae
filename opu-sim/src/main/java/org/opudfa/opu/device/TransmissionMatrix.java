package org.opudfa.opu.device;

/**
 * A complex transmission matrix {@code T ∈ C^{M×N}} of a scattering medium, with entries from
 * {@link TransmissionEntries} for a key: {@code M} camera pixels by {@code N} DMD features.
 *
 * <p>The forward model of a binary frame is a gather-and-sum of the ON columns,
 * {@code (Tx)_i = Σ_{j: x_j = 1} T_ij}, which costs {@code M·(ones in x)} additions and no
 * multiplication. It is asked for one pixel at a time ({@link #sumColumns}), so that the pixel's
 * field and intensity are computed while its sum is in registers (see
 * {@link ScatteringMedium#intensities}). The two implementations, {@link DenseTransmissionMatrix} (stored) and
 * {@link OnDemandTransmissionMatrix} (matrix-free), give the same numbers for the same key.
 * Neither keeps buffers between calls, so several threads may read one matrix at once, each
 * into its own output arrays.
 */
public interface TransmissionMatrix {

    /** {@link MatrixMode#AUTO} stores the matrix when it has at most this many entries (64 MB of floats). */
    long AUTO_DENSE_LIMIT = 8_000_000L;

    /** @return {@code M}, the number of rows (camera pixels) */
    int rows();

    /** @return {@code N}, the number of columns (DMD features) */
    int columns();

    /**
     * The sum of the given columns at one row, {@code (Tx)_i = Σ_c T_{i, columns[c]}}: the
     * columns are added in the order given, to {@code 0.0}, so every caller gets the same bits.
     * Writes {@code sum[at] = Re (Tx)_i} and {@code sum[at + 1] = Im (Tx)_i}.
     *
     * @param row         {@code i}
     * @param columns     column indices (the ON features)
     * @param columnCount how many of {@code columns} to use
     * @param sum         receives the real and imaginary parts
     * @param at          where in {@code sum} the real part goes
     */
    void sumColumns(int row, int[] columns, int columnCount, double[] sum, int at);

    /**
     * Writes one column: {@code re[r] = Re T_{rows[r], column}}, and the same for {@code im}.
     *
     * @param column   {@code j}
     * @param rows     row indices
     * @param rowCount how many of {@code rows} to use
     * @param re       receives real parts at {@code [0, rowCount)}
     * @param im       receives imaginary parts at {@code [0, rowCount)}
     */
    void column(int column, int[] rows, int rowCount, double[] re, double[] im);

    /**
     * @param mode    how to hold the matrix
     * @param key     the key of its entries
     * @param rows    {@code M}, at least 1
     * @param columns {@code N}, at least 1
     * @return the matrix
     * @throws IllegalArgumentException if a size is below 1, or a dense matrix would exceed the
     *     largest Java array
     */
    static TransmissionMatrix create(MatrixMode mode, long key, int rows, int columns) {
        return stored(mode, rows, columns) ? new DenseTransmissionMatrix(key, rows, columns)
                : new OnDemandTransmissionMatrix(key, rows, columns);
    }

    /**
     * @param mode    how to hold the matrix
     * @param rows    {@code M}
     * @param columns {@code N}
     * @return whether {@link #create} stores the matrix ({@link DenseTransmissionMatrix}, {@code 8·M·N}
     *     bytes) rather than regenerating its entries
     */
    static boolean stored(MatrixMode mode, int rows, int columns) {
        return switch (mode) {
            case DENSE -> true;
            case ON_DEMAND -> false;
            case AUTO -> (long) rows * columns <= AUTO_DENSE_LIMIT;
        };
    }
}

package org.opudfa.opu.device;

/**
 * A {@link TransmissionMatrix} stored in float, column-major (the {@code M} entries of a column
 * are contiguous, which is the order the gather-and-sum reads them).
 */
public final class DenseTransmissionMatrix implements TransmissionMatrix {

    private static final long MAX_ENTRIES = Integer.MAX_VALUE - 8L;

    private final int rows;
    private final int columns;
    private final float[] re;
    private final float[] im;

    /**
     * Generates every entry from {@link TransmissionEntries}.
     *
     * @param key     the key of the entries
     * @param rows    {@code M}, at least 1
     * @param columns {@code N}, at least 1
     * @throws IllegalArgumentException if a size is below 1 or {@code M·N} exceeds the largest array
     */
    public DenseTransmissionMatrix(long key, int rows, int columns) {
        MediumChecks.requireSizes(rows, columns);
        long entries = (long) rows * columns;
        if (entries > MAX_ENTRIES) {
            throw new IllegalArgumentException("a dense transmission matrix holds at most " + MAX_ENTRIES
                    + " entries, got " + rows + "×" + columns + "; use the on-demand matrix mode");
        }
        this.rows = rows;
        this.columns = columns;
        this.re = new float[(int) entries];
        this.im = new float[(int) entries];
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        float[] colRe = new float[rows];
        float[] colIm = new float[rows];
        for (int j = 0; j < columns; j++) {
            TransmissionEntries.column(key, j, all, rows, colRe, colIm);
            System.arraycopy(colRe, 0, re, j * rows, rows);
            System.arraycopy(colIm, 0, im, j * rows, rows);
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public void sumColumns(int row, int[] cols, int columnCount, double[] sum, int at) {
        double sumRe = 0.0;
        double sumIm = 0.0;
        for (int c = 0; c < columnCount; c++) {
            int index = cols[c] * rows + row;
            sumRe += re[index];
            sumIm += im[index];
        }
        sum[at] = sumRe;
        sum[at + 1] = sumIm;
    }

    @Override
    public void column(int column, int[] rowIndex, int rowCount, double[] outRe, double[] outIm) {
        int base = column * rows;
        for (int r = 0; r < rowCount; r++) {
            outRe[r] = re[base + rowIndex[r]];
            outIm[r] = im[base + rowIndex[r]];
        }
    }
}

package org.opudfa.opu.device;

/**
 * A matrix-free {@link TransmissionMatrix}: nothing of size {@code M·N} is ever stored; the
 * entries of the ON columns are regenerated from {@link TransmissionEntries} when a frame is
 * shown. Memory is {@code O(1)}, time {@code M·(ones in x)} entry generations per frame. This is
 * how a device of a million inputs and a hundred thousand outputs is simulated. It holds no
 * buffers, so several threads may use it at once.
 */
public final class OnDemandTransmissionMatrix implements TransmissionMatrix {

    private final long key;
    private final int rows;
    private final int columns;

    /**
     * @param key     the key of the entries
     * @param rows    {@code M}, at least 1
     * @param columns {@code N}, at least 1
     * @throws IllegalArgumentException if a size is below 1
     */
    public OnDemandTransmissionMatrix(long key, int rows, int columns) {
        MediumChecks.requireSizes(rows, columns);
        this.key = key;
        this.rows = rows;
        this.columns = columns;
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
        TransmissionEntries.sumColumns(key, row, cols, columnCount, sum, at);
    }

    @Override
    public void column(int column, int[] rowIndex, int rowCount, double[] outRe, double[] outIm) {
        TransmissionEntries.column(key, column, rowIndex, rowCount, outRe, outIm);
    }
}

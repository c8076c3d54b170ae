package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;

/**
 * A sparse float matrix in compressed sparse row (CSR) form: the entries of row {@code i} are
 * {@code values[e]} at columns {@code columns[e]} for {@code e} in
 * {@code [rowStart[i], rowStart[i+1])}, columns strictly increasing within a row. It holds a
 * graph's normalised adjacency, its Laplacian, the neighbour lists attention runs over, and the
 * sparse bag-of-words node features. Immutable once built (the arrays are held, not copied: do
 * not change them), except that {@link #withValues} makes a matrix of the same pattern over
 * another value array, which its owner may rewrite (dropout on the features).
 *
 * <p>Products with dense matrices are computed by {@link SparseProduct}.
 */
public final class CsrMatrix {

    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] values;

    /**
     * @param rows     the number of rows, at least 0
     * @param cols     the number of columns, at least 0
     * @param rowStart rows + 1 offsets, from 0, non-decreasing, the last one the number of entries
     * @param columns  the column of each entry, strictly increasing within a row, in [0, cols)
     * @param values   the value of each entry, as many as {@code columns}
     * @throws IllegalArgumentException if the arrays do not describe such a matrix
     */
    public CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, float[] values) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a sparse matrix must have at least 0 rows and columns, got " + rows
                    + "×" + cols);
        }
        Objects.requireNonNull(rowStart, "rowStart");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
        if (rowStart.length != rows + 1 || rowStart[0] != 0 || rowStart[rows] != columns.length
                || values.length != columns.length) {
            throw new IllegalArgumentException("a " + rows + "-row sparse matrix needs " + (rows + 1)
                    + " row offsets from 0 to its entry count and one value per column index, got "
                    + rowStart.length + " offsets ending at " + rowStart[rowStart.length - 1] + ", "
                    + columns.length + " column indices and " + values.length + " values");
        }
        for (int i = 0; i < rows; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("row offsets of a sparse matrix must not decrease, but row " + i
                        + " starts at " + rowStart[i] + " and ends at " + rowStart[i + 1]);
            }
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int c = columns[e];
                if (c < 0 || c >= cols || (e > rowStart[i] && c <= columns[e - 1])) {
                    throw new IllegalArgumentException("columns of row " + i + " of a sparse matrix must be strictly "
                            + "increasing and in [0, " + cols + "), got " + c + " at entry " + e);
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * Builds a matrix from entries in any order; entries at the same place are added.
     *
     * @param rows   the number of rows
     * @param cols   the number of columns
     * @param count  how many entries of the arrays to take
     * @param row    the row of each entry
     * @param column the column of each entry
     * @param value  the value of each entry
     * @return the matrix
     * @throws IllegalArgumentException if an entry lies outside rows × cols
     */
    public static CsrMatrix fromEntries(int rows, int cols, int count, int[] row, int[] column, float[] value) {
        int[] start = new int[rows + 1];
        for (int e = 0; e < count; e++) {
            if (row[e] < 0 || row[e] >= rows || column[e] < 0 || column[e] >= cols) {
                throw new IllegalArgumentException("entry (" + row[e] + ", " + column[e] + ") lies outside a "
                        + rows + "×" + cols + " sparse matrix");
            }
            start[row[e] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, rows);
        int[] cs = new int[count];
        float[] vs = new float[count];
        for (int e = 0; e < count; e++) {
            int at = next[row[e]]++;
            cs[at] = column[e];
            vs[at] = value[e];
        }
        // sort each row by column (insertion sort: rows are short) and merge repeated columns
        int[] outStart = new int[rows + 1];
        int out = 0;
        for (int i = 0; i < rows; i++) {
            int from = start[i];
            int to = start[i + 1];
            for (int a = from + 1; a < to; a++) {
                int c = cs[a];
                float v = vs[a];
                int b = a - 1;
                while (b >= from && cs[b] > c) {
                    cs[b + 1] = cs[b];
                    vs[b + 1] = vs[b];
                    b--;
                }
                cs[b + 1] = c;
                vs[b + 1] = v;
            }
            outStart[i] = out;
            for (int a = from; a < to; a++) {
                if (out > outStart[i] && cs[out - 1] == cs[a]) {
                    vs[out - 1] += vs[a];
                } else {
                    cs[out] = cs[a];
                    vs[out] = vs[a];
                    out++;
                }
            }
        }
        outStart[rows] = out;
        return new CsrMatrix(rows, cols, outStart, Arrays.copyOf(cs, out), Arrays.copyOf(vs, out));
    }

    /**
     * @param dense a dense matrix
     * @return its non-zero entries as a sparse matrix
     */
    public static CsrMatrix fromDense(FMatrixRMaj dense) {
        int n = 0;
        for (int i = 0; i < dense.getNumElements(); i++) {
            n += dense.data[i] != 0f ? 1 : 0;
        }
        int[] start = new int[dense.numRows + 1];
        int[] cs = new int[n];
        float[] vs = new float[n];
        int e = 0;
        for (int i = 0; i < dense.numRows; i++) {
            for (int j = 0; j < dense.numCols; j++) {
                float v = dense.data[i * dense.numCols + j];
                if (v != 0f) {
                    cs[e] = j;
                    vs[e++] = v;
                }
            }
            start[i + 1] = e;
        }
        return new CsrMatrix(dense.numRows, dense.numCols, start, cs, vs);
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the number of columns */
    public int cols() {
        return cols;
    }

    /** @return the number of stored entries */
    public int nonZeros() {
        return columns.length;
    }

    /** @return the row offsets, rows + 1 of them (held: do not change) */
    public int[] rowStart() {
        return rowStart;
    }

    /** @return the column of each entry (held: do not change) */
    public int[] columns() {
        return columns;
    }

    /** @return the value of each entry (held) */
    public float[] values() {
        return values;
    }

    /**
     * @param i a row
     * @return the number of entries stored in row i
     */
    public int rowLength(int i) {
        return rowStart[i + 1] - rowStart[i];
    }

    /**
     * @param i a row
     * @param j a column
     * @return the entry at (i, j), 0 if none is stored
     */
    public float get(int i, int j) {
        int e = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
        return e >= 0 ? values[e] : 0f;
    }

    /**
     * @param newValues one value per entry, held (its owner may rewrite it)
     * @return a matrix of this pattern over {@code newValues}
     * @throws IllegalArgumentException if the count differs from {@link #nonZeros()}
     */
    public CsrMatrix withValues(float[] newValues) {
        if (newValues.length != columns.length) {
            throw new IllegalArgumentException("a sparse matrix of " + columns.length + " entries needs as many values, "
                    + "got " + newValues.length);
        }
        return new CsrMatrix(rows, cols, rowStart, columns, newValues, true);
    }

    /** Constructor for a pattern already checked. */
    private CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, float[] values, boolean checked) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * The transpose, and where each of its entries comes from.
     *
     * @param matrix the transpose {@code Aᵀ}
     * @param source for each entry e of the transpose, the index of the same entry in {@code A}, so
     *               that {@code Aᵀ.values[e] = A.values[source[e]]}
     */
    public record Transposition(CsrMatrix matrix, int[] source) {
    }

    /** @return {@code Aᵀ} and the map of its entries to this matrix's */
    public Transposition transposition() {
        int[] start = new int[cols + 1];
        for (int c : columns) {
            start[c + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            start[j + 1] += start[j];
        }
        int[] next = Arrays.copyOf(start, cols);
        int[] cs = new int[columns.length];
        float[] vs = new float[columns.length];
        int[] source = new int[columns.length];
        // rows are visited in order, so the columns of each transposed row come out increasing
        for (int i = 0; i < rows; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                int at = next[columns[e]]++;
                cs[at] = i;
                vs[at] = values[e];
                source[at] = e;
            }
        }
        return new Transposition(new CsrMatrix(cols, rows, start, cs, vs, true), source);
    }

    /** @return {@code Aᵀ} */
    public CsrMatrix transpose() {
        return transposition().matrix();
    }

    /** @return whether the matrix equals its transpose (same pattern and values) */
    public boolean isSymmetric() {
        if (rows != cols) {
            return false;
        }
        CsrMatrix t = transpose();
        return Arrays.equals(rowStart, t.rowStart) && Arrays.equals(columns, t.columns)
                && Arrays.equals(values, t.values);
    }

    /** @return the matrix as a dense one (for tests and small graphs) */
    public FMatrixRMaj toDense() {
        FMatrixRMaj d = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                d.data[i * cols + columns[e]] = values[e];
            }
        }
        return d;
    }

    @Override
    public String toString() {
        return "CsrMatrix(" + rows + "×" + cols + ", " + columns.length + " entries)";
    }
}

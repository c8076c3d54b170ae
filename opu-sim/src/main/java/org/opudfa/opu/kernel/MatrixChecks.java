package org.opudfa.opu.kernel;

import org.ejml.data.FMatrixRMaj;

/**
 * Argument checks shared by projectors and layers. Each throws an
 * {@link IllegalArgumentException} whose message names the argument, the expected value and
 * the actual one.
 */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /**
     * @param name  what the matrix is, for the message
     * @param m     the matrix
     * @param cols  the expected number of columns
     * @throws IllegalArgumentException if {@code m} does not have {@code cols} columns
     */
    public static void requireCols(String name, FMatrixRMaj m, int cols) {
        if (m.numCols != cols) {
            throw new IllegalArgumentException(name + " must have " + cols + " columns, got "
                    + m.numRows + "×" + m.numCols);
        }
    }

    /**
     * @param name the matrix's name, for the message
     * @param m    the matrix
     * @param rows expected rows
     * @param cols expected columns
     * @throws IllegalArgumentException if the shape differs
     */
    public static void requireShape(String name, FMatrixRMaj m, int rows, int cols) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " must be " + rows + "×" + cols + ", got "
                    + m.numRows + "×" + m.numCols);
        }
    }

    /**
     * @param name the matrix's name, for the message
     * @param m    the matrix
     * @throws IllegalArgumentException at the first NaN or infinite entry, naming its row and column
     */
    public static void requireFinite(String name, FMatrixRMaj m) {
        float[] d = m.data;
        int size = m.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(name + " must be finite, but entry (" + i / m.numCols
                        + ", " + i % m.numCols + ") is " + d[i]);
            }
        }
    }

    /**
     * @param name  the size's name, for the message
     * @param value the size
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < 1}
     */
    public static int requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}

package org.opudfa.opu.device;

/** Size checks shared by the transmission matrices. */
final class MediumChecks {

    private MediumChecks() {
    }

    static void requireSizes(int rows, int columns) {
        if (rows < 1) {
            throw new IllegalArgumentException("transmission matrix rows must be at least 1, got " + rows);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("transmission matrix columns must be at least 1, got " + columns);
        }
    }
}

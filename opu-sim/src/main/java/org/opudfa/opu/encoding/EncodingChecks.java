package org.opudfa.opu.encoding;

/** Argument checks and a scan shared by the encodings. */
final class EncodingChecks {

    private EncodingChecks() {
    }

    static int dimension(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("encoding input dimension must be at least 1, got " + dimension);
        }
        return dimension;
    }

    static double tau(double tau) {
        if (!(tau >= 0.0 && tau < 1.0)) {
            throw new IllegalArgumentException("encoding threshold τ must be in [0, 1), got " + tau);
        }
        return tau;
    }

    static double maxAbs(float[] data, int offset, int length) {
        double max = 0.0;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, Math.abs(data[offset + j]));
        }
        return max;
    }
}

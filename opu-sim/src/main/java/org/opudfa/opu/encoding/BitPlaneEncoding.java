package org.opudfa.opu.encoding;

/**
 * {@code 2p} frames per vector: sign split, then {@code p} bit planes per sign.
 *
 * <p>With {@code scale = max_j |v_j|} and {@code L = 2^p − 1}, each magnitude is quantised to
 * {@code q_j = round(|v_j|/scale·L) ∈ [0, L]}. Plane {@code k = 1..p} (most significant first) of
 * sign {@code ±} has feature {@code j} ON when {@code v_j} has that sign and bit {@code p − k}
 * of {@code q_j} is set. Decoding is
 * {@code v ≈ Σ_k 2^{−k}·(2^p/L)·scale·(plane⁺_k − plane⁻_k)}, i.e. the frame weights are
 * {@code ±scale·2^{p−k}/L}; the factor {@code 2^p/L} makes the largest entry decode exactly.
 * The quantisation error of an entry is at most {@code scale/(2L)}.
 */
public final class BitPlaneEncoding implements FrameEncoding {

    /** The largest precision, in bits per sign. */
    public static final int MAX_PRECISION = 16;

    private final int dimension;
    private final int precision;
    private final int[] levels;

    /**
     * @param dimension {@code n}, at least 1
     * @param precision {@code p}, bits per sign, in {@code [1, 16]}
     * @throws IllegalArgumentException if a value is out of range
     */
    public BitPlaneEncoding(int dimension, int precision) {
        this.dimension = EncodingChecks.dimension(dimension);
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("bit-plane precision must be between 1 and " + MAX_PRECISION
                    + ", got " + precision);
        }
        this.precision = precision;
        this.levels = new int[dimension];
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int maxFrames() {
        return 2 * precision;
    }

    /** @return {@code p}, the bits per sign */
    public int precision() {
        return precision;
    }

    @Override
    public void encode(float[] data, int offset, EncodedVector out) {
        out.clear();
        double scale = EncodingChecks.maxAbs(data, offset, dimension);
        if (scale == 0.0) {
            return;
        }
        double top = (1 << precision) - 1;
        for (int j = 0; j < dimension; j++) {
            levels[j] = (int) Math.rint(Math.abs(data[offset + j]) / scale * top);
        }
        for (int k = 1; k <= precision; k++) {
            int bit = precision - k;
            double weight = scale * (1 << bit) / top;
            BinaryFrame plus = out.begin();
            for (int j = 0; j < dimension; j++) {
                if (data[offset + j] > 0 && ((levels[j] >>> bit) & 1) != 0) {
                    plus.add(j);
                }
            }
            out.end(weight);
            BinaryFrame minus = out.begin();
            for (int j = 0; j < dimension; j++) {
                if (data[offset + j] < 0 && ((levels[j] >>> bit) & 1) != 0) {
                    minus.add(j);
                }
            }
            out.end(-weight);
        }
    }
}

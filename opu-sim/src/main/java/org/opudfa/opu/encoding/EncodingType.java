package org.opudfa.opu.encoding;

/** The encodings a projector can be configured with. */
public enum EncodingType {
    /** {@link ThresholdEncoding}: 1 frame, {@code x = [v > τ·max|v|]}. */
    THRESHOLD,
    /** {@link TernaryEncoding}: 2 frames, the parts above {@code τ·max|e|} and below its negative. */
    TERNARY,
    /** {@link BitPlaneEncoding}: {@code 2p} frames, {@code p} bit planes per sign. */
    BIT_PLANES;

    /**
     * @param dimension {@code n}
     * @param tau       threshold {@code τ} (threshold and ternary encodings)
     * @param precision bits per sign {@code p} (bit-plane encoding)
     * @return the encoding of this type
     * @throws IllegalArgumentException if a parameter it uses is out of range
     */
    public FrameEncoding create(int dimension, double tau, int precision) {
        return switch (this) {
            case THRESHOLD -> new ThresholdEncoding(dimension, tau);
            case TERNARY -> new TernaryEncoding(dimension, tau);
            case BIT_PLANES -> new BitPlaneEncoding(dimension, precision);
        };
    }
}

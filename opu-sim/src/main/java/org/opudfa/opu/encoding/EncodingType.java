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
     * The expected fraction of the features ON in one frame of this encoding, for a vector whose
     * entries are as often positive as negative and about half of which stand out (a frame of
     * {@code n} features then holds about {@code q·n} ON features):
     * <ul>
     *   <li>threshold, 1/2: the entries above {@code τ·max|v|}, about the positive half;</li>
     *   <li>ternary, 1/4: one sign of the entries past the threshold;</li>
     *   <li>bit planes, 1/4: one sign, and one bit that is set in about half the entries.</li>
     * </ul>
     * The simulated device sizes its reference from it
     * ({@link org.opudfa.opu.OpuConfig#autoReferenceSize}).
     *
     * @return {@code q}
     */
    public double expectedOnFraction() {
        return this == THRESHOLD ? 0.5 : 0.25;
    }

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

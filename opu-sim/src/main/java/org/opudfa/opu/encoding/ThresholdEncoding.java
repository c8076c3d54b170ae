package org.opudfa.opu.encoding;

/**
 * One frame per vector: {@code x = [v > t]} with {@code t = τ·max_j |v_j|}, and weight
 * {@code w = mean of v_j over the features ON}.
 *
 * <p>The weight makes the decoded vector keep the magnitude of the entries above threshold; a
 * binary 0/1 input with {@code τ < 1} is encoded exactly ({@code x = v}, {@code w = 1}).
 * Entries at or below the threshold, negative entries included, are dropped: this encoding is
 * lossy for anything but non-negative, nearly binary data.
 */
public final class ThresholdEncoding implements FrameEncoding {

    private final int dimension;
    private final double tau;

    /**
     * @param dimension {@code n}, at least 1
     * @param tau       {@code τ}, the threshold relative to the largest magnitude, in {@code [0, 1)}
     * @throws IllegalArgumentException if a value is out of range
     */
    public ThresholdEncoding(int dimension, double tau) {
        this.dimension = EncodingChecks.dimension(dimension);
        this.tau = EncodingChecks.tau(tau);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int maxFrames() {
        return 1;
    }

    @Override
    public void encode(float[] data, int offset, EncodedVector out) {
        out.clear();
        double t = tau * EncodingChecks.maxAbs(data, offset, dimension);
        BinaryFrame frame = out.begin();
        double sum = 0.0;
        for (int j = 0; j < dimension; j++) {
            float v = data[offset + j];
            if (v > t) {
                frame.add(j);
                sum += v;
            }
        }
        out.end(frame.count() == 0 ? 0.0 : sum / frame.count());
    }
}

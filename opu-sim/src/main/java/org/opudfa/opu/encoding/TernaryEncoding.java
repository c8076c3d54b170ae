package org.opudfa.opu.encoding;

/**
 * Two frames per vector, the positive and the negative part of a thresholded vector:
 * {@code e⁺ = [e > t]}, {@code e⁻ = [e < −t]} with {@code t = τ·max_j |e_j|} (the threshold is
 * relative to each vector's own scale, so it does not depend on the batch or the loss scale).
 *
 * <p>Scaling: {@code e ≈ s⁺·e⁺ − s⁻·e⁻}, where {@code s⁺} is the mean of {@code e_j} over the
 * features of {@code e⁺} and {@code s⁻} the mean of {@code |e_j|} over those of {@code e⁻}; the
 * frame weights are {@code +s⁺} and {@code −s⁻}. The projection is then
 * {@code s⁺·P(e⁺) − s⁻·P(e⁻)}, which has the magnitude of {@code P(e)}, and a vector whose
 * entries are in {{@code −c, 0, c}} is encoded exactly.
 */
public final class TernaryEncoding implements FrameEncoding {

    private final int dimension;
    private final double tau;

    /**
     * @param dimension {@code n}, at least 1
     * @param tau       {@code τ}, the threshold relative to the largest magnitude, in {@code [0, 1)}
     * @throws IllegalArgumentException if a value is out of range
     */
    public TernaryEncoding(int dimension, double tau) {
        this.dimension = EncodingChecks.dimension(dimension);
        this.tau = EncodingChecks.tau(tau);
    }

    @Override
    public int inputDimension() {
        return dimension;
    }

    @Override
    public int maxFrames() {
        return 2;
    }

    @Override
    public void encode(float[] data, int offset, EncodedVector out) {
        out.clear();
        double max = EncodingChecks.maxAbs(data, offset, dimension);
        if (max == 0.0) {
            return;
        }
        double t = tau * max;
        BinaryFrame plus = out.begin();
        double sum = 0.0;
        for (int j = 0; j < dimension; j++) {
            float v = data[offset + j];
            if (v > t) {
                plus.add(j);
                sum += v;
            }
        }
        out.end(plus.count() == 0 ? 0.0 : sum / plus.count());
        BinaryFrame minus = out.begin();
        sum = 0.0;
        for (int j = 0; j < dimension; j++) {
            float v = data[offset + j];
            if (v < -t) {
                minus.add(j);
                sum -= v;
            }
        }
        out.end(minus.count() == 0 ? 0.0 : -sum / minus.count());
    }
}

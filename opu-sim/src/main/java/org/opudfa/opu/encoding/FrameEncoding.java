package org.opudfa.opu.encoding;

/**
 * Turns a real vector into weighted binary frames, {@code v ≈ Σ_f w_f·x_f}. The decoded sum is
 * linear, so the projection of {@code v} is recovered from the projections of the frames as
 * {@code P(v) ≈ Σ_f w_f·P(x_f)}.
 *
 * <p>Implementations are stateless apart from reusable scratch space, and allocate nothing per
 * call: they are used once per projected vector.
 */
public interface FrameEncoding {

    /** @return {@code n}, the dimension of the vectors and frames */
    int inputDimension();

    /** @return the most binary frames one vector may need */
    int maxFrames();

    /**
     * Encodes {@code data[offset .. offset + n)}.
     *
     * @param data   holds the vector
     * @param offset index of its first entry
     * @param out    receives the frames and weights; cleared first
     */
    void encode(float[] data, int offset, EncodedVector out);

    /** @return a buffer large enough for any vector this encoding produces */
    default EncodedVector newEncodedVector() {
        return new EncodedVector(maxFrames(), inputDimension());
    }
}

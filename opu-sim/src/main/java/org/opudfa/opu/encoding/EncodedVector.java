package org.opudfa.opu.encoding;

/**
 * One real vector encoded as weighted binary frames: {@code v ≈ Σ_f w_f·x_f}, so that for a
 * linear map {@code P}, {@code P(v) ≈ Σ_f w_f·P(x_f)}.
 *
 * <p>A reusable buffer sized for an encoding's largest frame count. Frames with no feature ON are
 * never kept: their projection is exactly zero, so a device does not need to show them.
 */
public final class EncodedVector {

    private final BinaryFrame[] frames;
    private final double[] weights;
    private int count;

    /**
     * @param maxFrames the most frames one vector may need, at least 1
     * @param dimension {@code n}, the dimension of each frame, at least 1
     * @throws IllegalArgumentException if a size is below 1
     */
    public EncodedVector(int maxFrames, int dimension) {
        if (maxFrames < 1) {
            throw new IllegalArgumentException("maximum frame count must be at least 1, got " + maxFrames);
        }
        frames = new BinaryFrame[maxFrames];
        for (int i = 0; i < maxFrames; i++) {
            frames[i] = new BinaryFrame(dimension);
        }
        weights = new double[maxFrames];
    }

    /** @return the number of (non-empty) frames the vector was encoded into */
    public int frameCount() {
        return count;
    }

    /**
     * @param index in {@code [0, frameCount())}
     * @return the frame at that index
     */
    public BinaryFrame frame(int index) {
        return frames[index];
    }

    /**
     * @param index in {@code [0, frameCount())}
     * @return {@code w_f}, the weight of the frame at that index in the decoded sum
     */
    public double weight(int index) {
        return weights[index];
    }

    /** @return the capacity, the largest number of frames this buffer can hold */
    public int maxFrames() {
        return frames.length;
    }

    /** Forgets every frame, ready for the next vector. */
    public void clear() {
        count = 0;
    }

    /**
     * Starts a new frame; fill it with {@link BinaryFrame#add(int)} then call {@link #end(double)}.
     *
     * @return the next frame, cleared
     * @throws IllegalStateException if the buffer is full
     */
    BinaryFrame begin() {
        if (count == frames.length) {
            throw new IllegalStateException("encoded vector holds at most " + frames.length + " frames");
        }
        BinaryFrame frame = frames[count];
        frame.clear();
        return frame;
    }

    /**
     * Keeps the frame started by {@link #begin()} with the given weight, unless it is empty.
     *
     * @param weight {@code w_f}
     */
    void end(double weight) {
        if (frames[count].count() > 0) {
            weights[count] = weight;
            count++;
        }
    }

    /**
     * Decodes through the identity map: {@code out = Σ_f w_f·x_f}, the vector the frames stand for.
     *
     * @param out receives the decoded vector, length at least {@code n}; overwritten
     */
    public void decode(double[] out) {
        int n = frames[0].dimension();
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int f = 0; f < count; f++) {
            BinaryFrame frame = frames[f];
            int[] ones = frame.onesArray();
            for (int k = 0; k < frame.count(); k++) {
                out[ones[k]] += weights[f];
            }
        }
    }
}

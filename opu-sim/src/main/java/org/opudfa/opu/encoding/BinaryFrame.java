package org.opudfa.opu.encoding;

import java.util.Arrays;

/**
 * A binary DMD frame {@code x ∈ {0,1}^n}, stored sparsely as the ascending list of the features
 * that are ON. Sparse storage makes the optical forward model a gather-and-sum over the ON
 * features and lets a frame of a million features with a handful of ones cost a handful of
 * integers.
 *
 * <p>A frame is a reusable buffer: encoders {@link #clear()} it and {@link #add(int)} features.
 */
public final class BinaryFrame {

    private final int dimension;
    private final int[] ones;
    private int count;

    /**
     * @param dimension {@code n}, the number of features the frame may switch ON, at least 1
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public BinaryFrame(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("frame dimension must be at least 1, got " + dimension);
        }
        this.dimension = dimension;
        this.ones = new int[dimension];
    }

    /**
     * @param dimension {@code n}
     * @param features  the ON features, each in {@code [0, n)}, ascending and distinct
     * @return a new frame with those features ON
     * @throws IllegalArgumentException if a feature is out of range or out of order
     */
    public static BinaryFrame of(int dimension, int... features) {
        BinaryFrame frame = new BinaryFrame(dimension);
        for (int f : features) {
            frame.add(f);
        }
        return frame;
    }

    /** @return {@code n}, the number of features of the frame */
    public int dimension() {
        return dimension;
    }

    /** @return the number of ON features, {@code Σ_j x_j} */
    public int count() {
        return count;
    }

    /**
     * @param index position in the ON list, in {@code [0, count())}
     * @return the feature at that position
     */
    public int one(int index) {
        return ones[index];
    }

    /**
     * The backing array of ON features; only the first {@link #count()} entries are meaningful.
     * Exposed for the allocation-free gather in the optical forward model; callers must not
     * modify it.
     *
     * @return the backing array
     */
    public int[] onesArray() {
        return ones;
    }

    /** Switches every feature OFF. */
    public void clear() {
        count = 0;
    }

    /**
     * Switches one feature ON.
     *
     * @param feature in {@code [0, n)} and greater than the last feature added
     * @throws IllegalArgumentException if the feature is out of range or not ascending
     */
    public void add(int feature) {
        if (feature < 0 || feature >= dimension) {
            throw new IllegalArgumentException("frame feature must be between 0 and " + (dimension - 1)
                    + ", got " + feature);
        }
        if (count > 0 && feature <= ones[count - 1]) {
            throw new IllegalArgumentException("frame features must be added in ascending order, got "
                    + feature + " after " + ones[count - 1]);
        }
        ones[count++] = feature;
    }

    /**
     * @param other another frame
     * @return {@code x·x'}, the number of features ON in both frames
     */
    public int overlap(BinaryFrame other) {
        int a = 0;
        int b = 0;
        int both = 0;
        while (a < count && b < other.count) {
            if (ones[a] == other.ones[b]) {
                both++;
                a++;
                b++;
            } else if (ones[a] < other.ones[b]) {
                a++;
            } else {
                b++;
            }
        }
        return both;
    }

    @Override
    public String toString() {
        return "BinaryFrame(n=" + dimension + ", on=" + Arrays.toString(Arrays.copyOf(ones, count)) + ")";
    }
}

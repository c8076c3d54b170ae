package org.opudfa.opu.device;

/**
 * The digital micromirror device: {@code width × height} binary mirrors, grouped into
 * macro-pixels of {@code s} mirrors that switch together and show one feature.
 *
 * <p>A feature's {@code s} mirrors illuminate the medium together and add coherently, so the
 * field of a feature is {@code s} times the field of one mirror ({@link #fieldGain()}); the
 * device holds {@code ⌊width·height / s⌋} features ({@link #capacity()}). An input that does not
 * fit is an error, never a silent crop.
 *
 * @param width      mirrors per row, at least 1 (default 912)
 * @param height     mirror rows, at least 1 (default 1140)
 * @param macroPixel {@code s}, mirrors per feature, in {@code [1, width·height]} (default 1)
 */
public record Dmd(int width, int height, int macroPixel) {

    /** Default mirrors per row. */
    public static final int DEFAULT_WIDTH = 912;
    /** Default mirror rows. */
    public static final int DEFAULT_HEIGHT = 1140;

    /**
     * Validates every component; the message of a failure names the component, its value and
     * the allowed range.
     *
     * @param width see the record description
     * @param height see the record description
     * @param macroPixel see the record description
     * @throws IllegalArgumentException if a component is out of range
     */
    public Dmd {
        if (width < 1) {
            throw new IllegalArgumentException("DMD width must be at least 1 mirror, got " + width);
        }
        if (height < 1) {
            throw new IllegalArgumentException("DMD height must be at least 1 mirror, got " + height);
        }
        long mirrors = (long) width * height;
        if (macroPixel < 1 || macroPixel > mirrors) {
            throw new IllegalArgumentException("DMD macro-pixel must be between 1 and " + mirrors
                    + " mirrors, got " + macroPixel);
        }
    }

    /** @return the default device: 912×1140 mirrors, one mirror per feature */
    public static Dmd defaults() {
        return new Dmd(DEFAULT_WIDTH, DEFAULT_HEIGHT, 1);
    }

    /** @return {@code width·height} */
    public long mirrors() {
        return (long) width * height;
    }

    /** @return {@code ⌊width·height / s⌋}, the number of features the device can show */
    public long capacity() {
        return mirrors() / macroPixel;
    }

    /** @return {@code s}, the field amplitude of one feature relative to one mirror */
    public double fieldGain() {
        return macroPixel;
    }

    /**
     * @param inputFeatures     features of the input
     * @param referenceFeatures features of the reference pattern, disjoint from the input
     * @throws IllegalArgumentException if they do not fit together on the device
     */
    public void requireFits(int inputFeatures, int referenceFeatures) {
        long needed = (long) inputFeatures + referenceFeatures;
        if (needed > capacity()) {
            throw new IllegalArgumentException("input of " + inputFeatures + " features plus reference of "
                    + referenceFeatures + " features needs " + needed + " macro-pixels, but the DMD of "
                    + width + "×" + height + " mirrors with macro-pixel " + macroPixel + " holds only "
                    + capacity());
        }
    }
}

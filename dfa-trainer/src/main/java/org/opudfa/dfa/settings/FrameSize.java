package org.opudfa.dfa.settings;

/**
 * The size of a rectangular grid of the device: DMD mirrors or camera pixels. Written
 * {@code WIDTHxHEIGHT}, e.g. {@code 912x1140}.
 *
 * @param width  columns
 * @param height rows
 */
public record FrameSize(int width, int height) {

    /** @return {@code WIDTHxHEIGHT}, e.g. {@code 912x1140} */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}

package org.opudfa.experiments.spec;

import java.util.Objects;

/**
 * A figure made of images the points of a training sweep wrote (their task's output, see
 * {@link org.opudfa.dfa.task.Task#listener}): one row per point, the same file from each point's
 * folder, labelled with the point's label, under an optional header row taken from the first
 * point's folder (for instance the ground truth the rows are compared with). Written as a PNG.
 *
 * @param file        the PNG's file name
 * @param title       what it shows, for the report
 * @param image       the file each point's folder holds, e.g. {@code "test-views.png"}
 * @param header      a file of the first point's folder drawn above the rows, or null for none
 * @param headerLabel the header row's label (empty when there is no header)
 * @param scale       how many times each pixel is enlarged, 1 … 16
 */
public record ImageGridSpec(String file, String title, String image, String header, String headerLabel, int scale) {

    /**
     * Validates.
     *
     * @param file        the PNG's file name
     * @param title       what it shows
     * @param image       the file each point's folder holds
     * @param header      the header row's file, or null
     * @param headerLabel the header row's label
     * @param scale       the enlargement, 1 … 16
     * @throws IllegalArgumentException if the scale is out of range
     */
    public ImageGridSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(headerLabel, "headerLabel");
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("an image grid's scale must be between 1 and 16, got " + scale);
        }
    }
}

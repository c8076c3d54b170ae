package org.opudfa.dfa.task.nerf;

/**
 * Shrinks an image by area averaging: output pixel (i, j) of a W' × H' image is the mean of the
 * source over the rectangle {@code [i·W/W', (i+1)·W/W') × [j·H/H', (j+1)·H/H')}, each source pixel
 * weighted by the area it shares with it (a box filter of the output pixel's footprint, as
 * OpenCV's {@code INTER_AREA} for shrinking). On premultiplied colours this is exactly what a camera
 * with larger pixels would record, so compositing commutes with it.
 */
public final class AreaResampling {

    private AreaResampling() {
    }

    /**
     * @param source   W × H pixels of {@code channels} interleaved values, row-major
     * @param width    W
     * @param height   H
     * @param channels values per pixel
     * @param newWidth W', in [1, W]
     * @param newHeight H', in [1, H]
     * @return W' × H' pixels of the same channels
     * @throws IllegalArgumentException if the new size is not a shrink
     */
    public static float[] shrink(float[] source, int width, int height, int channels, int newWidth, int newHeight) {
        if (newWidth < 1 || newWidth > width || newHeight < 1 || newHeight > height) {
            throw new IllegalArgumentException("images can only be shrunk, from " + width + "×" + height + " to at least "
                    + "1×1, got " + newWidth + "×" + newHeight);
        }
        float[] rows = shrinkAxis(source, width, height, channels, newWidth, true);
        return shrinkAxis(rows, newWidth, height, channels, newHeight, false);
    }

    /** One separable pass: along x ({@code horizontal}) or along y. */
    private static float[] shrinkAxis(float[] src, int width, int height, int channels, int newSize,
                                      boolean horizontal) {
        int size = horizontal ? width : height;
        int outWidth = horizontal ? newSize : width;
        int outHeight = horizontal ? height : newSize;
        float[] out = new float[outWidth * outHeight * channels];
        double scale = (double) size / newSize;
        double[] acc = new double[channels];
        int lines = horizontal ? height : width;
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < newSize; o++) {
                double start = o * scale;
                double end = (o + 1) * scale;
                java.util.Arrays.fill(acc, 0);
                for (int s = (int) Math.floor(start); s < Math.min(size, (int) Math.ceil(end)); s++) {
                    double weight = Math.min(end, s + 1) - Math.max(start, s);
                    int at = (horizontal ? line * width + s : s * width + line) * channels;
                    for (int c = 0; c < channels; c++) {
                        acc[c] += weight * src[at + c];
                    }
                }
                int to = (horizontal ? line * outWidth + o : o * outWidth + line) * channels;
                for (int c = 0; c < channels; c++) {
                    out[to + c] = (float) (acc[c] / scale);
                }
            }
        }
        return out;
    }
}

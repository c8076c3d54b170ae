package org.opudfa.dfa.task.nerf;

/**
 * The structural similarity of two colour images (Wang, Bovik, Sheikh and Simoncelli 2004), as
 * NeRF reports it: on values in [0, 1] (dynamic range L = 1), with the standard Gaussian window
 * of 11 × 11 pixels and σ = 1.5 (normalised to sum 1), computed per channel over every position
 * where the window lies wholly inside the image, and averaged over those positions and the
 * channels. With the window's weighted means μ, variances σ² and covariance σ_xy at a position,
 * <pre>
 *   SSIM = (2·μ_x·μ_y + C₁)(2·σ_xy + C₂) / ((μ_x² + μ_y² + C₁)(σ_x² + σ_y² + C₂)),
 *   C₁ = (0.01·L)²,  C₂ = (0.03·L)².
 * </pre>
 * An image narrower or lower than 11 pixels gets a window cut to its smaller side (the same σ,
 * renormalised), so that small previews still have a value. Identical images score 1.
 */
public final class Ssim {

    /** The window's side in pixels. */
    public static final int WINDOW = 11;
    /** The window's standard deviation in pixels. */
    public static final double SIGMA = 1.5;
    /** {@code C₁ = (0.01·L)²} for L = 1. */
    public static final double C1 = 0.01 * 0.01;
    /** {@code C₂ = (0.03·L)²} for L = 1. */
    public static final double C2 = 0.03 * 0.03;

    private Ssim() {
    }

    /**
     * @param x      one image, {@code channels·width·height} values in pixel order, row by row, the
     *               channels of a pixel together
     * @param y      the other, laid out alike
     * @param width  pixels per row, at least 1
     * @param height rows, at least 1
     * @param channels values per pixel, at least 1
     * @return the mean SSIM over the positions and channels
     * @throws IllegalArgumentException if a size is below 1 or an image does not hold
     *     {@code channels·width·height} values
     */
    public static double of(float[] x, float[] y, int width, int height, int channels) {
        long n = (long) width * height * channels;
        if (x.length != n || y.length != n) {
            throw new IllegalArgumentException("SSIM of " + width + " × " + height + " images of " + channels
                    + " channels needs " + n + " values per image, got " + x.length + " and " + y.length);
        }
        return of(x, 0, y, 0, width, height, channels);
    }

    /**
     * The SSIM of two images held inside larger arrays, as {@link #of(float[], float[], int, int, int)}.
     *
     * @param x        holds one image
     * @param xOffset  index of its first value
     * @param y        holds the other
     * @param yOffset  index of its first value
     * @param width    pixels per row, at least 1
     * @param height   rows, at least 1
     * @param channels values per pixel, at least 1
     * @return the mean SSIM over the positions and channels
     * @throws IllegalArgumentException if a size is below 1 or an image does not lie inside its array
     */
    public static double of(float[] x, int xOffset, float[] y, int yOffset, int width, int height, int channels) {
        if (width < 1 || height < 1 || channels < 1) {
            throw new IllegalArgumentException("SSIM needs images of at least 1 × 1 pixel and 1 channel, got " + width
                    + " × " + height + " with " + channels);
        }
        long n = (long) width * height * channels;
        if (xOffset < 0 || yOffset < 0 || xOffset + n > x.length || yOffset + n > y.length) {
            throw new IllegalArgumentException("SSIM of " + width + " × " + height + " images of " + channels
                    + " channels needs " + n + " values from offsets " + xOffset + " and " + yOffset + ", but the arrays "
                    + "hold " + x.length + " and " + y.length);
        }
        int side = Math.min(WINDOW, Math.min(width, height));
        double[] w = window(side);
        int outW = width - side + 1;
        int outH = height - side + 1;
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < outH; j++) {
                for (int i = 0; i < outW; i++) {
                    double mx = 0;
                    double my = 0;
                    double xx = 0;
                    double yy = 0;
                    double xy = 0;
                    for (int v = 0; v < side; v++) {
                        for (int u = 0; u < side; u++) {
                            double k = w[v] * w[u];
                            int at = ((j + v) * width + i + u) * channels + c;
                            double a = x[xOffset + at];
                            double b = y[yOffset + at];
                            mx += k * a;
                            my += k * b;
                            xx += k * a * a;
                            yy += k * b * b;
                            xy += k * a * b;
                        }
                    }
                    double vx = xx - mx * mx;
                    double vy = yy - my * my;
                    double cxy = xy - mx * my;
                    sum += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                }
            }
        }
        return sum / ((double) outW * outH * channels);
    }

    /** The one-dimensional Gaussian of σ {@link #SIGMA} over {@code side} pixels, summing to 1 (the window is its outer product). */
    private static double[] window(int side) {
        double[] w = new double[side];
        double centre = (side - 1) / 2.0;
        double total = 0;
        for (int k = 0; k < side; k++) {
            double d = k - centre;
            w[k] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            total += w[k];
        }
        for (int k = 0; k < side; k++) {
            w[k] /= total;
        }
        return w;
    }
}

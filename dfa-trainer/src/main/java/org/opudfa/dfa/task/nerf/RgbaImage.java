package org.opudfa.dfa.task.nerf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.opudfa.dfa.io.AtomicFiles;

/**
 * An 8-bit image with straight (not premultiplied) alpha, as a PNG frame of a Blender-format
 * scene holds it: {@code rgba[4·(j·W + i) + c]} is channel c (red, green, blue, alpha) of the
 * pixel in column i and row j (from the top), 0 … 255. Images without alpha are opaque.
 *
 * @param width  W, at least 1
 * @param height H, at least 1
 * @param rgba   4·W·H bytes, read as unsigned
 */
public record RgbaImage(int width, int height, byte[] rgba) {

    /**
     * Validates and copies.
     *
     * @param width  W, at least 1
     * @param height H, at least 1
     * @param rgba   4·W·H bytes
     * @throws IllegalArgumentException if the sizes do not agree
     */
    public RgbaImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image must be at least 1×1 pixels, got " + width + "×" + height);
        }
        if (rgba.length != 4L * width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " RGBA image has " + 4L * width * height
                    + " bytes, got " + rgba.length);
        }
        rgba = rgba.clone();
    }

    /**
     * An opaque image of colours in [0, 1] (clamped), each rounded to the nearest of 256 levels.
     *
     * @param width  W
     * @param height H
     * @param rgb    3·W·H values, row-major, channels interleaved
     * @return the image
     */
    public static RgbaImage ofRgb(int width, int height, float[] rgb) {
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " RGB image has " + 3L * width * height
                    + " values, got " + rgb.length);
        }
        byte[] b = new byte[4 * width * height];
        for (int p = 0; p < width * height; p++) {
            for (int c = 0; c < 3; c++) {
                b[4 * p + c] = (byte) quantise(rgb[3 * p + c]);
            }
            b[4 * p + 3] = (byte) 255;
        }
        return new RgbaImage(width, height, b);
    }

    /**
     * @param v a value in [0, 1] (clamped)
     * @return the nearest of the levels 0 … 255
     */
    public static int quantise(double v) {
        return (int) Math.round(255.0 * Math.max(0.0, Math.min(1.0, v)));
    }

    /**
     * Reads a PNG (or any format ImageIO reads) into 8-bit RGBA.
     *
     * @param file the image file
     * @return the image
     * @throws IllegalArgumentException if the file is missing or is not an image ImageIO can read
     */
    public static RgbaImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the image " + file + " does not exist");
        }
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("the image " + file + " could not be read: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("the file " + file + " is not an image in a format this reader knows "
                    + "(PNG expected)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] b = new byte[4 * w * h];
        for (int p = 0; p < w * h; p++) {
            int v = argb[p];
            b[4 * p] = (byte) (v >>> 16);
            b[4 * p + 1] = (byte) (v >>> 8);
            b[4 * p + 2] = (byte) v;
            b[4 * p + 3] = (byte) (v >>> 24);
        }
        return new RgbaImage(w, h, b);
    }

    /**
     * Writes the image as an RGBA PNG, atomically.
     *
     * @param file the file to (re)place
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    public void write(Path file) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[width * height];
        for (int p = 0; p < argb.length; p++) {
            argb[p] = (rgba[4 * p + 3] & 0xff) << 24 | (rgba[4 * p] & 0xff) << 16 | (rgba[4 * p + 1] & 0xff) << 8
                    | (rgba[4 * p + 2] & 0xff);
        }
        image.setRGB(0, 0, width, height, argb, 0, width);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        });
    }

    /** @return a copy of the bytes */
    @Override
    public byte[] rgba() {
        return rgba.clone();
    }

    /**
     * @param i column
     * @param j row
     * @param c channel 0 … 3
     * @return the value 0 … 255
     */
    public int get(int i, int j, int c) {
        return rgba[4 * (j * width + i) + c] & 0xff;
    }

    /**
     * @return premultiplied colours in [0, 1]: {@code (r·a, g·a, b·a, a)} per pixel, row-major;
     *     the form in which averaging pixels and compositing on a background are exact
     */
    public float[] premultiplied() {
        float[] out = new float[4 * width * height];
        for (int p = 0; p < width * height; p++) {
            double a = (rgba[4 * p + 3] & 0xff) / 255.0;
            for (int c = 0; c < 3; c++) {
                out[4 * p + c] = (float) ((rgba[4 * p + c] & 0xff) / 255.0 * a);
            }
            out[4 * p + 3] = (float) a;
        }
        return out;
    }

    /**
     * @param left  the image on the left
     * @param right the image on the right, of the same height
     * @return the two side by side
     */
    public static RgbaImage sideBySide(RgbaImage left, RgbaImage right) {
        if (left.height != right.height) {
            throw new IllegalArgumentException("images side by side must have the same height, got " + left.height
                    + " and " + right.height);
        }
        return grid(new RgbaImage[][] {{left, right}}, 0);
    }

    /**
     * Tiles images of one size into a grid, with a gap of transparent-white pixels between them.
     *
     * @param rows the images, row by row; every row the same length, every image the same size
     * @param gap  pixels between neighbours, at least 0
     * @return the grid
     */
    public static RgbaImage grid(RgbaImage[][] rows, int gap) {
        int w = rows[0][0].width;
        int h = rows[0][0].height;
        int cols = rows[0].length;
        int width = cols * w + (cols - 1) * gap;
        int height = rows.length * h + (rows.length - 1) * gap;
        byte[] b = new byte[4 * width * height];
        Arrays.fill(b, (byte) 255);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("every row of an image grid must have " + cols + " images, row " + r
                        + " has " + rows[r].length);
            }
            for (int c = 0; c < cols; c++) {
                RgbaImage im = rows[r][c];
                if (im.width != w || im.height != h) {
                    throw new IllegalArgumentException("every image of a grid must be " + w + "×" + h + ", got "
                            + im.width + "×" + im.height);
                }
                for (int j = 0; j < h; j++) {
                    System.arraycopy(im.rgba, 4 * j * w, b, 4 * ((r * (h + gap) + j) * width + c * (w + gap)), 4 * w);
                }
            }
        }
        return new RgbaImage(width, height, b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbaImage im && im.width == width && im.height == height && Arrays.equals(im.rgba, rgba);
    }

    @Override
    public int hashCode() {
        return (31 * width + height) * 31 + Arrays.hashCode(rgba);
    }

    @Override
    public String toString() {
        return "RgbaImage[" + width + "×" + height + "]";
    }
}

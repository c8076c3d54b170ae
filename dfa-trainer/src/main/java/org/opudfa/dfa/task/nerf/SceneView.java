package org.opudfa.dfa.task.nerf;

import java.util.Objects;

/**
 * One view of a scene: its camera and its image as premultiplied RGBA in [0, 1]
 * ({@link RgbaImage#premultiplied()}), at the camera's size.
 *
 * @param name   where it came from, e.g. {@code "train/r_3"}
 * @param camera the camera, whose width and height are the image's
 * @param rgba   4·W·H premultiplied values, row-major
 */
public record SceneView(String name, PinholeCamera camera, float[] rgba) {

    /**
     * Validates.
     *
     * @param name   where it came from
     * @param camera the camera
     * @param rgba   4·W·H values
     * @throws IllegalArgumentException if the image does not have the camera's size
     */
    public SceneView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(camera, "camera");
        if (rgba.length != 4L * camera.width() * camera.height()) {
            throw new IllegalArgumentException("view " + name + " needs " + 4L * camera.width() * camera.height()
                    + " RGBA values for its " + camera.width() + "×" + camera.height() + " camera, got " + rgba.length);
        }
    }

    /** @return the number of pixels, W·H */
    public int pixels() {
        return camera.width() * camera.height();
    }

    /**
     * @param background what shows through the transparent parts
     * @return the colours the camera sees, {@code rgb + (1 − α)·background}, 3·W·H values, row-major
     */
    public float[] composited(Background background) {
        int n = pixels();
        float[] out = new float[3 * n];
        float bg = background.level();
        for (int p = 0; p < n; p++) {
            float behind = (1f - rgba[4 * p + 3]) * bg;
            for (int c = 0; c < 3; c++) {
                out[3 * p + c] = rgba[4 * p + c] + behind;
            }
        }
        return out;
    }

    /**
     * @param width the new width W' in pixels, at most W
     * @return the view shrunk to W' × round(H·W'/W) by {@link AreaResampling}, with its camera
     *     scaled to match; this view if W' = W
     */
    public SceneView shrunk(int width) {
        PinholeCamera c = camera;
        if (width == c.width()) {
            return this;
        }
        if (width > c.width()) {
            throw new IllegalArgumentException("view " + name + " is " + c.width() + " pixels wide and can only be shrunk, "
                    + "not enlarged to " + width);
        }
        int height = Math.max(1, (int) Math.round((double) c.height() * width / c.width()));
        return new SceneView(name, c.resized(width, height),
                AreaResampling.shrink(rgba, c.width(), c.height(), 4, width, height));
    }
}

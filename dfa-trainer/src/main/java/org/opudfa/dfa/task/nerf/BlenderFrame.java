package org.opudfa.dfa.task.nerf;

import java.util.Objects;

/**
 * One frame of a Blender-format split: the image's path as the transforms file gives it, the
 * camera-to-world matrix and the image.
 *
 * @param filePath        the {@code file_path} entry, relative to the scene folder, e.g.
 *                        {@code "./train/r_0"} (the {@code .png} may be left out, as in NeRF's scenes)
 * @param transformMatrix the {@code transform_matrix}, 16 entries row-major
 * @param image           the image
 */
public record BlenderFrame(String filePath, double[] transformMatrix, RgbaImage image) {

    /**
     * Validates and copies.
     *
     * @param filePath        the file path entry
     * @param transformMatrix 16 entries
     * @param image           the image
     * @throws IllegalArgumentException if the matrix does not have 16 entries
     */
    public BlenderFrame {
        Objects.requireNonNull(filePath, "filePath");
        Objects.requireNonNull(image, "image");
        if (transformMatrix.length != 16) {
            throw new IllegalArgumentException("a transform_matrix has 16 entries (4×4), got " + transformMatrix.length);
        }
        transformMatrix = transformMatrix.clone();
    }

    /** @return a copy of the matrix */
    @Override
    public double[] transformMatrix() {
        return transformMatrix.clone();
    }

    /**
     * @param cameraAngleX the split's horizontal field of view in radians
     * @return the view: the camera of the matrix at the image's size, and the premultiplied image
     */
    public SceneView view(double cameraAngleX) {
        PinholeCamera camera = new PinholeCamera(image.width(), image.height(),
                PinholeCamera.focalFromAngle(image.width(), cameraAngleX), transformMatrix);
        String name = filePath.startsWith("./") ? filePath.substring(2) : filePath;
        return new SceneView(name, camera, image.premultiplied());
    }
}

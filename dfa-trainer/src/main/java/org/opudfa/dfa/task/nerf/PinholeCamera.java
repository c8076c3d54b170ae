package org.opudfa.dfa.task.nerf;

import java.util.Arrays;

/**
 * A pinhole camera in the Blender (OpenGL) convention that NeRF scenes use: in camera space x points
 * right, y up, and the camera looks down −z. {@code cameraToWorld} is the 4 × 4 matrix of a frame's
 * {@code transform_matrix} (row-major), whose upper-left 3 × 3 block is the rotation and whose last
 * column is the camera centre.
 *
 * <p>The ray through the centre of pixel (column i, row j) of a W × H image has the camera-space
 * direction {@code ((i + ½ − W/2)/f, −(j + ½ − H/2)/f, −1)}, rotated to world space and normalised;
 * it starts at the camera centre. Rows count downwards from the top of the image, as in the PNG.
 *
 * @param width         image width W in pixels
 * @param height        image height H in pixels
 * @param focal         focal length f in pixels, {@code f = W/(2·tan(camera_angle_x/2))}
 * @param cameraToWorld the 16 entries of the camera-to-world matrix, row-major
 */
public record PinholeCamera(int width, int height, double focal, double[] cameraToWorld) {

    /**
     * Validates and copies.
     *
     * @param width         image width in pixels, at least 1
     * @param height        image height in pixels, at least 1
     * @param focal         focal length in pixels, positive
     * @param cameraToWorld 16 finite entries, row-major
     * @throws IllegalArgumentException if a value is out of range
     */
    public PinholeCamera {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a camera image must be at least 1×1 pixels, got " + width + "×" + height);
        }
        if (!(focal > 0) || Double.isInfinite(focal)) {
            throw new IllegalArgumentException("the focal length must be a positive number of pixels, got " + focal);
        }
        if (cameraToWorld.length != 16) {
            throw new IllegalArgumentException("a camera-to-world matrix has 16 entries (4×4), got "
                    + cameraToWorld.length);
        }
        for (double v : cameraToWorld) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the camera-to-world matrix must be finite, got " + v);
            }
        }
        cameraToWorld = cameraToWorld.clone();
    }

    /**
     * @param width        image width in pixels
     * @param cameraAngleX horizontal field of view in radians, in (0, π)
     * @return {@code f = W/(2·tan(angle/2))}
     * @throws IllegalArgumentException if the angle is out of range
     */
    public static double focalFromAngle(int width, double cameraAngleX) {
        if (!(cameraAngleX > 0 && cameraAngleX < Math.PI)) {
            throw new IllegalArgumentException("camera_angle_x must be an angle in radians between 0 and π, got "
                    + cameraAngleX);
        }
        return 0.5 * width / Math.tan(0.5 * cameraAngleX);
    }

    /**
     * A camera at {@code eye} looking at {@code target}, with world {@code up} mapped to the image's
     * up direction (as far as it is orthogonal to the viewing direction).
     *
     * @param eye    the camera centre
     * @param target the point at the image centre
     * @param up     the world's up vector, not parallel to {@code target − eye}
     * @param width  image width in pixels
     * @param height image height in pixels
     * @param focal  focal length in pixels
     * @return the camera
     * @throws IllegalArgumentException if the eye is at the target or looks along {@code up}
     */
    public static PinholeCamera lookAt(double[] eye, double[] target, double[] up, int width, int height,
                                       double focal) {
        double[] back = Vectors.normalised(Vectors.minus(eye, target), "the camera centre and its target coincide");
        double[] right = Vectors.normalised(Vectors.cross(up, back), "the camera looks along its up vector");
        double[] trueUp = Vectors.cross(back, right);
        double[] m = {
            right[0], trueUp[0], back[0], eye[0],
            right[1], trueUp[1], back[1], eye[1],
            right[2], trueUp[2], back[2], eye[2],
            0, 0, 0, 1};
        return new PinholeCamera(width, height, focal, m);
    }

    /** @return a copy of the camera-to-world matrix, row-major */
    @Override
    public double[] cameraToWorld() {
        return cameraToWorld.clone();
    }

    /**
     * @param origin output, the camera centre (the matrix's last column)
     */
    public void origin(double[] origin) {
        origin[0] = cameraToWorld[3];
        origin[1] = cameraToWorld[7];
        origin[2] = cameraToWorld[11];
    }

    /**
     * The unit direction of the ray through a point of the image.
     *
     * @param x         horizontal image coordinate in pixels from the left edge (pixel i's centre is i + ½)
     * @param y         vertical image coordinate in pixels from the top edge (pixel j's centre is j + ½)
     * @param direction output, unit length, world space
     */
    public void direction(double x, double y, double[] direction) {
        double cx = (x - 0.5 * width) / focal;
        double cy = -(y - 0.5 * height) / focal;
        double[] m = cameraToWorld;
        double dx = m[0] * cx + m[1] * cy - m[2];
        double dy = m[4] * cx + m[5] * cy - m[6];
        double dz = m[8] * cx + m[9] * cy - m[10];
        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
        direction[0] = dx / n;
        direction[1] = dy / n;
        direction[2] = dz / n;
    }

    /**
     * @param width  the new width in pixels
     * @param height the new height in pixels
     * @return the same camera for an image resampled to that size (the focal length scaled by
     *     {@code width / this.width}, so the field of view is kept)
     */
    public PinholeCamera resized(int width, int height) {
        return new PinholeCamera(width, height, focal * width / this.width, cameraToWorld);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinholeCamera c && c.width == width && c.height == height && c.focal == focal
                && Arrays.equals(c.cameraToWorld, cameraToWorld);
    }

    @Override
    public int hashCode() {
        return (31 * (31 * width + height) + Double.hashCode(focal)) * 31 + Arrays.hashCode(cameraToWorld);
    }

    @Override
    public String toString() {
        return "PinholeCamera[" + width + "×" + height + ", f " + focal + ", at (" + cameraToWorld[3] + ", "
                + cameraToWorld[7] + ", " + cameraToWorld[11] + ")]";
    }
}

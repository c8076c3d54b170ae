package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PinholeCameraTest {

    /** Directions are computed in double: exact to rounding. */
    private static final double TOLERANCE = 1e-12;

    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    @Test
    void aPixelsRayGoesThroughItsCentreOnTheImagePlane() {
        // identity pose: the camera at the origin looking down −z, x right, y up; image plane at z = −1
        PinholeCamera camera = new PinholeCamera(4, 2, 2.0, IDENTITY);
        double[] d = new double[3];
        // pixel (column 3, row 0), top right: centre (3.5, 0.5) → ((3.5 − 2)/2, −(0.5 − 1)/2, −1)
        camera.direction(3.5, 0.5, d);
        double n = Math.sqrt(0.75 * 0.75 + 0.25 * 0.25 + 1);
        assertArrayEquals(new double[] {0.75 / n, 0.25 / n, -1 / n}, d, TOLERANCE);
        double[] o = new double[3];
        camera.origin(o);
        assertArrayEquals(new double[3], o, TOLERANCE);
    }

    @Test
    void aPosedCameraRotatesAndMovesItsRays() {
        // a camera at (4, 0, 0) looking at the origin with z up: its right is +y and its up +z
        PinholeCamera camera = PinholeCamera.lookAt(new double[] {4, 0, 0}, new double[3], new double[] {0, 0, 1}, 100,
                100, 50);
        double[] d = new double[3];
        camera.direction(50, 50, d);
        assertArrayEquals(new double[] {-1, 0, 0}, d, TOLERANCE);
        // the last column of pixels, middle row: camera-space (0.99, −0.01, −1)
        camera.direction(99.5, 50.5, d);
        double n = Math.sqrt(1 + 0.99 * 0.99 + 0.01 * 0.01);
        assertArrayEquals(new double[] {-1 / n, 0.99 / n, -0.01 / n}, d, TOLERANCE);
        double[] m = camera.cameraToWorld();
        assertArrayEquals(new double[] {4, 0, 0}, new double[] {m[3], m[7], m[11]}, TOLERANCE);
    }

    @Test
    void focalLengthFollowsTheFieldOfView() {
        assertEquals(400 / Math.tan(0.5 * 0.6911112070083618), PinholeCamera.focalFromAngle(800,
                0.6911112070083618), TOLERANCE);
        assertEquals(32, PinholeCamera.focalFromAngle(64, Math.PI / 2), TOLERANCE);
        PinholeCamera c = new PinholeCamera(64, 48, 70, IDENTITY).resized(32, 24);
        assertEquals(35, c.focal(), TOLERANCE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PinholeCamera.focalFromAngle(64, 4));
        assertEquals("camera_angle_x must be an angle in radians between 0 and π, got 4.0", e.getMessage());
    }
}

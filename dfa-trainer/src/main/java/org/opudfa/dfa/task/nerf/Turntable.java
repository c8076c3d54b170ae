package org.opudfa.dfa.task.nerf;

import java.util.ArrayList;
import java.util.List;

/**
 * Cameras on a circle about the scene's vertical (z) axis, all looking at the origin with z up:
 * camera k of n sits at azimuth {@code 2πk/n}, at the given elevation above the horizontal plane
 * and distance from the origin.
 */
public final class Turntable {

    private Turntable() {
    }

    /**
     * @param count     n, at least 1
     * @param radius    distance from the origin, positive
     * @param elevation angle above the horizontal plane in radians, in (−π/2, π/2)
     * @param width     image width in pixels
     * @param height    image height in pixels
     * @param focal     focal length in pixels
     * @return the n cameras, in order of azimuth
     * @throws IllegalArgumentException if a value is out of range
     */
    public static List<PinholeCamera> cameras(int count, double radius, double elevation, int width, int height,
                                              double focal) {
        if (count < 1) {
            throw new IllegalArgumentException("a turntable needs at least 1 view, got " + count);
        }
        if (!(radius > 0)) {
            throw new IllegalArgumentException("the turntable's radius must be positive, got " + radius);
        }
        if (!(Math.abs(elevation) < 0.5 * Math.PI)) {
            throw new IllegalArgumentException("the turntable's elevation must be between −π/2 and π/2, got " + elevation);
        }
        List<PinholeCamera> cameras = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double azimuth = 2 * Math.PI * k / count;
            cameras.add(onSphere(radius, azimuth, elevation, width, height, focal));
        }
        return cameras;
    }

    /**
     * @param radius    distance from the origin
     * @param azimuth   angle about z from the x axis, radians
     * @param elevation angle above the horizontal plane, radians
     * @param width     image width in pixels
     * @param height    image height in pixels
     * @param focal     focal length in pixels
     * @return a camera at that place looking at the origin, z up
     */
    public static PinholeCamera onSphere(double radius, double azimuth, double elevation, int width, int height,
                                         double focal) {
        double[] eye = {radius * Math.cos(elevation) * Math.cos(azimuth),
            radius * Math.cos(elevation) * Math.sin(azimuth), radius * Math.sin(elevation)};
        return PinholeCamera.lookAt(eye, new double[3], new double[] {0, 0, 1}, width, height, focal);
    }

    /**
     * A turntable about the scene that a set of cameras looks at: at their mean distance from the
     * origin and mean elevation, with the first camera's image size and focal length.
     *
     * @param views the cameras, at least one
     * @param count n, at least 1
     * @return the n cameras
     */
    public static List<PinholeCamera> around(List<PinholeCamera> views, int count) {
        double radius = 0;
        double elevation = 0;
        double[] o = new double[3];
        for (PinholeCamera c : views) {
            c.origin(o);
            double r = Vectors.norm(o);
            radius += r;
            elevation += Math.asin(o[2] / r);
        }
        PinholeCamera first = views.get(0);
        return cameras(count, radius / views.size(), elevation / views.size(), first.width(), first.height(),
                first.focal());
    }
}

package org.opudfa.dfa.task.nerf;

/**
 * One coloured object of an {@link AnalyticVolume}: a shape given by its signed distance
 * {@code d(p)} (negative inside, in scene units), a peak density and a colour that may vary over
 * space. Its density is {@code σ(p) = σ_max·ramp(−d(p)/w)} for the volume's edge half-width w
 * (see {@link AnalyticVolume#ramp}), so it is smooth and exactly zero farther than w outside.
 */
public sealed interface Primitive permits Primitive.Sphere, Primitive.RoundedBox, Primitive.Torus {

    /** @return the peak density σ_max, per scene unit */
    double peakDensity();

    /**
     * @param x point
     * @param y point
     * @param z point
     * @return the signed distance to the surface, negative inside
     */
    double distance(double x, double y, double z);

    /**
     * @param x   point
     * @param y   point
     * @param z   point
     * @param rgb output, the colour at the point, each channel in [0, 1]
     */
    void colour(double x, double y, double z, double[] rgb);

    /** @return the largest distance from the origin of a point inside the shape */
    double reach();

    /**
     * A ball whose colour alternates smoothly between two colours in horizontal bands:
     * {@code c = a + (b − a)·(1 + sin(k·(z − cz)))/2}.
     *
     * @param cx          centre
     * @param cy          centre
     * @param cz          centre
     * @param radius      radius
     * @param peakDensity σ_max
     * @param a           first colour
     * @param b           second colour
     * @param bands       k, in radians per scene unit (0 for a plain colour a + (b − a)/2)
     */
    record Sphere(double cx, double cy, double cz, double radius, double peakDensity, double[] a, double[] b,
                  double bands) implements Primitive {

        @Override
        public double distance(double x, double y, double z) {
            double dx = x - cx;
            double dy = y - cy;
            double dz = z - cz;
            return Math.sqrt(dx * dx + dy * dy + dz * dz) - radius;
        }

        @Override
        public void colour(double x, double y, double z, double[] rgb) {
            double s = 0.5 * (1 + Math.sin(bands * (z - cz)));
            for (int c = 0; c < 3; c++) {
                rgb[c] = a[c] + (b[c] - a[c]) * s;
            }
        }

        @Override
        public double reach() {
            return Math.sqrt(cx * cx + cy * cy + cz * cz) + radius;
        }
    }

    /**
     * An axis-aligned box with rounded edges, of one colour: the set of points within
     * {@code rounding} of the box of half-sizes {@code (hx, hy, hz) − rounding}.
     *
     * @param cx          centre
     * @param cy          centre
     * @param cz          centre
     * @param hx          half-size along x
     * @param hy          half-size along y
     * @param hz          half-size along z
     * @param rounding    radius of the rounded edges, less than every half-size
     * @param peakDensity σ_max
     * @param rgb         the colour
     */
    record RoundedBox(double cx, double cy, double cz, double hx, double hy, double hz, double rounding,
                      double peakDensity, double[] rgb) implements Primitive {

        @Override
        public double distance(double x, double y, double z) {
            double qx = Math.abs(x - cx) - hx + rounding;
            double qy = Math.abs(y - cy) - hy + rounding;
            double qz = Math.abs(z - cz) - hz + rounding;
            double ox = Math.max(qx, 0);
            double oy = Math.max(qy, 0);
            double oz = Math.max(qz, 0);
            return Math.sqrt(ox * ox + oy * oy + oz * oz) + Math.min(Math.max(qx, Math.max(qy, qz)), 0) - rounding;
        }

        @Override
        public void colour(double x, double y, double z, double[] out) {
            System.arraycopy(rgb, 0, out, 0, 3);
        }

        @Override
        public double reach() {
            return Math.sqrt(cx * cx + cy * cy + cz * cz) + Math.sqrt(hx * hx + hy * hy + hz * hz);
        }
    }

    /**
     * A ring lying flat (its axis along z), whose colour alternates smoothly between two colours
     * around it: {@code c = a + (b − a)·(1 + sin(n·φ))/2} at azimuth φ about its centre.
     *
     * @param cx          centre
     * @param cy          centre
     * @param cz          centre
     * @param major       radius of the ring's centre line
     * @param minor       radius of its tube
     * @param peakDensity σ_max
     * @param a           first colour
     * @param b           second colour
     * @param sectors     n, colour periods around the ring
     */
    record Torus(double cx, double cy, double cz, double major, double minor, double peakDensity, double[] a,
                 double[] b, int sectors) implements Primitive {

        @Override
        public double distance(double x, double y, double z) {
            double dx = x - cx;
            double dy = y - cy;
            double dz = z - cz;
            double ring = Math.sqrt(dx * dx + dy * dy) - major;
            return Math.sqrt(ring * ring + dz * dz) - minor;
        }

        @Override
        public void colour(double x, double y, double z, double[] rgb) {
            double s = 0.5 * (1 + Math.sin(sectors * Math.atan2(y - cy, x - cx)));
            for (int c = 0; c < 3; c++) {
                rgb[c] = a[c] + (b[c] - a[c]) * s;
            }
        }

        @Override
        public double reach() {
            return Math.sqrt(cx * cx + cy * cy + cz * cz) + major + minor;
        }
    }
}

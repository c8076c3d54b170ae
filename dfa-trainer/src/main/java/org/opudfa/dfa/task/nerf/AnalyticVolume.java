package org.opudfa.dfa.task.nerf;

import java.util.List;

/**
 * A scene given in closed form, as the radiance field NeRF learns: a density {@code σ(p)} and a
 * colour {@code c(p)} at every point, from a few {@link Primitive}s. With {@code σ_k} the density
 * of primitive k,
 * <pre>
 *   σ(p) = Σ_k σ_k(p),    c(p) = Σ_k σ_k(p)·c_k(p) / σ(p)
 * </pre>
 * (where primitives overlap, their colours mix in proportion to their densities). Each
 * {@code σ_k(p) = σ_max,k · ramp(−d_k(p)/w)} where {@code ramp(u)} is 0 for {@code u ≤ −1}, 1 for
 * {@code u ≥ 1} and the quintic smoothstep {@code s(t) = t³(10 − 15t + 6t²)}, {@code t = (u + 1)/2},
 * in between: the density rises smoothly (twice differentiable) from zero at w outside the surface
 * to its peak at w inside. Outside every primitive's reach plus w the volume is empty, so images of
 * it have a transparent background.
 *
 * <p>The colour does not depend on the viewing direction (the objects are matte).
 */
public final class AnalyticVolume {

    private final Primitive[] primitives;
    private final double edge;
    private final double bound;

    /**
     * @param primitives the objects
     * @param edge       w, the half-width of the density's rise at each surface, positive
     */
    public AnalyticVolume(List<Primitive> primitives, double edge) {
        if (primitives.isEmpty()) {
            throw new IllegalArgumentException("an analytic volume needs at least 1 primitive");
        }
        if (!(edge > 0)) {
            throw new IllegalArgumentException("the edge half-width must be positive, got " + edge);
        }
        this.primitives = primitives.toArray(new Primitive[0]);
        this.edge = edge;
        double reach = 0;
        for (Primitive p : primitives) {
            reach = Math.max(reach, p.reach());
        }
        this.bound = reach + edge;
    }

    /**
     * The scene {@code opu-dfa data nerf} renders, about the origin, z up, within a radius of 1.1:
     * <ul>
     *   <li>an opaque ball (σ_max 60) of radius 0.42 at (−0.45, −0.3, 0.05), in horizontal bands
     *       of red (0.85, 0.15, 0.1) and yellow (0.95, 0.75, 0.15), k = 12 per unit;</li>
     *   <li>a translucent blue box (σ_max 2.5, so about 83 % opaque through its 0.7 width) with
     *       half-sizes 0.35 and rounded edges of 0.08, at (0.45, 0.25, −0.05), colour (0.15, 0.35, 0.9);</li>
     *   <li>an opaque flat ring (σ_max 40), centre line radius 0.62 and tube radius 0.12, at
     *       (0, 0.05, −0.5), alternating green (0.15, 0.7, 0.3) and white (0.95, 0.95, 0.9) in
     *       6 periods around it;</li>
     *   <li>a faint magenta ball (σ_max 1.5, about 60 % opaque through its middle) of radius 0.3 at
     *       (0.15, −0.45, 0.55), colour (0.85, 0.2, 0.75);</li>
     * </ul>
     * with an edge half-width w = 0.03.
     *
     * @return the default scene
     */
    public static AnalyticVolume defaultScene() {
        return new AnalyticVolume(List.of(
                new Primitive.Sphere(-0.45, -0.3, 0.05, 0.42, 60, new double[] {0.85, 0.15, 0.1},
                        new double[] {0.95, 0.75, 0.15}, 12),
                new Primitive.RoundedBox(0.45, 0.25, -0.05, 0.35, 0.35, 0.35, 0.08, 2.5,
                        new double[] {0.15, 0.35, 0.9}),
                new Primitive.Torus(0, 0.05, -0.5, 0.62, 0.12, 40, new double[] {0.15, 0.7, 0.3},
                        new double[] {0.95, 0.95, 0.9}, 6),
                new Primitive.Sphere(0.15, -0.45, 0.55, 0.3, 1.5, new double[] {0.85, 0.2, 0.75},
                        new double[] {0.85, 0.2, 0.75}, 0)), 0.03);
    }

    /** @return the radius of a ball about the origin outside which the density is zero */
    public double bound() {
        return bound;
    }

    /**
     * @param u the signed depth inside a surface in units of the edge half-width
     * @return 0 for u ≤ −1, 1 for u ≥ 1, the quintic smoothstep of (u + 1)/2 between
     */
    public static double ramp(double u) {
        if (u <= -1) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        double t = 0.5 * (u + 1);
        return t * t * t * (10 + t * (-15 + 6 * t));
    }

    /**
     * @param x point
     * @param y point
     * @param z point
     * @return σ(p)
     */
    public double density(double x, double y, double z) {
        double sum = 0;
        for (Primitive p : primitives) {
            sum += p.peakDensity() * ramp(-p.distance(x, y, z) / edge);
        }
        return sum;
    }

    /**
     * The density and colour at a point, in one pass over the primitives.
     *
     * @param x       point
     * @param y       point
     * @param z       point
     * @param rgb     output, c(p) (left at zero where σ(p) = 0)
     * @param scratch a buffer of 3
     * @return σ(p)
     */
    public double sample(double x, double y, double z, double[] rgb, double[] scratch) {
        double sum = 0;
        rgb[0] = 0;
        rgb[1] = 0;
        rgb[2] = 0;
        for (Primitive p : primitives) {
            double s = p.peakDensity() * ramp(-p.distance(x, y, z) / edge);
            if (s > 0) {
                p.colour(x, y, z, scratch);
                rgb[0] += s * scratch[0];
                rgb[1] += s * scratch[1];
                rgb[2] += s * scratch[2];
                sum += s;
            }
        }
        if (sum > 0) {
            rgb[0] /= sum;
            rgb[1] /= sum;
            rgb[2] /= sum;
        }
        return sum;
    }
}

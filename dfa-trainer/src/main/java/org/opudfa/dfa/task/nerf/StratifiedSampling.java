package org.opudfa.dfa.task.nerf;

/**
 * Where the network is asked along a ray (NeRF's stratified sampling, Mildenhall et al. 2020, §4):
 * the segment {@code [near, far]} of the ray is cut into S bins of equal length
 * {@code δ = (far − near)/S}, and sample i sits at {@code t_i = near + (i + u_i)·δ} in bin i, with
 * {@code u_i} uniform in [0, 1) when training (a fresh draw for every ray and step, so the network
 * sees the whole ray over time) and ½, the bin's middle, when evaluating. Each sample stands for its
 * bin, so its length in the rendering is δ and the lengths of a ray add up to {@code far − near}.
 * Distances are along unit directions, so t is the distance from the camera centre.
 *
 * @param near    where sampling starts, ≥ 0
 * @param far     where it ends, beyond near
 * @param samples S, at least 1
 */
public record StratifiedSampling(double near, double far, int samples) {

    /**
     * Validates.
     *
     * @param near    ≥ 0
     * @param far     &gt; near
     * @param samples ≥ 1
     * @throws IllegalArgumentException if a value is out of range
     */
    public StratifiedSampling {
        if (!(near >= 0) || !(far > near) || Double.isInfinite(far)) {
            throw new IllegalArgumentException("rays are sampled between a near distance of at least 0 and a finite far "
                    + "distance beyond it, got near " + near + " and far " + far);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("a ray needs at least 1 sample, got " + samples);
        }
    }

    /** @return δ, the length of each bin */
    public double binLength() {
        return (far - near) / samples;
    }

    /**
     * Writes the S sample points of one ray, their (repeated) direction, their lengths and their
     * distances along the ray.
     *
     * @param ray        the ray's index in the batch; its samples take rows {@code ray·S … ray·S + S − 1}
     * @param rays       holds the ray's origin then its unit direction, 6 values from {@code at}
     * @param at         where the ray starts in {@code rays}
     * @param jitter     the ray's offsets {@code u_i} in [0, 1), S values, or null for ½ each
     * @param points     output, 3 per sample
     * @param directions output, 3 per sample
     * @param lengths    output, 1 per sample
     * @param distances  output, t_i, 1 per sample
     */
    void fill(int ray, float[] rays, int at, double[] jitter, float[] points, float[] directions, float[] lengths,
              float[] distances) {
        double delta = binLength();
        float ox = rays[at];
        float oy = rays[at + 1];
        float oz = rays[at + 2];
        float dx = rays[at + 3];
        float dy = rays[at + 4];
        float dz = rays[at + 5];
        for (int i = 0; i < samples; i++) {
            int row = ray * samples + i;
            double t = near + (i + (jitter == null ? 0.5 : jitter[i])) * delta;
            points[3 * row] = (float) (ox + t * dx);
            points[3 * row + 1] = (float) (oy + t * dy);
            points[3 * row + 2] = (float) (oz + t * dz);
            directions[3 * row] = dx;
            directions[3 * row + 1] = dy;
            directions[3 * row + 2] = dz;
            lengths[row] = (float) delta;
            distances[row] = (float) t;
        }
    }
}

package org.opudfa.dfa.task.nerf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;

/**
 * NeRF's hierarchical sampling (Mildenhall et al. 2020, §5.2), a module without parameters that
 * places the fine network's sample points where the coarse network sees matter. Inputs, per batch
 * of R rays of S_c coarse samples: the coarse network's raw output (R·S_c × 4) and the coarse
 * samples' lengths δ (R·S_c × 1), which give the rendering weights {@code w_i}
 * ({@link VolumeRendering}); the coarse samples' distances {@code t_i} along their rays (R·S_c × 1,
 * increasing along each ray); the rays (R × 6: origin o, unit direction d); and S_f draws
 * {@code u_j} in [0, 1) per ray (R × S_f). Outputs, N = S_c + S_f rows per ray: the points
 * {@code o + z_k·d} (R·N × 3), their direction d (R·N × 3) and their lengths (R·N × 1).
 *
 * <p>The weights define a piecewise-constant density along the ray over the S_c − 2 bins between
 * the midpoints {@code m_i = (t_i + t_{i+1})/2} of consecutive coarse samples: bin i, from
 * {@code m_i} to {@code m_{i+1}}, has the probability
 * {@code p_i = (w_{i+1} + ε)/Σ_j (w_{j+1} + ε)}, i = 0 … S_c − 3 (the inner weights; ε =
 * {@value #EPSILON} keeps every bin possible). Its cumulative distribution {@code c_0 = 0},
 * {@code c_{i+1} = c_i + p_i} is inverted at each draw: the draw u in bin i
 * ({@code c_i ≤ u < c_{i+1}}) gives the distance {@code m_i + (u − c_i)/p_i·(m_{i+1} − m_i)}
 * (inverse transform sampling). The S_f fine distances and the S_c coarse ones, sorted together,
 * are the distances {@code z_k} of the fine network's samples. Each stands for the interval
 * between the midpoints to its neighbours, the first starting at near and the last ending at far:
 * {@code δ_k = b_{k+1} − b_k} with {@code b_0 = near}, {@code b_k = (z_{k−1} + z_k)/2},
 * {@code b_N = far}, so the lengths of a ray add up to {@code far − near}, as those of the
 * stratified samples do.
 *
 * <p>No gradient flows through the sampling (NeRF's stop-gradient): backward passes nothing to
 * any input, so the coarse network learns from its own rendering only.
 */
public final class HierarchicalSampling implements Module {

    /** ε, added to every bin's weight so that no bin has probability 0. */
    public static final double EPSILON = 1e-5;

    private final String name;
    private final StratifiedSampling coarse;
    private final int fineSamples;

    /**
     * @param name        the module's name
     * @param coarse      the coarse sampling (its near, far and S_c, at least 3)
     * @param fineSamples S_f, at least 1
     * @throws IllegalArgumentException if S_c is below 3 or S_f below 1
     */
    public HierarchicalSampling(String name, StratifiedSampling coarse, int fineSamples) {
        this.name = Objects.requireNonNull(name, "name");
        this.coarse = Objects.requireNonNull(coarse, "coarse");
        if (coarse.samples() < 3) {
            throw new IllegalArgumentException("hierarchical sampling needs at least 3 coarse samples per ray (the fine "
                    + "samples are drawn between the midpoints of the coarse ones, by the inner weights), got "
                    + coarse.samples());
        }
        if (fineSamples < 1) {
            throw new IllegalArgumentException("hierarchical sampling needs at least 1 fine sample per ray, got "
                    + fineSamples);
        }
        this.fineSamples = fineSamples;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return S_f, the fine samples per ray */
    public int fineSamples() {
        return fineSamples;
    }

    /** @return N = S_c + S_f, the fine network's samples per ray */
    public int samples() {
        return coarse.samples() + fineSamples;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        int[] expected = {VolumeRendering.RAW_WIDTH, 1, 1, RayBatches.RAY_WIDTH, fineSamples};
        if (!Arrays.equals(inputWidths, expected)) {
            throw new IllegalArgumentException("hierarchical sampling '" + name + "' takes the coarse raw output (4 "
                    + "columns), the coarse lengths and distances (1 each), the rays (6) and " + fineSamples
                    + " draws per ray, got widths " + Arrays.toString(inputWidths));
        }
        return new int[] {3, 3, 1};
    }

    @Override
    public Call newCall() {
        return new SamplingCall();
    }

    @Override
    public String toString() {
        return "HierarchicalSampling(" + name + ", " + coarse.samples() + " + " + fineSamples + " samples per ray)";
    }

    /**
     * The sorted distances of one ray's fine network samples, from its coarse samples and weights.
     *
     * @param t       the coarse distances, S_c increasing values
     * @param w       the coarse rendering weights, S_c values
     * @param u       the draws, S_f values in [0, 1]
     * @param cdf     scratch, at least S_c − 1 values
     * @param z       output: the N = S_c + S_f distances, increasing
     * @param lengths output: their lengths, N values adding up to far − near
     */
    void distances(double[] t, double[] w, double[] u, double[] cdf, double[] z, double[] lengths) {
        int sc = coarse.samples();
        int bins = sc - 2;
        double total = 0;
        for (int i = 0; i < bins; i++) {
            total += w[i + 1] + EPSILON;
        }
        cdf[0] = 0;
        for (int i = 0; i < bins; i++) {
            cdf[i + 1] = cdf[i] + (w[i + 1] + EPSILON) / total;
        }
        cdf[bins] = 1;
        // the fine distances, after the coarse ones in z, then all sorted together
        for (int j = 0; j < fineSamples; j++) {
            double draw = u[j];
            int i = 0;
            while (i < bins - 1 && draw >= cdf[i + 1]) {
                i++;
            }
            double lo = 0.5 * (t[i] + t[i + 1]);
            double hi = 0.5 * (t[i + 1] + t[i + 2]);
            double p = cdf[i + 1] - cdf[i];
            double fraction = Math.min(1, Math.max(0, (draw - cdf[i]) / p));
            z[sc + j] = lo + fraction * (hi - lo);
        }
        System.arraycopy(t, 0, z, 0, sc);
        int n = sc + fineSamples;
        Arrays.sort(z, 0, n);
        double start = coarse.near();
        for (int k = 0; k < n; k++) {
            double end = k == n - 1 ? coarse.far() : 0.5 * (z[k] + z[k + 1]);
            lengths[k] = end - start;
            start = end;
        }
    }

    /** One application: reused buffers, and nothing to go back through. */
    private final class SamplingCall implements Call {
        private final FMatrixRMaj points = new FMatrixRMaj(1, 3);
        private final FMatrixRMaj directions = new FMatrixRMaj(1, 3);
        private final FMatrixRMaj lengths = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] outputs = {points, directions, lengths};
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[5];
        private final double[] t = new double[coarse.samples()];
        private final double[] w = new double[coarse.samples()];
        private final double[] behind = new double[coarse.samples()];
        private final double[] u = new double[fineSamples];
        private final double[] cdf = new double[coarse.samples()];
        private final double[] z = new double[samples()];
        private final double[] delta = new double[samples()];

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            FMatrixRMaj raw = inputs[0];
            FMatrixRMaj coarseLengths = inputs[1];
            FMatrixRMaj distances = inputs[2];
            FMatrixRMaj rays = inputs[3];
            FMatrixRMaj draws = inputs[4];
            int sc = coarse.samples();
            int n = samples();
            int count = rays.numRows;
            if (raw.numRows != count * sc || coarseLengths.numRows != raw.numRows || distances.numRows != raw.numRows
                    || draws.numRows != count) {
                throw new IllegalArgumentException("hierarchical sampling '" + name + "' needs " + sc + " coarse rows "
                        + "and 1 row of draws per ray, got " + raw.numRows + " raw, " + coarseLengths.numRows
                        + " length, " + distances.numRows + " distance and " + draws.numRows + " draw rows for "
                        + count + " rays");
            }
            points.reshape(count * n, 3);
            directions.reshape(count * n, 3);
            lengths.reshape(count * n, 1);
            float[] p = points.data;
            float[] d = directions.data;
            float[] l = lengths.data;
            for (int r = 0; r < count; r++) {
                VolumeRendering.weights(raw.data, coarseLengths.data, r * sc, sc, w, behind);
                for (int i = 0; i < sc; i++) {
                    t[i] = distances.data[r * sc + i];
                }
                for (int j = 0; j < fineSamples; j++) {
                    u[j] = draws.data[r * fineSamples + j];
                }
                distances(t, w, u, cdf, z, delta);
                int at = r * RayBatches.RAY_WIDTH;
                float ox = rays.data[at];
                float oy = rays.data[at + 1];
                float oz = rays.data[at + 2];
                float dx = rays.data[at + 3];
                float dy = rays.data[at + 4];
                float dz = rays.data[at + 5];
                for (int k = 0; k < n; k++) {
                    int row = r * n + k;
                    p[3 * row] = (float) (ox + z[k] * dx);
                    p[3 * row + 1] = (float) (oy + z[k] * dy);
                    p[3 * row + 2] = (float) (oz + z[k] * dz);
                    d[3 * row] = dx;
                    d[3 * row + 1] = dy;
                    d[3 * row + 2] = dz;
                    l[row] = (float) delta[k];
                }
            }
            return outputs;
        }

        /** Passes nothing down: the sampling is not differentiated (stop-gradient). */
        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            Arrays.fill(gradInputs, null);
            return gradInputs;
        }
    }
}

package org.opudfa.dfa.task.nerf;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Call;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Module;
import org.opudfa.dfa.nn.Parameter;

/**
 * NeRF's differentiable volume rendering, a module without parameters whose output rows are rays
 * while its input rows are the sample points along them. Inputs: the network's raw output at each
 * sample point, {@code (r, g, b, σ̃)} (rays·S × 4, the S samples of a ray on consecutive rows in
 * order of distance), and the length of ray each sample stands for, {@code δ} (rays·S × 1).
 * Output: each ray's colour (rays × 3). With {@code c_i = sigmoid(r, g, b)} and
 * {@code σ_i = max(σ̃_i, 0)},
 * <pre>
 *   τ_i = σ_i·δ_i,   α_i = 1 − e^{−τ_i},   T_i = e^{−Σ_{j&lt;i} τ_j},   w_i = T_i·α_i,
 *   C = Σ_i w_i·c_i + T_S·b
 * </pre>
 * where b is the background ({@link Background}) and {@code T_S = 1 − Σ w_i} the light that
 * crosses the whole ray. For a constant density σ over a ray of length {@code L = Σ δ_i} the
 * opacity {@code Σ w_i} is exactly {@code 1 − e^{−σL}}.
 *
 * <p>Backward, for the output gradient g of a ray: {@code ∂C/∂c_i = w_i} and
 * {@code ∂C/∂τ_i = T_{i+1}·c_i − (Σ_{k>i} w_k c_k + T_S·b)} (the colour the sample lets through
 * minus what lies behind it), so {@code ∂σ̃_i = [σ̃_i > 0]·δ_i·⟨g, ∂C/∂τ_i⟩},
 * {@code ∂(r,g,b)_i = g·w_i·c_i(1 − c_i)} and {@code ∂δ_i = σ_i·⟨g, ∂C/∂τ_i⟩}, one pass from the
 * back of the ray.
 *
 * <p>Under Direct Feedback Alignment the raw output is the error point: its true gradient, from
 * this module's backward, is the error e, one row per sample point (DESIGN §7).
 */
public final class VolumeRendering implements Module {

    /** Columns of the raw input: red, green, blue (before the sigmoid) and density (before the ReLU). */
    public static final int RAW_WIDTH = 4;

    private final String name;
    private final int samples;
    private final Background background;

    /**
     * @param name       the module's name
     * @param samples    S, the sample points per ray, at least 1
     * @param background the colour behind the scene
     * @throws IllegalArgumentException if S is below 1
     */
    public VolumeRendering(String name, int samples, Background background) {
        this.name = Objects.requireNonNull(name, "name");
        if (samples < 1) {
            throw new IllegalArgumentException("volume rendering needs at least 1 sample per ray, got " + samples);
        }
        this.samples = samples;
        this.background = Objects.requireNonNull(background, "background");
    }

    @Override
    public String name() {
        return name;
    }

    /** @return S, the sample points per ray */
    public int samples() {
        return samples;
    }

    /** @return the background */
    public Background background() {
        return background;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public int[] outputWidths(int[] inputWidths) {
        if (inputWidths.length != 2 || inputWidths[0] != RAW_WIDTH || inputWidths[1] != 1) {
            throw new IllegalArgumentException("volume rendering '" + name + "' takes the raw output (4 columns: r, g, "
                    + "b, σ) and the sample lengths (1 column), got widths " + java.util.Arrays.toString(inputWidths));
        }
        return new int[] {3};
    }

    @Override
    public Call newCall() {
        return new RenderingCall();
    }

    @Override
    public String toString() {
        return "VolumeRendering(" + name + ", " + samples + " samples per ray, " + background + " background)";
    }

    /** One application: the colours, weights and transmittances of the last forward pass. */
    private final class RenderingCall implements Call {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 3);
        private final FMatrixRMaj[] outputs = {output};
        private final FMatrixRMaj gradRaw = new FMatrixRMaj(1, RAW_WIDTH);
        private final FMatrixRMaj gradDelta = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[2];
        /** sigmoid colours, rows·3 */
        private float[] colours = new float[0];
        /** w_i per sample */
        private float[] weights = new float[0];
        /** T_{i+1}, the transmittance just behind each sample */
        private float[] behind = new float[0];
        /** one ray's w_i and T_{i+1}, in double */
        private final double[] rayWeights = new double[samples];
        private final double[] rayBehind = new double[samples];
        private FMatrixRMaj raw;
        private FMatrixRMaj deltas;

        @Override
        public FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
            raw = inputs[0];
            deltas = inputs[1];
            int rows = raw.numRows;
            if (raw.numCols != RAW_WIDTH || deltas.numCols != 1 || deltas.numRows != rows) {
                throw new IllegalArgumentException("volume rendering '" + name + "' needs raw outputs of 4 columns and "
                        + "one sample length per row, got " + raw.numRows + "×" + raw.numCols + " and " + deltas.numRows
                        + "×" + deltas.numCols);
            }
            if (rows % samples != 0) {
                throw new IllegalArgumentException("volume rendering '" + name + "' got " + rows + " sample points, not a "
                        + "whole number of rays of " + samples + " samples");
            }
            int rays = rows / samples;
            if (weights.length < rows) {
                colours = new float[3 * rows];
                weights = new float[rows];
                behind = new float[rows];
            }
            output.reshape(rays, 3);
            float[] x = raw.data;
            float[] dl = deltas.data;
            float[] y = output.data;
            double bg = background.level();
            for (int r = 0; r < rays; r++) {
                double t = weights(x, dl, r * samples, samples, rayWeights, rayBehind);
                double cr = 0;
                double cg = 0;
                double cb = 0;
                for (int i = r * samples; i < (r + 1) * samples; i++) {
                    int at = RAW_WIDTH * i;
                    double w = rayWeights[i - r * samples];
                    float red = sigmoid(x[at]);
                    float green = sigmoid(x[at + 1]);
                    float blue = sigmoid(x[at + 2]);
                    colours[3 * i] = red;
                    colours[3 * i + 1] = green;
                    colours[3 * i + 2] = blue;
                    cr += w * red;
                    cg += w * green;
                    cb += w * blue;
                    weights[i] = (float) w;
                    behind[i] = (float) rayBehind[i - r * samples];
                }
                y[3 * r] = (float) (cr + t * bg);
                y[3 * r + 1] = (float) (cg + t * bg);
                y[3 * r + 2] = (float) (cb + t * bg);
            }
            return outputs;
        }

        @Override
        public FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
            if (raw == null) {
                throw new IllegalStateException("volume rendering '" + name + "' has no forward pass to go back through");
            }
            FMatrixRMaj g = gradOutputs[0];
            int rows = raw.numRows;
            int rays = rows / samples;
            if (g.numRows != rays || g.numCols != 3) {
                throw new IllegalArgumentException("output gradient of volume rendering '" + name + "' must be " + rays
                        + "×3, got " + g.numRows + "×" + g.numCols);
            }
            gradInputs[0] = null;
            gradInputs[1] = null;
            boolean wantRaw = needInput[0];
            boolean wantDelta = needInput[1];
            if (wantRaw) {
                gradRaw.reshape(rows, RAW_WIDTH);
                gradInputs[0] = gradRaw;
            }
            if (wantDelta) {
                gradDelta.reshape(rows, 1);
                gradInputs[1] = gradDelta;
            }
            float[] x = raw.data;
            float[] dl = deltas.data;
            float[] gr = gradRaw.data;
            float[] gd = gradDelta.data;
            double bg = background.level();
            for (int r = 0; r < rays; r++) {
                double g0 = g.data[3 * r];
                double g1 = g.data[3 * r + 1];
                double g2 = g.data[3 * r + 2];
                int last = (r + 1) * samples - 1;
                double transmitted = behind[last];
                // ⟨g, colour behind sample i⟩, starting with the background alone
                double behindColour = transmitted * bg * (g0 + g1 + g2);
                for (int i = last; i >= r * samples; i--) {
                    double c0 = colours[3 * i];
                    double c1 = colours[3 * i + 1];
                    double c2 = colours[3 * i + 2];
                    double w = weights[i];
                    double gc = g0 * c0 + g1 * c1 + g2 * c2;
                    double dTau = behind[i] * gc - behindColour;
                    behindColour += w * gc;
                    double sigma = Math.max(x[RAW_WIDTH * i + 3], 0f);
                    if (wantRaw) {
                        int at = RAW_WIDTH * i;
                        gr[at] = (float) (g0 * w * c0 * (1 - c0));
                        gr[at + 1] = (float) (g1 * w * c1 * (1 - c1));
                        gr[at + 2] = (float) (g2 * w * c2 * (1 - c2));
                        gr[at + 3] = x[at + 3] > 0f ? (float) (dTau * dl[i]) : 0f;
                    }
                    if (wantDelta) {
                        gd[i] = (float) (dTau * sigma);
                    }
                }
            }
            return gradInputs;
        }
    }

    /**
     * The rendering weights of one ray's samples: with {@code σ_i = max(σ̃_i, 0)} and
     * {@code τ_i = σ_i·δ_i}, {@code w_i = T_i·(1 − e^{−τ_i})} and {@code T_{i+1} = T_i·e^{−τ_i}},
     * from {@code T_0 = 1}.
     *
     * @param raw     raw outputs, 4 per sample point (σ̃ the fourth)
     * @param lengths δ, 1 per sample point
     * @param first   the ray's first sample point
     * @param count   its number of sample points
     * @param weights output: w_i for i = 0 … count − 1
     * @param behind  output: T_{i+1}, the transmittance just behind sample i
     * @return {@code T_S}, the light that crosses the whole ray
     */
    static double weights(float[] raw, float[] lengths, int first, int count, double[] weights, double[] behind) {
        double t = 1;
        for (int k = 0; k < count; k++) {
            int i = first + k;
            double sigma = Math.max(raw[RAW_WIDTH * i + 3], 0f);
            double through = Math.exp(-sigma * lengths[i]);
            weights[k] = t * (1 - through);
            t *= through;
            behind[k] = t;
        }
        return t;
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}

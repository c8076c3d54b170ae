package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.dfa.nn.UnaryCall;
import org.opudfa.dfa.nn.UnaryModule;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;

/**
 * The attention of a graph attention layer (Veličković et al. 2018), after a {@link Projection}
 * to H heads of C channels: the input row {@code z_j = [z_j^1 | … | z_j^H]} of each node j. For
 * each head h and each node i with neighbourhood {@code N(i)} (read from the batch as the pattern
 * of a sparse matrix whose row i lists N(i), normally with i itself:
 * {@link GraphOperators#neighbourhoods}):
 * <pre>
 *   s_ij = a_srcʰ·z_jʰ + a_dstʰ·z_iʰ,   e_ij = LeakyReLU(s_ij) (slope 0.2 below 0),
 *   α_ij = exp(e_ij) / Σ_{k∈N(i)} exp(e_ik),   y_iʰ = Σ_{j∈N(i)} α̃_ij·z_jʰ
 * </pre>
 * with {@code α̃ = α·m} under attention dropout (mask {@code m ∈ {0, 1/(1−p)}} per edge and head
 * during training), and the heads concatenated ({@code y_i = [y_i^1 | … | y_i^H] + b}, width H·C)
 * or averaged ({@code y_i = (1/H)·Σ_h y_iʰ + b}, width C). Parameters: the attention vectors
 * {@code a_src}, {@code a_dst} (H × C, Glorot-uniform) and the bias b (zero), as PyTorch
 * Geometric's {@code GATConv}.
 *
 * <p>Backward, for {@code G = ∂L/∂y}, per head with {@code g_i} the head's part of {@code G_i}
 * (divided by H when averaging): {@code ∂α_ij = m_ij·(g_i·z_j)},
 * {@code ∂e_ij = α_ij·(∂α_ij − Σ_k α_ik·∂α_ik)}, {@code ∂s_ij = ∂e_ij·(1 if s_ij > 0 else 0.2)};
 * then {@code ∂z_j += α̃_ij·g_i + ∂s_ij·a_src}, {@code ∂z_i += ∂s_ij·a_dst},
 * {@code ∂a_src += ∂s_ij·z_j}, {@code ∂a_dst += ∂s_ij·z_i}, {@code ∂b += Σ_i G_i}.
 */
public final class GraphAttention extends UnaryModule {

    /** The slope of the LeakyReLU below zero, as in the paper. */
    public static final float NEGATIVE_SLOPE = 0.2f;

    private final int heads;
    private final int channels;
    private final boolean concat;
    private final Feed.Key<CsrMatrix> neighbourhoods;
    private final float dropout;
    private final float keepScale;
    private final RestorableUniformRandomProvider dropoutRng;
    private final Parameter attSource;
    private final Parameter attTarget;
    private final Parameter bias;
    private final int outputWidth;

    /**
     * @param name           prefix of the parameter names ({@code name.attSource}, {@code name.attTarget},
     *                       {@code name.bias})
     * @param neighbourhoods where the batch holds the neighbourhoods (row i lists N(i))
     * @param heads          H, at least 1
     * @param channels       C, at least 1
     * @param concat         whether heads are concatenated (else averaged)
     * @param dropout        attention dropout probability during training, in [0, 1)
     * @param dropoutRng     the stream the masks are drawn from (one {@code nextFloat()} per edge and
     *                       head, row by row, edge by edge, heads innermost); may be null without dropout
     * @param init           the stream the attention vectors are drawn from
     */
    public GraphAttention(String name, Feed.Key<CsrMatrix> neighbourhoods, int heads, int channels, boolean concat,
                          double dropout, RestorableUniformRandomProvider dropoutRng, UniformRandomProvider init) {
        super(name);
        this.neighbourhoods = Objects.requireNonNull(neighbourhoods, "neighbourhoods");
        this.heads = MatrixChecks.requirePositive("attention heads of '" + name + "'", heads);
        this.channels = MatrixChecks.requirePositive("attention channels of '" + name + "'", channels);
        this.concat = concat;
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("attention dropout probability of '" + name + "' must be in [0, 1), got "
                    + dropout);
        }
        if (dropout > 0) {
            Objects.requireNonNull(dropoutRng, "dropoutRng");
        }
        this.dropout = (float) dropout;
        this.keepScale = (float) (1.0 / (1.0 - dropout));
        this.dropoutRng = dropoutRng;
        double bound = Projection.glorotBound(heads, channels);
        this.attSource = new Parameter(name + ".attSource", uniform(heads, channels, bound, init));
        this.attTarget = new Parameter(name + ".attTarget", uniform(heads, channels, bound, init));
        this.outputWidth = concat ? heads * channels : channels;
        this.bias = new Parameter(name + ".bias", new FMatrixRMaj(1, outputWidth));
    }

    private static FMatrixRMaj uniform(int rows, int cols, double bound, UniformRandomProvider rng) {
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (bound * (2.0 * rng.nextDouble() - 1.0));
        }
        return m;
    }

    /** @return a_src, H × C (applied to the neighbour j) */
    public Parameter attSource() {
        return attSource;
    }

    /** @return a_dst, H × C (applied to the node i that attends) */
    public Parameter attTarget() {
        return attTarget;
    }

    /** @return the bias, 1 × output width */
    public Parameter bias() {
        return bias;
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != heads * channels) {
            throw new IllegalArgumentException("graph attention '" + name() + "' takes " + heads + " heads of "
                    + channels + " channels (" + heads * channels + " columns), got " + inputWidth);
        }
        return outputWidth;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(attSource, attTarget, bias);
    }

    /** @return the mask stream, under the module's name and {@code .attention_dropout}; none without dropout */
    @Override
    public Map<String, RestorableUniformRandomProvider> randomStreams() {
        return dropout > 0f ? Map.of(name() + ".attention_dropout", dropoutRng) : Map.of();
    }

    @Override
    public UnaryCall newCall() {
        return new AttentionCall();
    }

    /** One application: per edge and head the scores, coefficients and masks of the last pass. */
    private final class AttentionCall extends UnaryCall {
        private final FMatrixRMaj output = new FMatrixRMaj(1, 1);
        private final FMatrixRMaj gradInput = new FMatrixRMaj(1, 1);
        private float[] alphaSource = new float[0];
        private float[] alphaTarget = new float[0];
        private float[] gradAlphaSource = new float[0];
        private float[] gradAlphaTarget = new float[0];
        private float[] score = new float[0];
        private float[] coefficient = new float[0];
        private float[] mask = new float[0];
        private float[] gradCoefficient = new float[0];
        private final float[] rowMax = new float[heads];
        private final double[] rowSum = new double[heads];
        private final double[] rowWeighted = new double[heads];
        private boolean masked;
        private CsrMatrix graph;
        private FMatrixRMaj input;

        @Override
        protected FMatrixRMaj forward(FMatrixRMaj z, Feed feed, boolean training) {
            CsrMatrix nb = feed.get(neighbourhoods);
            int width = heads * channels;
            if (z.numCols != width) {
                MatrixChecks.requireCols("input of graph attention '" + name() + "'", z, width);
            }
            if (nb.rows() != z.numRows || nb.cols() != z.numRows) {
                throw new IllegalArgumentException("graph attention '" + name() + "' needs the neighbourhoods of the "
                        + z.numRows + " nodes of its input, got a " + nb.rows() + "×" + nb.cols() + " matrix");
            }
            graph = nb;
            input = z;
            int n = z.numRows;
            int edges = nb.nonZeros();
            alphaSource = ensure(alphaSource, n * heads);
            alphaTarget = ensure(alphaTarget, n * heads);
            score = ensure(score, edges * heads);
            coefficient = ensure(coefficient, edges * heads);
            masked = training && dropout > 0f;
            if (masked) {
                mask = ensure(mask, edges * heads);
            }
            float[] zd = z.data;
            float[] as = attSource.value().data;
            float[] at = attTarget.value().data;
            for (int i = 0; i < n; i++) {
                for (int h = 0; h < heads; h++) {
                    float src = 0f;
                    float dst = 0f;
                    int base = i * width + h * channels;
                    for (int c = 0; c < channels; c++) {
                        src += zd[base + c] * as[h * channels + c];
                        dst += zd[base + c] * at[h * channels + c];
                    }
                    alphaSource[i * heads + h] = src;
                    alphaTarget[i * heads + h] = dst;
                }
            }
            output.reshape(n, outputWidth);
            float[] y = output.data;
            float[] b = bias.value().data;
            int[] start = nb.rowStart();
            int[] cols = nb.columns();
            float headScale = concat ? 1f : 1f / heads;
            float[] max = rowMax;
            double[] sum = rowSum;
            // edge-major, heads innermost: the scores and coefficients of an edge are contiguous
            for (int i = 0; i < n; i++) {
                int out = i * outputWidth;
                System.arraycopy(b, 0, y, out, outputWidth);
                int first = start[i];
                int last = start[i + 1];
                if (first == last) {
                    continue;
                }
                java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
                java.util.Arrays.fill(sum, 0.0);
                int target = i * heads;
                for (int e = first; e < last; e++) {
                    int source = cols[e] * heads;
                    int k = e * heads;
                    for (int h = 0; h < heads; h++) {
                        float sc = alphaSource[source + h] + alphaTarget[target + h];
                        score[k + h] = sc;
                        float lr = sc > 0f ? sc : NEGATIVE_SLOPE * sc;
                        coefficient[k + h] = lr;
                        if (lr > max[h]) {
                            max[h] = lr;
                        }
                    }
                }
                for (int e = first; e < last; e++) {
                    int k = e * heads;
                    for (int h = 0; h < heads; h++) {
                        float x = (float) Math.exp(coefficient[k + h] - max[h]);
                        coefficient[k + h] = x;
                        sum[h] += x;
                    }
                }
                for (int e = first; e < last; e++) {
                    int k = e * heads;
                    int zRow = cols[e] * width;
                    for (int h = 0; h < heads; h++) {
                        float a = (float) (coefficient[k + h] / sum[h]);
                        coefficient[k + h] = a;
                        if (masked) {
                            float m = dropoutRng.nextFloat() < dropout ? 0f : keepScale;
                            mask[k + h] = m;
                            a *= m;
                        }
                        a *= headScale;
                        int zBase = zRow + h * channels;
                        int yBase = out + (concat ? h * channels : 0);
                        for (int c = 0; c < channels; c++) {
                            y[yBase + c] += a * zd[zBase + c];
                        }
                    }
                }
            }
            return output;
        }

        @Override
        protected FMatrixRMaj backward(FMatrixRMaj g, boolean needInput) {
            if (graph == null) {
                throw new IllegalStateException("graph attention '" + name() + "' has no forward pass to go back through");
            }
            int n = input.numRows;
            int width = heads * channels;
            if (g.numRows != n || g.numCols != outputWidth) {
                MatrixChecks.requireShape("output gradient of graph attention '" + name() + "'", g, n, outputWidth);
            }
            float[] gb = bias.grad().data;
            float[] gd = g.data;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < outputWidth; j++) {
                    gb[j] += gd[i * outputWidth + j];
                }
            }
            int edges = graph.nonZeros();
            gradAlphaSource = ensure(gradAlphaSource, n * heads);
            gradAlphaTarget = ensure(gradAlphaTarget, n * heads);
            gradCoefficient = ensure(gradCoefficient, edges * heads);
            Arrays.fill(gradAlphaSource, 0, n * heads, 0f);
            Arrays.fill(gradAlphaTarget, 0, n * heads, 0f);
            float[] gz = null;
            if (needInput) {
                gradInput.reshape(n, width);
                gz = gradInput.data;
                Arrays.fill(gz, 0, n * width, 0f);
            }
            float[] zd = input.data;
            int[] start = graph.rowStart();
            int[] cols = graph.columns();
            float headScale = concat ? 1f : 1f / heads;
            double[] weighted = rowWeighted;
            for (int i = 0; i < n; i++) {
                int first = start[i];
                int last = start[i + 1];
                java.util.Arrays.fill(weighted, 0.0);
                int gRow = i * outputWidth;
                for (int e = first; e < last; e++) {
                    int k = e * heads;
                    int zRow = cols[e] * width;
                    for (int h = 0; h < heads; h++) {
                        int gBase = gRow + (concat ? h * channels : 0);
                        int zBase = zRow + h * channels;
                        float dot = 0f;
                        for (int c = 0; c < channels; c++) {
                            dot += gd[gBase + c] * zd[zBase + c];
                        }
                        float m = masked ? mask[k + h] : 1f;
                        float dCoefficient = headScale * dot * m;
                        gradCoefficient[k + h] = dCoefficient;
                        weighted[h] += (double) coefficient[k + h] * dCoefficient;
                        if (gz != null) {
                            float a = headScale * coefficient[k + h] * m;
                            for (int c = 0; c < channels; c++) {
                                gz[zBase + c] += a * gd[gBase + c];
                            }
                        }
                    }
                }
                int target = i * heads;
                for (int e = first; e < last; e++) {
                    int k = e * heads;
                    int source = cols[e] * heads;
                    for (int h = 0; h < heads; h++) {
                        float dScore = (float) (coefficient[k + h] * (gradCoefficient[k + h] - weighted[h]));
                        if (score[k + h] <= 0f) {
                            dScore *= NEGATIVE_SLOPE;
                        }
                        gradAlphaSource[source + h] += dScore;
                        gradAlphaTarget[target + h] += dScore;
                    }
                }
            }
            float[] as = attSource.value().data;
            float[] at = attTarget.value().data;
            float[] gas = attSource.grad().data;
            float[] gat = attTarget.grad().data;
            for (int j = 0; j < n; j++) {
                for (int h = 0; h < heads; h++) {
                    float ds = gradAlphaSource[j * heads + h];
                    float dt = gradAlphaTarget[j * heads + h];
                    int zBase = j * width + h * channels;
                    for (int c = 0; c < channels; c++) {
                        gas[h * channels + c] += ds * zd[zBase + c];
                        gat[h * channels + c] += dt * zd[zBase + c];
                        if (gz != null) {
                            gz[zBase + c] += ds * as[h * channels + c] + dt * at[h * channels + c];
                        }
                    }
                }
            }
            return needInput ? gradInput : null;
        }
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }
}

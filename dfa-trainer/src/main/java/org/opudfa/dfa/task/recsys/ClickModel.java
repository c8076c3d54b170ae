package org.opudfa.dfa.task.recsys;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.opudfa.opu.rng.SplitMix64;

/**
 * The latent click model generated logs are drawn from, so that each record's true click
 * probability, and hence the Bayes-optimal AUC, is known. Every field holds a token: an integer
 * field's log² bin ({@link ClickLogFormat#bin}, capped at {@link #MAX_BIN}), a categorical field's
 * value, or "missing". Each token t of field f has a bias {@code β_f(t) ~ N(0, σ_β²)}, a latent
 * vector {@code u_f(t) ~ N(0, σ_u²·I_K)} and two scalars {@code q_f(t), q'_f(t) ~ N(0, 1/F)}; each
 * pair of fields interacts or not ({@code r_fg ∈ {0, 1}}, interacting with probability
 * {@link #PAIR_DENSITY}). A record's logit is
 * <pre>
 *   z = b₀ + Σ_f β_f(t_f) + Σ_{f&lt;g} r_fg·⟨u_f(t_f), u_g(t_g)⟩ + c·tanh(2·s)·s',
 *   s = Σ_f q_f(t_f),  s' = Σ_f q'_f(t_f),
 * </pre>
 * per-value biases, pairwise interactions through latent vectors (a field-weighted factorization
 * machine, which a plain FM can only approximate), and a nonlinear term of two random sums of the
 * tokens that no model of degree two captures; the click is drawn with probability
 * {@code σ(z)}. {@code b₀} is set so that the mean click rate is the one asked for.
 *
 * <p>Tokens: integer field f's count is {@code ⌊exp(N(μ_f, σ_f²))⌋ − 1} (from −1, as Criteo's) with
 * {@code μ_f ~ U[0.5, 4]}, {@code σ_f ~ U[0.8, 2]}; categorical field f has
 * {@code C_f = ⌊exp(U[ln 3, ln C_max])⌋} values drawn with power-law (Zipf) frequencies,
 * {@code P(rank k) ∝ k^{−a_f}}, {@code a_f ~ U[0.9, 1.3]}; each field is missing with probability
 * {@code p_f}, which is 0 for about half the fields and {@code U[0, 0.45]} for the others. Every
 * parameter is drawn from the generator passed in, in a fixed order, so a seed fixes the model.
 */
public final class ClickModel {

    /** Latent dimension K of the pairwise interactions. */
    public static final int LATENT = 4;
    /** Largest integer bin with its own parameters (larger bins share it). */
    public static final int MAX_BIN = 300;
    /** Fraction of field pairs that interact. */
    public static final double PAIR_DENSITY = 0.3;
    /** σ_β, the spread of per-value biases. */
    public static final double BIAS_SPREAD = 0.14;
    /** σ_u, the spread of latent vectors. */
    public static final double LATENT_SPREAD = 0.19;
    /**
     * c, the weight of the nonlinear term. With s and s' standard normal and the rest of the logit
     * a normal of the same spread as here, replacing the term by its best product {@code a·s·s'}
     * (which a factorization machine can fit) costs the Bayes-optimal scorer about 0.012 of AUC at
     * c = 2, against 0.004 at the former 0.8: too little then for an MLP beside the factorization
     * machine to matter.
     */
    public static final double NONLINEAR_WEIGHT = 2.0;
    /** The largest weight of the nonlinear term a model takes. */
    public static final double MAX_NONLINEAR_WEIGHT = 100.0;
    /**
     * The version of this model's definition (its formula and constants). Cached generated logs
     * ({@link ClickLogGenerator#cached}) are reused only by the same version: raise it whenever
     * the model changes, so that a log drawn from another model is never taken for this one's.
     */
    public static final int VERSION = 2;

    private static final int F = ClickLogFormat.FIELDS;

    private final int[] tokens = new int[F];
    private final double[] missing = new double[F];
    private final double[] mu = new double[ClickLogFormat.INTEGER_FIELDS];
    private final double[] sigma = new double[ClickLogFormat.INTEGER_FIELDS];
    private final double[][] cumulative = new double[ClickLogFormat.CATEGORICAL_FIELDS][];
    private final double[][] beta = new double[F][];
    private final double[][] latent = new double[F][];
    private final double[][] q1 = new double[F][];
    private final double[][] q2 = new double[F][];
    private final boolean[][] pairs = new boolean[F][F];
    private final long hashSeed;
    private final double nonlinearity;
    private double offset;

    /**
     * Draws a model with the default weight of the nonlinear term, {@link #NONLINEAR_WEIGHT}.
     *
     * @param maxCardinality C_max, the most values a categorical field may have, at least 3
     * @param clickRate      the mean click probability to calibrate b₀ to, in (0, 1)
     * @param rng            the generator every parameter is drawn from
     * @throws IllegalArgumentException if a value is out of range
     */
    public ClickModel(int maxCardinality, double clickRate, UniformRandomProvider rng) {
        this(maxCardinality, clickRate, NONLINEAR_WEIGHT, rng);
    }

    /**
     * Draws a model. The weight c of the nonlinear term does not change what is drawn: two models
     * of one generator state differ in c only (and in the b₀ that calibrates the click rate).
     *
     * @param maxCardinality C_max, the most values a categorical field may have, at least 3
     * @param clickRate      the mean click probability to calibrate b₀ to, in (0, 1)
     * @param nonlinearity   c, the weight of the nonlinear term, from 0 to {@link #MAX_NONLINEAR_WEIGHT}
     * @param rng            the generator every parameter is drawn from
     * @throws IllegalArgumentException if a value is out of range
     */
    public ClickModel(int maxCardinality, double clickRate, double nonlinearity, UniformRandomProvider rng) {
        if (!(nonlinearity >= 0 && nonlinearity <= MAX_NONLINEAR_WEIGHT)) {
            throw new IllegalArgumentException("the weight of the click model's nonlinear term must be between 0 and "
                    + MAX_NONLINEAR_WEIGHT + ", got " + nonlinearity);
        }
        this.nonlinearity = nonlinearity;
        if (maxCardinality < 3) {
            throw new IllegalArgumentException("the largest number of values of a categorical field must be at least "
                    + "3, got " + maxCardinality);
        }
        if (!(clickRate > 0 && clickRate < 1)) {
            throw new IllegalArgumentException("the click rate must be in (0, 1), got " + clickRate);
        }
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        this.hashSeed = rng.nextLong();
        for (int f = 0; f < F; f++) {
            missing[f] = rng.nextDouble() < 0.5 ? 0 : 0.45 * rng.nextDouble();
            if (f < ClickLogFormat.INTEGER_FIELDS) {
                mu[f] = 0.5 + 3.5 * rng.nextDouble();
                sigma[f] = 0.8 + 1.2 * rng.nextDouble();
                tokens[f] = MAX_BIN + 3; // bins −1 … MAX_BIN, and missing
            } else {
                int c = (int) Math.floor(Math.exp(Math.log(3) + (Math.log(maxCardinality) - Math.log(3))
                        * rng.nextDouble()));
                double a = 0.9 + 0.4 * rng.nextDouble();
                double[] cum = new double[c];
                double total = 0;
                for (int k = 0; k < c; k++) {
                    total += Math.pow(k + 1, -a);
                    cum[k] = total;
                }
                for (int k = 0; k < c; k++) {
                    cum[k] /= total;
                }
                cumulative[f - ClickLogFormat.INTEGER_FIELDS] = cum;
                tokens[f] = c + 1;
            }
        }
        double qSpread = 1.0 / Math.sqrt(F);
        for (int f = 0; f < F; f++) {
            int t = tokens[f];
            beta[f] = new double[t];
            latent[f] = new double[t * LATENT];
            q1[f] = new double[t];
            q2[f] = new double[t];
            for (int i = 0; i < t; i++) {
                beta[f][i] = BIAS_SPREAD * gauss.sample();
                for (int k = 0; k < LATENT; k++) {
                    latent[f][i * LATENT + k] = LATENT_SPREAD * gauss.sample();
                }
                q1[f][i] = qSpread * gauss.sample();
                q2[f][i] = qSpread * gauss.sample();
            }
        }
        for (int f = 0; f < F; f++) {
            for (int g = f + 1; g < F; g++) {
                pairs[f][g] = rng.nextDouble() < PAIR_DENSITY;
            }
        }
        calibrate(clickRate, rng);
    }

    /** Sets b₀ so that the mean of σ(z) over a sample of records is the click rate (bisection). */
    private void calibrate(double clickRate, UniformRandomProvider rng) {
        int n = 20_000;
        double[] z = new double[n];
        Draw draw = new Draw(rng);
        offset = 0;
        for (int i = 0; i < n; i++) {
            sample(draw);
            z[i] = draw.logit;
        }
        double lo = -20;
        double hi = 20;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            double mean = 0;
            for (double v : z) {
                mean += 1 / (1 + Math.exp(-(v + mid)));
            }
            if (mean / n < clickRate) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        offset = 0.5 * (lo + hi);
    }

    /**
     * A drawn record (its tokens, their written values, its logit, probability and label), and the
     * stream records are drawn from.
     */
    public static final class Draw {
        final UniformRandomProvider rng;
        final ZigguratSampler.NormalizedGaussian gauss;
        final int[] token = new int[F];
        final long[] value = new long[F];
        final boolean[] empty = new boolean[F];
        double logit;
        double probability;
        int label;

        /**
         * @param rng the stream records are drawn from
         */
        public Draw(UniformRandomProvider rng) {
            this.rng = rng;
            this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        }

        /** @return the true click probability σ(z) */
        public double probability() {
            return probability;
        }

        /** @return the drawn label, 0 or 1 */
        public int label() {
            return label;
        }
    }

    /**
     * Draws one record.
     *
     * @param draw where to write it, holding the stream to draw from
     */
    public void sample(Draw draw) {
        UniformRandomProvider rng = draw.rng;
        for (int f = 0; f < F; f++) {
            boolean empty = missing[f] > 0 && rng.nextDouble() < missing[f];
            draw.empty[f] = empty;
            if (empty) {
                draw.token[f] = tokens[f] - 1;
                continue;
            }
            if (f < ClickLogFormat.INTEGER_FIELDS) {
                long v = (long) Math.floor(Math.exp(mu[f] + sigma[f] * draw.gauss.sample())) - 1;
                draw.value[f] = v;
                draw.token[f] = (int) Math.min(ClickLogFormat.bin(v), MAX_BIN) + 1; // bins from −1
            } else {
                double[] cum = cumulative[f - ClickLogFormat.INTEGER_FIELDS];
                int k = java.util.Arrays.binarySearch(cum, rng.nextDouble());
                k = k >= 0 ? k : Math.min(-k - 1, cum.length - 1);
                draw.token[f] = k;
                draw.value[f] = categoryHash(f, k);
            }
        }
        double z = offset;
        double s1 = 0;
        double s2 = 0;
        for (int f = 0; f < F; f++) {
            int t = draw.token[f];
            z += beta[f][t];
            s1 += q1[f][t];
            s2 += q2[f][t];
        }
        for (int f = 0; f < F; f++) {
            int a = draw.token[f] * LATENT;
            double[] uf = latent[f];
            for (int g = f + 1; g < F; g++) {
                if (pairs[f][g]) {
                    int b = draw.token[g] * LATENT;
                    double[] ug = latent[g];
                    double dot = 0;
                    for (int k = 0; k < LATENT; k++) {
                        dot += uf[a + k] * ug[b + k];
                    }
                    z += dot;
                }
            }
        }
        z += nonlinearity * Math.tanh(2 * s1) * s2;
        draw.logit = z;
        draw.probability = 1 / (1 + Math.exp(-z));
        draw.label = rng.nextDouble() < draw.probability ? 1 : 0;
    }

    /** The 32-bit hash written for value k of categorical field f. */
    private long categoryHash(int f, int k) {
        return SplitMix64.mix(hashSeed + SplitMix64.GOLDEN_GAMMA * (((long) f << 32) | k)) & 0xffffffffL;
    }

    /**
     * @param field a field index
     * @return the number of distinct tokens of the field, "missing" included
     */
    public int tokens(int field) {
        return tokens[field];
    }

    /** @return b₀, the calibrated offset of the logit */
    public double offset() {
        return offset;
    }
}

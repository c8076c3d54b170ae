package org.opudfa.dfa.data;

import org.ejml.data.FMatrixRMaj;

/**
 * Per-feature standardisation {@code x' = (x − μ_j) / σ_j}, with {@code μ_j} and {@code σ_j}
 * the mean and (population) standard deviation of feature {@code j} over a reference dataset,
 * normally the training set; the same statistics are then applied to validation and test data.
 *
 * <p>Features whose standard deviation is below {@link #MIN_STD} (constant pixels, such as the
 * borders of MNIST digits) are only centred ({@code σ_j} taken as 1), so they stay finite.
 * Statistics are accumulated in double.
 */
public final class FeatureStandardisation {

    /** Standard deviations below this are treated as 1. */
    public static final double MIN_STD = 1e-6;

    private final float[] mean;
    private final float[] std;

    private FeatureStandardisation(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param reference the data whose statistics to use
     * @return the standardisation fitted to {@code reference}
     */
    public static FeatureStandardisation fit(Dataset reference) {
        int n = reference.size();
        int f = reference.featureCount();
        float[] x = reference.rawFeatures();
        double[] sum = new double[f];
        for (int i = 0; i < n; i++) {
            int base = i * f;
            for (int j = 0; j < f; j++) {
                sum[j] += x[base + j];
            }
        }
        double[] mu = new double[f];
        for (int j = 0; j < f; j++) {
            mu[j] = sum[j] / n;
        }
        double[] sq = new double[f];
        for (int i = 0; i < n; i++) {
            int base = i * f;
            for (int j = 0; j < f; j++) {
                double d = x[base + j] - mu[j];
                sq[j] += d * d;
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double s = Math.sqrt(sq[j] / n);
            mean[j] = (float) mu[j];
            std[j] = (float) (s < MIN_STD ? 1.0 : s);
        }
        return new FeatureStandardisation(mean, std);
    }

    /**
     * One mean and one standard deviation over every feature of every sample, applied to all
     * features alike: {@code x' = (x − μ) / σ}. For images this is the usual normalisation by the
     * pixel statistics of the training set; unlike {@link #fit}, it leaves rarely lit pixels at
     * the scale of the others.
     *
     * @param reference the data whose statistics to use
     * @return the standardisation fitted to {@code reference}
     */
    public static FeatureStandardisation fitGlobal(Dataset reference) {
        float[] x = reference.rawFeatures();
        int count = reference.size() * reference.featureCount();
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += x[i];
        }
        double mu = sum / count;
        double sq = 0;
        for (int i = 0; i < count; i++) {
            double d = x[i] - mu;
            sq += d * d;
        }
        double s = Math.sqrt(sq / count);
        float[] mean = new float[reference.featureCount()];
        float[] std = new float[reference.featureCount()];
        java.util.Arrays.fill(mean, (float) mu);
        java.util.Arrays.fill(std, (float) (s < MIN_STD ? 1.0 : s));
        return new FeatureStandardisation(mean, std);
    }

    /** @return a copy of the per-feature means */
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-feature standard deviations used (1 where the feature was constant) */
    public float[] std() {
        return std.clone();
    }

    /**
     * @param data a dataset with the same number of features as the reference
     * @return a new dataset with standardised features, named {@code data.name()}, same labels
     * @throws IllegalArgumentException if the feature counts differ
     */
    public Dataset apply(Dataset data) {
        int f = mean.length;
        if (data.featureCount() != f) {
            throw new IllegalArgumentException("dataset " + data.name() + " must have " + f
                    + " features to be standardised with these statistics, got " + data.featureCount());
        }
        int n = data.size();
        float[] x = data.rawFeatures();
        FMatrixRMaj out = new FMatrixRMaj(n, f);
        float[] o = out.data;
        for (int i = 0; i < n; i++) {
            int base = i * f;
            for (int j = 0; j < f; j++) {
                o[base + j] = (x[base + j] - mean[j]) / std[j];
            }
        }
        return new Dataset(data.name(), out, data.labelsCopy(), data.numClasses(),
                data.source().derived("standardised per feature"));
    }
}

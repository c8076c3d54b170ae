package org.opudfa.opu.device;

/**
 * Tabulated cumulative distribution functions of {@code Poisson(m)} for the whole means
 * {@code m = 0 … 49} that the camera's low-light shot noise needs, with a guide table per mean for
 * inversion in about one comparison (Chen and Asau's method): {@link #sample(int, double)} returns
 * the smallest {@code k} with {@code u <= F_m(k)}, exactly what sequential inversion of the CDF
 * from {@code k = 0} returns, without its {@code e^{−m}} and its {@code m} steps.
 *
 * <p>The CDF is summed in double from {@code P(0) = e^{−m}} by {@code P(k) = P(k−1)·m/k} until it
 * no longer changes; the last entry is set to 1 so that every {@code u < 1} finds its {@code k}
 * (the probability beyond it is below {@code 10⁻¹⁵}). Built once, read-only, shared by all threads.
 */
final class PoissonTables {

    /** Largest whole mean tabulated: shot noise is Poisson only below 50 photo-electrons. */
    static final int MAX_MEAN = (int) Math.ceil(Camera.GAUSSIAN_SHOT_NOISE_ABOVE) - 1;

    private static final double[][] CDF = new double[MAX_MEAN + 1][];
    /** {@code GUIDE[m][g]}: the smallest {@code k} with {@code F_m(k) >= g/G}, {@code G} the table length. */
    private static final int[][] GUIDE = new int[MAX_MEAN + 1][];

    static {
        for (int m = 0; m <= MAX_MEAN; m++) {
            CDF[m] = cdf(m);
            GUIDE[m] = guide(CDF[m]);
        }
    }

    private PoissonTables() {
    }

    /**
     * @param mean {@code m}, a whole mean in {@code [0, MAX_MEAN]}
     * @param u    a uniform draw in {@code [0, 1)}
     * @return the smallest {@code k} with {@code u <= F_m(k)}: a {@code Poisson(m)} sample
     */
    static int sample(int mean, double u) {
        double[] cdf = CDF[mean];
        int k = GUIDE[mean][(int) (u * cdf.length)];
        while (u > cdf[k]) {
            k++;
        }
        return k;
    }

    /** @return {@code F_m(k)} for {@code k} from 0 until the sum stops growing, the last set to 1 */
    private static double[] cdf(int mean) {
        double[] grow = new double[4 * MAX_MEAN + 64];
        double p = Math.exp(-mean);
        double sum = p;
        grow[0] = sum;
        int k = 0;
        while (true) {
            k++;
            p *= (double) mean / k;
            double next = sum + p;
            if (next == sum || k == grow.length - 1) {
                break;
            }
            sum = next;
            grow[k] = sum;
        }
        double[] cdf = java.util.Arrays.copyOf(grow, k);
        cdf[k - 1] = 1.0;
        return cdf;
    }

    /** Chen and Asau's guide table of a CDF with {@code G = cdf.length} cells. */
    private static int[] guide(double[] cdf) {
        int cells = cdf.length;
        int[] guide = new int[cells];
        int k = 0;
        for (int g = 0; g < cells; g++) {
            double start = (double) g / cells;
            while (cdf[k] < start) {
                k++;
            }
            guide[g] = k;
        }
        return guide;
    }
}

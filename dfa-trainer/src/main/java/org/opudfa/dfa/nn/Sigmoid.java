package org.opudfa.dfa.nn;

/** Logistic sigmoid: {@code y = 1/(1 + e^{−x})}, {@code y' = y(1 − y)}. */
public final class Sigmoid extends AbstractActivation {

    /**
     * A sigmoid activation.
     *
     * @param name the module's name
     */
    public Sigmoid(String name) {
        super(name);
    }

    /**
     * Numerically stable logistic function (no overflow of {@code e^{−x}} for large negative x).
     *
     * @param x the argument
     * @return {@code 1/(1 + e^{−x})}
     */
    public static double logistic(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    protected void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) logistic(x[i]);
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            gradX[i] = gradY[i] * y[i] * (1f - y[i]);
        }
    }
}

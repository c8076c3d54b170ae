package org.opudfa.dfa.nn;

/** Hyperbolic tangent: {@code y = tanh(x)}, {@code y' = 1 − y²}. */
public final class Tanh extends AbstractActivation {

    /** A tanh activation. */
    public Tanh() {
    }

    @Override
    protected void apply(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        for (int i = 0; i < n; i++) {
            gradX[i] = gradY[i] * (1f - y[i] * y[i]);
        }
    }
}

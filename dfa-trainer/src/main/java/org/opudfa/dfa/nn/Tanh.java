package org.opudfa.dfa.nn;

/**
 * Hyperbolic tangent: {@code y = tanh(x)}, {@code y' = 1 − y²}; computed in float by
 * {@link FloatTanh} (within 6 ulp of the exact value, and vectorised).
 */
public final class Tanh extends AbstractActivation {

    /**
     * A tanh activation.
     *
     * @param name the module's name
     */
    public Tanh(String name) {
        super(name);
    }

    @Override
    protected void apply(float[] x, float[] y, int from, int to) {
        FloatTanh.tanh(x, y, from, to);
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            gradX[i] = gradY[i] * (1f - y[i] * y[i]);
        }
    }
}

package org.opudfa.dfa.nn;

/**
 * Exponential linear unit (Clevert et al. 2016) with {@code α = 1}: {@code y = x} for
 * {@code x > 0}, else {@code y = eˣ − 1}; {@code y' = 1} for {@code x > 0}, else
 * {@code y' = eˣ = y + 1}. The activation of graph attention networks.
 */
public final class ELU extends AbstractActivation {

    /**
     * An ELU activation.
     *
     * @param name the module's name
     */
    public ELU(String name) {
        super(name);
    }

    @Override
    protected void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : (float) Math.expm1(x[i]);
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            gradX[i] = x[i] > 0f ? gradY[i] : gradY[i] * (y[i] + 1f);
        }
    }
}

package org.opudfa.dfa.nn;

/** Rectified linear unit: {@code y = max(x, 0)}, {@code y' = 1 if x > 0 else 0} (0 at the kink). */
public final class ReLU extends AbstractActivation {

    /**
     * A ReLU activation.
     *
     * @param name the module's name
     */
    public ReLU(String name) {
        super(name);
    }

    @Override
    protected void apply(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0f ? x[i] : 0f;
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        for (int i = 0; i < n; i++) {
            gradX[i] = x[i] > 0f ? gradY[i] : 0f;
        }
    }
}

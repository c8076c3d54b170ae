package org.opudfa.dfa.nn;

/**
 * Rectified linear unit: {@code y = max(x, 0)}, {@code y' = 1 if x > 0 else 0} (0 at the kink).
 *
 * <p>Both loops are written so that the JIT compiler vectorises them: the forward pass as
 * {@code Math.max} (a NaN input stays NaN, so a diverging run shows), the backward pass from the
 * output's bits, since {@code y > 0} exactly when its bits are not those of {@code +0}: a branch
 * on the sign of each input, mispredicted half the time on a layer's pre-activations, made the
 * two loops the slowest part of a NeRF training step after the matrix products.
 */
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
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int n) {
        for (int i = 0; i < n; i++) {
            // all ones when y is +0 (x ≤ 0), else zero: keep gradY's bits where y > 0
            int zero = (Float.floatToRawIntBits(y[i]) - 1) >> 31;
            gradX[i] = Float.intBitsToFloat(Float.floatToRawIntBits(gradY[i]) & ~zero);
        }
    }
}

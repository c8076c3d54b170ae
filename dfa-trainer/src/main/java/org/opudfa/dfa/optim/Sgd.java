package org.opudfa.dfa.optim;

import java.util.List;

import org.opudfa.dfa.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * in the convention of PyTorch's {@code SGD} without dampening. Per element, at rate {@code η}:
 *
 * <pre>
 *   g ← ∇θ + λ·θ
 *   v ← μ·v + g                        (v starts at 0, only when μ &gt; 0)
 *   d ← g + μ·v  (Nesterov)   or  v  (momentum)   or  g  (μ = 0)
 *   θ ← θ − η·d
 * </pre>
 *
 * <p>State: one {@code "velocity"} buffer per parameter (unused, and zero, when {@code μ = 0}).
 */
public final class Sgd extends AbstractOptimizer {

    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;

    /**
     * @param parameters the parameters to update; names unique
     * @param config     momentum, Nesterov and weight decay
     * @param schedule   the learning rate schedule
     * @throws IllegalArgumentException if the parameter list is empty or has duplicate names
     */
    public Sgd(List<Parameter> parameters, SgdConfig config, LearningRateSchedule schedule) {
        super(parameters, schedule, "velocity");
        this.momentum = (float) config.momentum();
        this.nesterov = config.nesterov();
        this.weightDecay = (float) config.weightDecay();
    }

    /** {@inheritDoc} */
    @Override
    protected String kind() {
        return "sgd";
    }

    /** {@inheritDoc} */
    @Override
    protected void update(Parameter p, int index, float learningRate, long step) {
        float[] theta = p.value().data;
        float[] grad = p.grad().data;
        float[] v = buffers[0][index];
        int n = v.length;
        float mu = momentum;
        float wd = weightDecay;
        if (mu == 0f) {
            for (int i = 0; i < n; i++) {
                float g = grad[i] + wd * theta[i];
                theta[i] -= learningRate * g;
            }
        } else if (nesterov) {
            for (int i = 0; i < n; i++) {
                float g = grad[i] + wd * theta[i];
                float vi = mu * v[i] + g;
                v[i] = vi;
                theta[i] -= learningRate * (g + mu * vi);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float g = grad[i] + wd * theta[i];
                float vi = mu * v[i] + g;
                v[i] = vi;
                theta[i] -= learningRate * vi;
            }
        }
    }
}

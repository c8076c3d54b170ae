package org.opudfa.dfa.optim;

import java.util.List;
import java.util.Objects;

import org.opudfa.dfa.nn.Parameter;

/**
 * Gradient clipping by global norm around another optimizer: before each step, if the L2 norm of
 * all the gradients of the optimizer's parameters taken as one vector,
 * {@code ‖g‖ = √(Σ_p Σ_i g_{p,i}²)}, exceeds {@code maxNorm}, every gradient is multiplied by
 * {@code maxNorm/‖g‖} (in place), then the wrapped optimizer steps. The norm is summed in double.
 * State, step count and schedule are the wrapped optimizer's.
 */
public final class GradientClipping implements Optimizer {

    private final Optimizer inner;
    private final double maxNorm;
    private final Parameter[] parameters;
    private double lastNorm;

    /**
     * @param inner   the optimizer that applies the clipped gradients
     * @param maxNorm the largest norm let through, positive and finite
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
     */
    public GradientClipping(Optimizer inner, double maxNorm) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("the clipping norm must be positive and finite, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
        this.parameters = inner.parameters().toArray(new Parameter[0]);
    }

    /** @return the largest norm let through */
    public double maxNorm() {
        return maxNorm;
    }

    /** @return the gradients' norm before clipping, at the last step (0 before the first) */
    public double lastNorm() {
        return lastNorm;
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    /** Clips the gradients (in place) if their norm exceeds the bound, then steps the wrapped optimizer. */
    @Override
    public void step() {
        double sum = 0;
        for (Parameter p : parameters) {
            float[] g = p.grad().data;
            int n = p.size();
            for (int i = 0; i < n; i++) {
                sum += (double) g[i] * g[i];
            }
        }
        lastNorm = Math.sqrt(sum);
        if (lastNorm > maxNorm) {
            float factor = (float) (maxNorm / lastNorm);
            for (Parameter p : parameters) {
                float[] g = p.grad().data;
                int n = p.size();
                for (int i = 0; i < n; i++) {
                    g[i] *= factor;
                }
            }
        }
        inner.step();
    }

    @Override
    public long stepCount() {
        return inner.stepCount();
    }

    @Override
    public double learningRate() {
        return inner.learningRate();
    }

    @Override
    public void observeEpochs(List<Double> watchedLosses) {
        inner.observeEpochs(watchedLosses);
    }

    @Override
    public OptimizerState exportState() {
        return inner.exportState();
    }

    @Override
    public void importState(OptimizerState state) {
        inner.importState(state);
    }
}

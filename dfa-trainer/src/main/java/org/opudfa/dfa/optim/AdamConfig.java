package org.opudfa.dfa.optim;

/**
 * Hyperparameters of {@link Adam} other than the learning rate (which comes from a schedule).
 *
 * @param beta1                {@code β₁}, decay of the first-moment estimate, in [0, 1)
 * @param beta2                {@code β₂}, decay of the second-moment estimate, in [0, 1)
 * @param epsilon              {@code ε > 0}, added to the root of the second moment
 * @param weightDecay          {@code λ ≥ 0}
 * @param decoupledWeightDecay false for Adam's L2 penalty (added to the gradient, so it is
 *                             rescaled by the adaptive denominator); true for AdamW's
 *                             decoupled decay {@code θ ← θ − η·λ·θ}
 */
public record AdamConfig(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupledWeightDecay) {

    /** The usual {@code β₁ = 0.9}. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The usual {@code β₂ = 0.999}. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The usual {@code ε = 1e-8}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /**
     * Validates the components.
     *
     * @param beta1                {@code β₁}, decay of the first-moment estimate, in [0, 1)
     * @param beta2                {@code β₂}, decay of the second-moment estimate, in [0, 1)
     * @param epsilon              {@code ε > 0}, added to the root of the second moment
     * @param weightDecay          {@code λ ≥ 0}
     * @param decoupledWeightDecay false for Adam's L2 penalty (added to the gradient, so it is
     *        rescaled by the adaptive denominator); true for AdamW's
     *        decoupled decay {@code θ ← θ − η·λ·θ}
     * @throws IllegalArgumentException if a field is out of range
     */
    public AdamConfig {
        AbstractOptimizer.requireUnitInterval("beta1", beta1);
        AbstractOptimizer.requireUnitInterval("beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive finite number, got " + epsilon);
        }
        AbstractOptimizer.requireWeightDecay(weightDecay);
    }

    /** @return Adam with {@code β₁ = 0.9, β₂ = 0.999, ε = 1e-8} and no weight decay */
    public static AdamConfig adam() {
        return new AdamConfig(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0, false);
    }

    /**
     * @param weightDecay {@code λ ≥ 0}
     * @return AdamW with the usual betas and epsilon and decoupled weight decay {@code λ}
     */
    public static AdamConfig adamW(double weightDecay) {
        return new AdamConfig(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, weightDecay, true);
    }
}

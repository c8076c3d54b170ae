package org.opudfa.dfa.optim;

/**
 * Hyperparameters of {@link Sgd} other than the learning rate (which comes from a schedule).
 *
 * @param momentum    {@code μ}, in [0, 1); 0 is plain SGD
 * @param nesterov    whether to use Nesterov momentum (requires {@code μ > 0})
 * @param weightDecay {@code λ ≥ 0}, the coefficient of the L2 penalty {@code λ/2·‖θ‖²} added to the loss
 */
public record SgdConfig(double momentum, boolean nesterov, double weightDecay) {

    /**
     * Validates the components.
     *
     * @param momentum    {@code μ}, in [0, 1); 0 is plain SGD
     * @param nesterov    whether to use Nesterov momentum (requires {@code μ > 0})
     * @param weightDecay {@code λ ≥ 0}, the coefficient of the L2 penalty {@code λ/2·‖θ‖²} added to the loss
     * @throws IllegalArgumentException if a field is out of range
     */
    public SgdConfig {
        AbstractOptimizer.requireUnitInterval("momentum", momentum);
        AbstractOptimizer.requireWeightDecay(weightDecay);
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum in (0, 1), got 0.0");
        }
    }

    /** @return plain SGD: no momentum, no weight decay */
    public static SgdConfig plain() {
        return new SgdConfig(0, false, 0);
    }

    /**
     * @param momentum {@code μ} in [0, 1)
     * @return heavy-ball momentum without weight decay
     */
    public static SgdConfig withMomentum(double momentum) {
        return new SgdConfig(momentum, false, 0);
    }
}

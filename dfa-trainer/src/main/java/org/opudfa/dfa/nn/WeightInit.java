package org.opudfa.dfa.nn;

/**
 * How a {@link Dense} layer draws its initial weights {@code W} (out × in) and bias {@code b}.
 * Weights are drawn row by row, then the bias, from the provider passed to the layer.
 */
public enum WeightInit {

    /**
     * {@code W_ij, b_i ~ U[−1/√in, 1/√in)}: the default of PyTorch's {@code nn.Linear}
     * (Kaiming-uniform with {@code a = √5}), which keeps {@code Var(W·x) = Var(x)/3}.
     */
    UNIFORM_FAN_IN,

    /**
     * Glorot/Xavier uniform: {@code W_ij ~ U[−√(6/(in+out)), √(6/(in+out)))}, {@code b = 0};
     * keeps the variance of activations and of gradients roughly constant across tanh layers.
     */
    XAVIER_UNIFORM
}

package org.opudfa.dfa.train;

import org.opudfa.dfa.nn.GELU;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.ReLU;
import org.opudfa.dfa.nn.Sigmoid;
import org.opudfa.dfa.nn.Tanh;

/** The activation after each hidden dense layer of an MLP. */
public enum Activation {
    /** {@code tanh(a)} */
    TANH,
    /** {@code max(0, a)} */
    RELU,
    /** {@code 1/(1 + e^{−a})} */
    SIGMOID,
    /** {@code a·Φ(a)} */
    GELU;

    /** @return a new layer computing this activation */
    public Layer newLayer() {
        return switch (this) {
            case TANH -> new Tanh();
            case RELU -> new ReLU();
            case SIGMOID -> new Sigmoid();
            case GELU -> new GELU();
        };
    }
}

package org.opudfa.dfa.task.mlp;

import org.opudfa.dfa.nn.AbstractActivation;
import org.opudfa.dfa.nn.GELU;
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

    /**
     * @param name the module's name
     * @return a new module computing this activation
     */
    public AbstractActivation newModule(String name) {
        return switch (this) {
            case TANH -> new Tanh(name);
            case RELU -> new ReLU(name);
            case SIGMOID -> new Sigmoid(name);
            case GELU -> new GELU(name);
        };
    }
}

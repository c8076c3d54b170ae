package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;

/**
 * Backpropagation: the exact gradient of the loss, {@code ∂L/∂θ}, for every parameter, by the
 * chain rule through the head and every block in reverse order.
 */
public final class Backpropagation extends AbstractTrainingRule {

    /**
     * @param network the network to train
     */
    public Backpropagation(Network network) {
        super(network);
    }

    @Override
    protected void computeGradients(FMatrixRMaj error) {
        network().backpropagate(error);
    }

    /** @return every parameter of the network */
    @Override
    public List<Parameter> trainedParameters() {
        return network().parameters();
    }

    /** @return {@code "bp"} */
    @Override
    public String name() {
        return "bp";
    }
}

package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;

/**
 * The shallow baseline: only the output head learns, with its true gradient; the hidden blocks
 * keep their random initial values (their gradients stay zero and they are not among
 * {@link #trainedParameters()}). The head thus learns a readout of fixed random features, the
 * level every DFA result must beat to show that the hidden layers learned something.
 */
public final class Shallow extends AbstractTrainingRule {

    /**
     * @param network the network to train
     */
    public Shallow(Network network) {
        super(network);
    }

    @Override
    protected void computeGradients(FMatrixRMaj error) {
        network().head().backwardToParameters(error);
    }

    /** @return the head's parameters only */
    @Override
    public List<Parameter> trainedParameters() {
        return network().headParameters();
    }

    /** @return {@code "shallow"} */
    @Override
    public String name() {
        return "shallow";
    }
}

package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Parameter;

/**
 * Backpropagation: the exact gradient of the loss, {@code ∂L/∂θ}, for every parameter, by the
 * chain rule through every module in reverse order (feedback points are ignored).
 */
public final class Backpropagation extends AbstractTrainingRule {

    /**
     * @param model the model to train
     * @param loss  the loss on its output
     */
    public Backpropagation(Graph model, Loss loss) {
        super(model, loss);
    }

    @Override
    protected void computeGradients(FMatrixRMaj outputGradient) {
        model().backward(outputGradient, false, null);
    }

    /** @return every parameter of the model */
    @Override
    public List<Parameter> trainedParameters() {
        return model().parameters();
    }

    /** @return {@code "bp"} */
    @Override
    public String name() {
        return "bp";
    }
}

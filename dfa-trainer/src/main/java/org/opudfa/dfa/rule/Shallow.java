package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.GradientHook;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Parameter;

/**
 * The shallow baseline: only what lies above the model's feedback points learns, with its true
 * gradient (for an MLP, the output layer); everything below keeps its random initial values
 * (its gradients stay zero and it is not among {@link #trainedParameters()}). The top thus learns
 * a readout of fixed random features, the level every DFA result must beat to show that the lower
 * blocks learned something.
 */
public final class Shallow extends AbstractTrainingRule {

    private static final GradientHook NOTHING_BELOW = new GradientHook() {
        @Override
        public void onError(int group, FMatrixRMaj error) {
            // the error is not projected: nothing below the feedback points learns
        }

        @Override
        public FMatrixRMaj feedback(int point) {
            return null;
        }
    };

    /**
     * @param model the model to train
     * @param loss  the loss on its output
     */
    public Shallow(Graph model, Loss loss) {
        super(model, loss);
    }

    @Override
    protected void computeGradients(FMatrixRMaj outputGradient) {
        model().backward(outputGradient, true, NOTHING_BELOW);
    }

    /** @return the parameters above every feedback point */
    @Override
    public List<Parameter> trainedParameters() {
        return model().parametersAboveFeedback();
    }

    /** @return {@code "shallow"} */
    @Override
    public String name() {
        return "shallow";
    }
}

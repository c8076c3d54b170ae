package org.opudfa.dfa.rule;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;

/**
 * Skeleton of a training rule: validates the batch, zeroes the gradients, runs the forward pass
 * and the loss into a reused error buffer, then lets the subclass turn the error {@code e} into
 * gradients. It also implements the alignment measurement against backpropagation.
 *
 * <p>A batch whose loss is not finite (NaN or infinite) gets no gradients: they stay zero, nothing
 * is projected, and the loss is returned as it is, for the trainer to stop on.
 */
public abstract class AbstractTrainingRule implements TrainingRule {

    private final Network network;
    private final FMatrixRMaj error = new FMatrixRMaj(1, 1);
    private final Parameter[] all;
    private final int hiddenCount;
    private FMatrixRMaj[] snapshot;
    private FMatrixRMaj prediction;
    private long stepForwardPass = -1;

    /**
     * @param network the network to train
     */
    protected AbstractTrainingRule(Network network) {
        this.network = Objects.requireNonNull(network, "network");
        this.all = network.parameters().toArray(new Parameter[0]);
        this.hiddenCount = network.hiddenParameters().size();
    }

    /**
     * Turns the error of the current batch into gradients; called by {@link #step} after the
     * gradients were zeroed and the forward pass and the loss ran.
     *
     * @param error {@code e = ∂L/∂ŷ}, batch × k; must not be modified
     */
    protected abstract void computeGradients(FMatrixRMaj error);

    @Override
    public final Network network() {
        return network;
    }

    @Override
    public final double step(FMatrixRMaj input, FMatrixRMaj target) {
        if (input.numCols != network.inputWidth() || input.numRows < 1) {
            throw new IllegalArgumentException("input must be batch × " + network.inputWidth()
                    + " with at least 1 row, got " + input.numRows + "×" + input.numCols);
        }
        if (target.numRows != input.numRows || target.numCols != network.outputWidth()) {
            throw new IllegalArgumentException("target must be " + input.numRows + "×" + network.outputWidth()
                    + " (batch × network outputs), got " + target.numRows + "×" + target.numCols);
        }
        network.zeroGrad();
        prediction = network.forward(input, true);
        stepForwardPass = network.forwardPasses();
        double loss = network.loss().valueAndGradient(prediction, target, error);
        if (Double.isFinite(loss)) {
            computeGradients(error);
        }
        return loss;
    }

    @Override
    public final FMatrixRMaj prediction() {
        requireStep();
        return prediction;
    }

    @Override
    public final FMatrixRMaj error() {
        requireStep();
        return error;
    }

    private void requireStep() {
        if (stepForwardPass < 0) {
            throw new IllegalStateException(name() + " has not run a step yet");
        }
    }

    @Override
    public final void measureAlignment(double[] cosines) {
        requireStep();
        if (network.forwardPasses() != stepForwardPass) {
            throw new IllegalStateException("the network ran another forward pass after the last " + name()
                    + " step; measure the alignment right after the step");
        }
        if (cosines.length < hiddenCount) {
            throw new IllegalArgumentException("cosines must have room for " + hiddenCount
                    + " hidden parameters, got length " + cosines.length);
        }
        if (snapshot == null) {
            snapshot = new FMatrixRMaj[all.length];
            for (int i = 0; i < all.length; i++) {
                snapshot[i] = all[i].grad().copy();
            }
        }
        for (int i = 0; i < all.length; i++) {
            snapshot[i].setTo(all[i].grad());
        }
        network.zeroGrad();
        network.backpropagate(error);
        // hidden parameters come first in network.parameters()
        for (int i = 0; i < hiddenCount; i++) {
            cosines[i] = CosineSimilarity.of(snapshot[i], all[i].grad());
        }
        for (int i = 0; i < all.length; i++) {
            all[i].grad().setTo(snapshot[i]);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}

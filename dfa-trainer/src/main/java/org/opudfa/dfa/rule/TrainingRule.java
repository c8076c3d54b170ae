package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Parameter;

/**
 * A way of computing parameter updates for one batch. {@link #step} zeroes the gradient of every
 * parameter of the network, runs a training forward pass and the loss, and fills the gradients of
 * {@link #trainedParameters()} (the others stay zero); an optimizer then updates the trained
 * parameters from their gradients.
 *
 * <p>After a step, and before any other forward pass on the network, {@link #measureAlignment}
 * compares the step's gradients of the hidden parameters with the exact backpropagation gradients
 * of the same batch, without changing the step's gradients.
 */
public interface TrainingRule {

    /** @return the network this rule trains */
    Network network();

    /** @return a short name for tables, e.g. {@code "dfa"} */
    String name();

    /**
     * Computes the gradients of one batch.
     *
     * @param input  x, batch × network input width, not modified
     * @param target t, batch × network output width, not modified
     * @return the mean loss of the batch before the update; if it is NaN or infinite, every
     *     gradient is left at zero (nothing is backpropagated nor projected), so that the caller
     *     can stop the run on it
     * @throws IllegalArgumentException if {@code input} or {@code target} has the wrong shape
     */
    double step(FMatrixRMaj input, FMatrixRMaj target);

    /**
     * @return ŷ of the last step, batch × k (owned by the network: read it before the next forward
     *     pass), e.g. for the training accuracy
     * @throws IllegalStateException before the first step
     */
    FMatrixRMaj prediction();

    /**
     * @return {@code e = ∂L/∂ŷ} of the last step, batch × k (owned by the rule)
     * @throws IllegalStateException before the first step
     */
    FMatrixRMaj error();

    /**
     * @return the parameters whose gradients this rule computes, the ones an optimizer should
     *     update; the network's other parameters keep a zero gradient
     */
    List<Parameter> trainedParameters();

    /**
     * Gradient alignment of the last step, per hidden parameter (in the order of
     * {@link Network#hiddenParameters()}): the cosine similarity
     * {@code cos(u, g) = ⟨u, g⟩/(‖u‖·‖g‖)} between this rule's update {@code u} and the
     * backpropagation gradient {@code g} of the same parameter on the same batch (0 when either is
     * zero). Costs one exact backward pass on the state of the last forward pass (no new forward
     * pass, no random numbers drawn); the step's gradients are left as they were.
     *
     * @param cosines output, with room for one value per hidden parameter; each in [−1, 1]
     * @throws IllegalStateException before the first step, or if the network ran another forward
     *     pass since the last step
     * @throws IllegalArgumentException if {@code cosines} is shorter than the number of hidden parameters
     */
    void measureAlignment(double[] cosines);
}

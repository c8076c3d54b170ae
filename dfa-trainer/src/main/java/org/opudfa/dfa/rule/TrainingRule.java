package org.opudfa.dfa.rule;

import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;

/**
 * A way of computing parameter updates for one batch on any model. {@link #step} zeroes the
 * gradient of every parameter, runs a training forward pass and the loss, and fills the gradients
 * of {@link #trainedParameters()} (the others stay zero); an optimizer then updates the trained
 * parameters from their gradients.
 *
 * <p>After a step, and before any other forward pass on the model, {@link #measureAlignment}
 * compares the step's update of the parameters below each feedback point with the exact
 * backpropagation gradient of the same parameters on the same batch.
 */
public interface TrainingRule {

    /** @return the model this rule trains */
    Graph model();

    /** @return the loss on the model's output */
    Loss loss();

    /** @return a short name for tables, e.g. {@code "dfa"} */
    String name();

    /**
     * Computes the gradients of one batch.
     *
     * @param batch the batch: the model's inputs, side inputs and the loss's targets
     * @return the mean loss of the batch before the update; if it is NaN or infinite, every
     *     gradient is left at zero (nothing is backpropagated nor projected), so that the caller
     *     can stop the run on it
     * @throws IllegalArgumentException if the batch does not fit the model
     */
    double step(Feed batch);

    /**
     * @return ŷ of the last step (owned by the model: read it before the next forward pass)
     * @throws IllegalStateException before the first step
     */
    FMatrixRMaj prediction();

    /**
     * @return {@code ∂L/∂ŷ} of the last step, at the model's output (owned by the rule)
     * @throws IllegalStateException before the first step
     */
    FMatrixRMaj outputGradient();

    /**
     * @return the parameters whose gradients this rule computes, the ones an optimizer should
     *     update; the model's other parameters keep a zero gradient
     */
    List<Parameter> trainedParameters();

    /**
     * Gradient alignment of the last step, per feedback point of the model (in
     * {@link Graph#feedbackPoints()} order): the cosine similarity
     * {@code cos(u, g) = ⟨u, g⟩/(‖u‖·‖g‖)} between this rule's update {@code u} and the
     * backpropagation gradient {@code g} of the parameters that learn from that point
     * ({@link Graph#segmentParameters}), taken together as one vector (0 when either is zero).
     * Costs one exact backward pass on the state of the last forward pass (no new forward pass,
     * no random numbers drawn); the step's gradients are left as they were.
     *
     * @param cosines output, with room for one value per feedback point; each in [−1, 1]
     * @throws IllegalStateException before the first step, or if the model ran another forward
     *     pass since the last step
     * @throws IllegalArgumentException if {@code cosines} is shorter than the number of feedback points
     */
    void measureAlignment(double[] cosines);

    /**
     * @return whether this rule's updates differ from backpropagation's by design, so that their
     *     alignment with it is worth measuring (DFA, FA); false for backpropagation itself and for
     *     the shallow baseline, whose updates below the feedback points are zero
     */
    default boolean approximatesBackpropagation() {
        return false;
    }
}

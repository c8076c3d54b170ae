package org.opudfa.dfa.nn;

import java.util.List;

import org.ejml.data.FMatrixRMaj;

/**
 * A differentiable map on a batch of row vectors (batch-major: one sample per row), with its
 * own parameters and its own backward pass.
 *
 * <p>Backward is local: {@link #backward} receives the gradient of the loss with respect to this
 * layer's last output, <em>adds</em> the gradients of its parameters into
 * {@link Parameter#grad()}, and returns the gradient with respect to its last input. This is
 * what lets Direct Feedback Alignment inject a projected error after any block and run ordinary
 * backprop inside the block only.
 *
 * <p>Buffers returned by {@link #forward} and {@link #backward} belong to the layer and are
 * reused by the next call: copy them to keep them, and do not write into them.
 *
 * <p>Backward does not change the state that forward saved, so it may be called more than once
 * for the same forward pass (the gradient-alignment measurement runs a second, exact backward
 * pass after a training rule's own).
 */
public interface Layer {

    /**
     * @param input    batch × inputDim, not modified; may be kept (by reference) until backward
     * @param training whether this is a training pass (dropout active, statistics recorded)
     * @return batch × outputDim, owned by the layer
     * @throws IllegalArgumentException if {@code input} does not have the width this layer takes
     */
    FMatrixRMaj forward(FMatrixRMaj input, boolean training);

    /**
     * @param gradOutput ∂L/∂output for the last forward call, batch × outputDim
     * @return ∂L/∂input, batch × inputDim, owned by the layer
     */
    FMatrixRMaj backward(FMatrixRMaj gradOutput);

    /**
     * Adds the parameter gradients for {@code gradOutput}, exactly as {@link #backward} does, for
     * a caller that does not need ∂L/∂input (the lowest layer of a network, or a block under
     * Direct Feedback Alignment, where nothing flows to the block below). Layers may skip
     * computing the input gradient; the default calls {@link #backward}.
     *
     * @param gradOutput ∂L/∂output for the last forward call, batch × outputDim
     */
    default void backwardToParameters(FMatrixRMaj gradOutput) {
        backward(gradOutput);
    }

    /**
     * Shape inference: the width of this layer's output for inputs of a given width. Networks
     * call it once, when they are built, to check that their layers fit together and to know the
     * width of every feedback point before the first batch.
     *
     * @param inputWidth the number of columns of the input
     * @return the number of columns of the output
     * @throws IllegalArgumentException if this layer does not take inputs of that width
     */
    int outputWidth(int inputWidth);

    /** @return the trainable parameters, in a fixed order; empty if none */
    List<Parameter> parameters();

    /**
     * The layers this layer is made of, for rules that act on layers of one kind wherever they sit
     * (feedback alignment replaces the backward matrix of every {@link Dense}).
     *
     * @return the direct sub-layers, in forward order; empty for a leaf layer (the default)
     */
    default List<Layer> children() {
        return List.of();
    }
}

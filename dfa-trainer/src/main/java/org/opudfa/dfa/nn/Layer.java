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
 * reused by the next call: copy them to keep them.
 */
public interface Layer {

    /**
     * @param input    batch × inputDim, not modified; may be kept (by reference) until backward
     * @param training whether this is a training pass (dropout active, statistics recorded)
     * @return batch × outputDim, owned by the layer
     */
    FMatrixRMaj forward(FMatrixRMaj input, boolean training);

    /**
     * @param gradOutput ∂L/∂output for the last forward call, batch × outputDim
     * @return ∂L/∂input, batch × inputDim, owned by the layer
     */
    FMatrixRMaj backward(FMatrixRMaj gradOutput);

    /** @return the trainable parameters, in a fixed order; empty if none */
    List<Parameter> parameters();
}

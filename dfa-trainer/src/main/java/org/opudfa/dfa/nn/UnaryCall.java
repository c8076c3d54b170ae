package org.opudfa.dfa.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * Skeleton of a {@link Call} with one input and one output, the common case (dense, activations,
 * normalisation, dropout): subclasses work on single matrices and this class wraps them in the
 * arrays of the general contract, allocating nothing per pass.
 */
public abstract class UnaryCall implements Call {

    private final FMatrixRMaj[] outputs = new FMatrixRMaj[1];
    private final FMatrixRMaj[] gradInputs = new FMatrixRMaj[1];

    /** For subclasses. */
    protected UnaryCall() {
    }

    /**
     * @param input    rows × input width, not modified; may be kept until backward
     * @param feed     the batch's side inputs
     * @param training whether this is a training pass
     * @return rows × output width, owned by the call
     */
    protected abstract FMatrixRMaj forward(FMatrixRMaj input, Feed feed, boolean training);

    /**
     * @param gradOutput ∂L/∂output of the last forward call, not null
     * @param needInput  whether ∂L/∂input is wanted
     * @return ∂L/∂input, owned by the call, or null when not wanted
     */
    protected abstract FMatrixRMaj backward(FMatrixRMaj gradOutput, boolean needInput);

    @Override
    public final FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training) {
        outputs[0] = forward(inputs[0], feed, training);
        return outputs;
    }

    @Override
    public final FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput) {
        gradInputs[0] = backward(gradOutputs[0], needInput[0]);
        return gradInputs;
    }
}

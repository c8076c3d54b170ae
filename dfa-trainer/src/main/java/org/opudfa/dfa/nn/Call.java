package org.opudfa.dfa.nn;

import org.ejml.data.FMatrixRMaj;

/**
 * One application of a {@link Module} in a model, and the state of that application in the current
 * pass. Forward keeps what backward needs; backward is local: it receives the gradients of the
 * loss with respect to this call's outputs, <em>adds</em> the gradients of the module's
 * parameters into {@link Parameter#grad()}, and returns the gradients with respect to the inputs
 * that the caller asked for. This is what lets Direct Feedback Alignment inject a projected error
 * at any tensor and run ordinary backprop from there only.
 *
 * <p>Matrices returned by {@link #forward} and {@link #backward} belong to the call and are
 * reused by its next call of the same method: do not write into them. A returned input gradient
 * may be one of the output gradients passed in (an identity or a sum passes it through), so the
 * caller must not write into those either. Backward does not change what forward saved, so it may
 * run more than once for one forward pass (gradient alignment runs a second, exact backward pass
 * after a rule's own).
 */
public interface Call {

    /**
     * @param inputs   one matrix per input (rows × width), not modified; may be kept (by
     *                 reference) until backward
     * @param feed     the batch's side inputs
     * @param training whether this is a training pass (dropout active, statistics recorded)
     * @return one matrix per output, owned by the call (the array too)
     * @throws IllegalArgumentException if an input does not have the width the module takes
     */
    FMatrixRMaj[] forward(FMatrixRMaj[] inputs, Feed feed, boolean training);

    /**
     * @param gradOutputs ∂L/∂output per output of the last forward call; an entry is null when no
     *                    gradient reaches that output (it counts as zero); at least one is not
     * @param needInput   per input, whether its gradient is wanted; a call may skip the products
     *                    of the inputs not wanted
     * @return per input, ∂L/∂input where wanted, else null; owned by the call (the array too)
     * @throws IllegalStateException before the first forward call
     */
    FMatrixRMaj[] backward(FMatrixRMaj[] gradOutputs, boolean[] needInput);
}

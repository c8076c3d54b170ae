package org.opudfa.dfa.nn;

import java.util.List;
import java.util.Map;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * A differentiable function of one or more batch-major float matrices, with its own parameters:
 * the unit models are made of. A module holds what persists across passes (its parameters and
 * settings); the state of one application in a pass (the inputs kept for backward, the output
 * buffers) lives in a {@link Call} that {@link #newCall()} makes. A model that applies one module
 * at two places (tied or shared weights) makes two calls of it; both add into the same
 * {@link Parameter#grad()}, so the gradient is the sum over the applications, as the chain rule
 * says.
 *
 * <p>Modules may also read side inputs of the batch through the {@link Feed} their calls receive
 * (token ids, masks, a sparse adjacency, …), under keys given to them when built.
 */
public interface Module {

    /** @return a name unique within a model, used as the prefix of parameter and tensor names */
    String name();

    /** @return the trainable parameters, in a fixed order; empty if none */
    List<Parameter> parameters();

    /**
     * State that is not trained but belongs to the model and must travel with its parameters in a
     * checkpoint, such as a batch norm's running statistics, updated by the module itself in
     * training passes and read in inference passes.
     *
     * @return the buffers by name (unique within a model, like parameter names), updated in place;
     *     empty if none (the default)
     */
    default Map<String, FMatrixRMaj> buffers() {
        return Map.of();
    }

    /**
     * The random streams the module draws from in training passes (dropout masks), whose states
     * must travel in a checkpoint so that a resumed run draws exactly what the uninterrupted run
     * would have. Several modules may share one stream; a model saves and restores it once.
     *
     * @return the streams by name (unique within a model); empty if the module draws nothing (the default)
     */
    default Map<String, RestorableUniformRandomProvider> randomStreams() {
        return Map.of();
    }

    /**
     * Shape inference, done once when a model is built: the widths (columns) of the outputs for
     * inputs of the given widths; rows are the batch's business.
     *
     * @param inputWidths the number of columns of each input, in order
     * @return the number of columns of each output, in order (at least one output)
     * @throws IllegalArgumentException if this module does not take that many inputs of those widths
     */
    int[] outputWidths(int[] inputWidths);

    /**
     * @return a new call site of this module: one application of it in a model, holding the
     *     per-pass state of that application
     */
    Call newCall();

    /**
     * @return the modules this module is made of, for rules that act on modules of one kind
     *     wherever they sit; empty for a leaf module (the default)
     */
    default List<Module> children() {
        return List.of();
    }
}

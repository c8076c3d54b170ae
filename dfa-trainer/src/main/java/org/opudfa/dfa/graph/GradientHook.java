package org.opudfa.dfa.graph;

import org.ejml.data.FMatrixRMaj;

/**
 * What a training rule does at the marked tensors during a backward pass (see
 * {@link Graph#backward}): it sees the true gradient at each error point, and supplies the
 * gradient of each feedback point that the pass cuts.
 */
public interface GradientHook {

    /**
     * Called once per error group, as soon as the gradient at that group's error point is complete
     * (before any feedback point of the group is asked for its gradient).
     *
     * @param group the error group, in {@link Graph#errorPoints()} order
     * @param error {@code e = ∂L/∂(error point)}, rows × width; read it now, do not keep it
     */
    void onError(int group, FMatrixRMaj error);

    /**
     * Called once per feedback point of a cut pass. When the pass runs its segments concurrently
     * ({@link Graph#backward(FMatrixRMaj, boolean, GradientHook, org.opudfa.opu.kernel.TaskRunner)}),
     * this is called from the runner's threads, for several points at once (always after
     * {@link #onError}), so it must then only write what belongs to its point.
     *
     * @param point the feedback point's index, in {@link Graph#feedbackPoints()} order
     * @return the gradient to send down from that point (rows × its width), or null for none;
     *     owned by the hook, not written into by the graph
     */
    FMatrixRMaj feedback(int point);
}

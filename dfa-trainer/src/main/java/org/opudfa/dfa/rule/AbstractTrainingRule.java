package org.opudfa.dfa.rule;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.dfa.nn.Parameter;

/**
 * Skeleton of a training rule: zeroes the gradients, runs the forward pass and the loss into a
 * reused gradient buffer, then lets the subclass turn {@code ∂L/∂ŷ} into parameter gradients. It
 * also implements the alignment measurement against backpropagation.
 *
 * <p>A batch whose loss is not finite (NaN or infinite) gets no gradients: they stay zero, nothing
 * is projected, and the loss is returned as it is, for the trainer to stop on.
 */
public abstract class AbstractTrainingRule implements TrainingRule {

    private final Graph model;
    private final Loss loss;
    private final FMatrixRMaj outputGradient = new FMatrixRMaj(1, 1);
    private final Parameter[] all;
    private final int[][] segments;
    private FMatrixRMaj[] snapshot;
    private FMatrixRMaj[][] segmentUpdates;
    private FMatrixRMaj[][] segmentGradients;
    private FMatrixRMaj prediction;
    private long stepForwardPass = -1;

    /**
     * @param model the model to train
     * @param loss  the loss on its output
     */
    protected AbstractTrainingRule(Graph model, Loss loss) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.all = model.parameters().toArray(new Parameter[0]);
        Map<Parameter, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < all.length; i++) {
            index.put(all[i], i);
        }
        int points = model.feedbackPoints().size();
        this.segments = new int[points][];
        for (int l = 0; l < points; l++) {
            segments[l] = model.segmentParameters(l).stream().mapToInt(index::get).toArray();
        }
    }

    /**
     * Turns {@code ∂L/∂ŷ} of the current batch into gradients; called by {@link #step} after the
     * gradients were zeroed and the forward pass and the loss ran.
     *
     * @param outputGradient {@code ∂L/∂ŷ}, rows × output width; must not be modified
     */
    protected abstract void computeGradients(FMatrixRMaj outputGradient);

    @Override
    public final Graph model() {
        return model;
    }

    @Override
    public final Loss loss() {
        return loss;
    }

    @Override
    public final double step(Feed batch) {
        model.zeroGrad();
        prediction = model.forward(batch, true);
        stepForwardPass = model.forwardPasses();
        double value = loss.valueAndGradient(prediction, batch, outputGradient);
        if (Double.isFinite(value)) {
            computeGradients(outputGradient);
        }
        return value;
    }

    @Override
    public final FMatrixRMaj prediction() {
        requireStep();
        return prediction;
    }

    @Override
    public final FMatrixRMaj outputGradient() {
        requireStep();
        return outputGradient;
    }

    /** @throws IllegalStateException before the first step */
    protected final void requireStep() {
        if (stepForwardPass < 0) {
            throw new IllegalStateException(name() + " has not run a step yet");
        }
    }

    @Override
    public final void measureAlignment(double[] cosines) {
        requireStep();
        if (model.forwardPasses() != stepForwardPass) {
            throw new IllegalStateException("the model ran another forward pass after the last " + name()
                    + " step; measure the alignment right after the step");
        }
        if (cosines.length < segments.length) {
            throw new IllegalArgumentException("cosines must have room for " + segments.length
                    + " feedback points, got length " + cosines.length);
        }
        if (snapshot == null) {
            snapshot = new FMatrixRMaj[all.length];
            for (int i = 0; i < all.length; i++) {
                snapshot[i] = all[i].grad().copy();
            }
            segmentUpdates = new FMatrixRMaj[segments.length][];
            segmentGradients = new FMatrixRMaj[segments.length][];
            for (int l = 0; l < segments.length; l++) {
                segmentUpdates[l] = new FMatrixRMaj[segments[l].length];
                segmentGradients[l] = new FMatrixRMaj[segments[l].length];
                for (int j = 0; j < segments[l].length; j++) {
                    segmentUpdates[l][j] = snapshot[segments[l][j]];
                    segmentGradients[l][j] = all[segments[l][j]].grad();
                }
            }
        }
        for (int i = 0; i < all.length; i++) {
            snapshot[i].setTo(all[i].grad());
        }
        model.zeroGrad();
        model.backward(outputGradient, false, null);
        for (int l = 0; l < segments.length; l++) {
            cosines[l] = CosineSimilarity.of(segmentUpdates[l], segmentGradients[l]);
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

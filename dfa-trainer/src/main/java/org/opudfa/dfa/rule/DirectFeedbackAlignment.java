package org.opudfa.dfa.rule;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.GradientHook;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.loss.Loss;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.TaskRunner;

/**
 * Direct Feedback Alignment (Nøkland 2016; Launay et al. 2020), on any model that marks feedback
 * points and an error point (DESIGN §7). Backward runs from the loss as usual down to the error
 * point, where the true gradient is the error {@code e} (rows × k). It is projected once per batch
 * by the {@link RandomProjector}, {@code P = e·Bᵀ} (rows × m); the gradient arriving at feedback
 * point l is replaced by {@code s·P[:, o_l : o_l + d_l]} (rows mapped by {@link RowMapping}),
 * where {@code o_l} is the point's offset in the projection ({@link FeedbackLayout}) and
 * {@code s} the scale ({@link FeedbackScale}). From each feedback point the signal is
 * backpropagated as usual down to the feedback points below, and no further: for a dense block
 * with activation f, {@code δ_l = (B_l e) ⊙ f'(a_l)} and {@code ∂W_l = δ_lᵀ h_{l−1}}. Everything
 * above the last feedback point gets its true gradient.
 *
 * <p>The rule does not know what the projector is (exact CPU matrix, simulated optical device):
 * only its dimensions, which must be those of {@link #projectorShape}.
 *
 * <p>Layer-parallel backward: once the error is projected, the segments below the feedback
 * points (each from its point down to the points below it) are independent, and given a
 * {@link TaskRunner} the rule runs them as concurrent tasks ({@link Graph#backward(FMatrixRMaj,
 * boolean, GradientHook, TaskRunner)}), with gradients bit for bit those of the sequential pass.
 * {@link #feedback} is safe for that: it writes only point l's own signal and reads the
 * projection, which is complete before any segment starts.
 */
public final class DirectFeedbackAlignment extends AbstractTrainingRule implements GradientHook {

    private final RandomProjector projector;
    private final FeedbackLayout layout;
    private final FeedbackScale scale;
    private final float factor;
    private final Tensor[] points;
    private final int[] offsets;
    private final FMatrixRMaj error = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj projection = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj[] signals;
    private final TaskRunner segments;

    /**
     * @param model     the model to train, with at least one feedback point
     * @param loss      the loss on its output
     * @param projector the projection of the error, of dimensions {@link #projectorShape}
     * @param layout    how the feedback points share the projection
     * @param scale     the factor applied to the projection
     * @throws IllegalArgumentException if the model has no feedback point or the projector's
     *     dimensions are not the ones the model and layout need
     */
    public DirectFeedbackAlignment(Graph model, Loss loss, RandomProjector projector, FeedbackLayout layout,
                                   FeedbackScale scale) {
        this(model, loss, projector, layout, scale, null);
    }

    /**
     * @param model     the model to train, with at least one feedback point
     * @param loss      the loss on its output
     * @param projector the projection of the error, of dimensions {@link #projectorShape}
     * @param layout    how the feedback points share the projection
     * @param scale     the factor applied to the projection
     * @param segments  runs the segments below the feedback points as concurrent tasks (the run's
     *                  {@link org.opudfa.opu.kernel.Gemm}, the one the model multiplies with), or null
     *                  for a sequential backward pass; the gradients are the same bits either way
     * @throws IllegalArgumentException if the model has no feedback point or the projector's
     *     dimensions are not the ones the model and layout need
     */
    public DirectFeedbackAlignment(Graph model, Loss loss, RandomProjector projector, FeedbackLayout layout,
                                   FeedbackScale scale, TaskRunner segments) {
        super(model, loss);
        this.segments = segments;
        this.projector = Objects.requireNonNull(projector, "projector");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.scale = Objects.requireNonNull(scale, "scale");
        ProjectorShape shape = projectorShape(model, layout);
        if (projector.inputDimension() != shape.inputDimension()
                || projector.outputDimension() != shape.outputDimension()) {
            throw new IllegalArgumentException("the feedback projector must map " + shape.inputDimension()
                    + " error values to " + shape.outputDimension() + " feedback values (" + layout
                    + " layout), got " + projector.inputDimension() + " inputs and " + projector.outputDimension()
                    + " outputs");
        }
        this.factor = scale == FeedbackScale.NONE ? 1f : (float) (1.0 / Math.sqrt(shape.outputDimension()));
        this.points = model.feedbackPoints().toArray(new Tensor[0]);
        this.offsets = new int[points.length];
        this.signals = new FMatrixRMaj[points.length];
        int offset = 0;
        for (int l = 0; l < points.length; l++) {
            offsets[l] = layout == FeedbackLayout.SHARED ? 0 : offset;
            offset += points[l].width();
            signals[l] = new FMatrixRMaj(1, points[l].width());
        }
    }

    /**
     * The projector dimensions a model needs: input {@code k} (the error point's width), output
     * {@code Σ_l d_l} for {@link FeedbackLayout#SEPARATE} or {@code max_l d_l} for
     * {@link FeedbackLayout#SHARED}, over the widths {@code d_l} of the feedback points.
     *
     * @param model  the model
     * @param layout the feedback layout
     * @return the projector's shape
     * @throws IllegalArgumentException if the model has no feedback point
     */
    public static ProjectorShape projectorShape(Graph model, FeedbackLayout layout) {
        Objects.requireNonNull(layout, "layout");
        List<Tensor> points = model.feedbackPoints();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("direct feedback alignment needs at least 1 feedback point in the model, "
                    + "got 0");
        }
        long size = layout.projectionSize(points.stream().mapToInt(Tensor::width).toArray());
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("direct feedback alignment's projection of " + size + " outputs (the"
                    + " feedback points' widths, " + layout.name().toLowerCase(java.util.Locale.ROOT)
                    + ") is more than a projector has (" + Integer.MAX_VALUE + ")");
        }
        return new ProjectorShape(model.errorPoint().width(), (int) size);
    }

    @Override
    protected void computeGradients(FMatrixRMaj outputGradient) {
        model().backward(outputGradient, true, this, segments);
    }

    /** Projects the error: one projector call per batch. Part of the backward pass, not for callers. */
    @Override
    public void onError(FMatrixRMaj e) {
        error.setTo(e);
        projection.reshape(e.numRows, projector.outputDimension());
        projector.project(e, projection);
    }

    /**
     * The signal of feedback point l, from the projection. Part of the backward pass, not for
     * callers; safe to call for different points from several threads at once.
     */
    @Override
    public FMatrixRMaj feedback(int l) {
        FMatrixRMaj s = signals[l];
        int rows = model().value(points[l]).numRows;
        s.reshape(rows, points[l].width());
        RowMapping.fill(projection.data, projection.numRows, projection.numCols, offsets[l], points[l].width(), factor,
                s.data, rows);
        return s;
    }

    /** @return the projector this rule sends the error through */
    public RandomProjector projector() {
        return projector;
    }

    /** @return what runs the segments of the backward pass concurrently, or null if they run one after the other */
    public TaskRunner segmentRunner() {
        return segments;
    }

    /** @return the feedback layout */
    public FeedbackLayout layout() {
        return layout;
    }

    /** @return the feedback scale option */
    public FeedbackScale scale() {
        return scale;
    }

    /** @return the factor s the projection is multiplied by: 1 or {@code 1/√m} */
    public float scaleFactor() {
        return factor;
    }

    /**
     * @param l feedback point index, from 0
     * @return {@code o_l}, the first column of the projection that point l takes
     */
    public int feedbackOffset(int l) {
        return offsets[l];
    }

    /** @return the error e at the error point in the last step (owned by the rule) */
    public FMatrixRMaj error() {
        requireStep();
        return error;
    }

    /**
     * @return the unscaled projection {@code e·Bᵀ} of the last step, rows × m (owned by the rule),
     *     e.g. to compare a hardware projector with the exact one
     */
    public FMatrixRMaj projection() {
        return projection;
    }

    /**
     * @param l feedback point index, from 0
     * @return the signal injected at feedback point l in the last step (owned by the rule)
     */
    public FMatrixRMaj feedbackSignal(int l) {
        return signals[l];
    }

    /** @return true */
    @Override
    public boolean approximatesBackpropagation() {
        return true;
    }

    /** @return every parameter of the model: those below feedback points learn from it, the rest from e */
    @Override
    public List<Parameter> trainedParameters() {
        return model().parameters();
    }

    /** @return {@code "dfa"} */
    @Override
    public String name() {
        return "dfa";
    }
}

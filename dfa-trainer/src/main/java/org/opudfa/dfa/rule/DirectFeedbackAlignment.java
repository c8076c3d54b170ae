package org.opudfa.dfa.rule;

import java.util.ArrayList;
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
 * only its dimensions, which must be those of {@link #projectorShapes}.
 *
 * <p>Error groups ({@link Graph#errorPoints()}): a model with several error points (several
 * networks trained together) has one DFA per group. Group g has its own projector
 * {@code B_g}, shaped for its error point's width and its own feedback points' layout, and
 * feedback point l of group g gets {@code s_g·(e_g·B_gᵀ)[:, o_l : o_l + d_l]}, with its offset
 * {@code o_l} and the scale {@code s_g} counted within the group. A model of one group is the
 * rule above.
 *
 * <p>Layer-parallel backward: once the error is projected, the segments below the feedback
 * points (each from its point down to the points below it) are independent, and given a
 * {@link TaskRunner} the rule runs them as concurrent tasks ({@link Graph#backward(FMatrixRMaj,
 * boolean, GradientHook, TaskRunner)}), with gradients bit for bit those of the sequential pass.
 * {@link #feedback} is safe for that: it writes only point l's own signal and reads the
 * projection, which is complete before any segment starts.
 */
public final class DirectFeedbackAlignment extends AbstractTrainingRule implements GradientHook {

    private final List<RandomProjector> projectors;
    private final FeedbackLayout layout;
    private final FeedbackScale scale;
    /** per error group */
    private final float[] factors;
    private final FMatrixRMaj[] errors;
    private final FMatrixRMaj[] projections;
    /** per feedback point */
    private final Tensor[] points;
    private final int[] groups;
    private final int[] offsets;
    private final FMatrixRMaj[] signals;
    private final TaskRunner segments;

    /**
     * The rule for a model of one error group.
     *
     * @param model     the model to train, with at least one feedback point and one error group
     * @param loss      the loss on its output
     * @param projector the projection of the error, of dimensions {@link #projectorShapes}
     * @param layout    how the feedback points share the projection
     * @param scale     the factor applied to the projection
     * @throws IllegalArgumentException if the model has no feedback point or several error groups, or
     *     the projector's dimensions are not the ones the model and layout need
     */
    public DirectFeedbackAlignment(Graph model, Loss loss, RandomProjector projector, FeedbackLayout layout,
                                   FeedbackScale scale) {
        this(model, loss, List.of(Objects.requireNonNull(projector, "projector")), layout, scale, null);
    }

    /**
     * The rule for a model of one error group, with concurrent segments.
     *
     * @param model     the model to train, with at least one feedback point and one error group
     * @param loss      the loss on its output
     * @param projector the projection of the error, of dimensions {@link #projectorShapes}
     * @param layout    how the feedback points share the projection
     * @param scale     the factor applied to the projection
     * @param segments  runs the segments below the feedback points as concurrent tasks, or null
     * @throws IllegalArgumentException if the model has no feedback point or several error groups, or
     *     the projector's dimensions are not the ones the model and layout need
     */
    public DirectFeedbackAlignment(Graph model, Loss loss, RandomProjector projector, FeedbackLayout layout,
                                   FeedbackScale scale, TaskRunner segments) {
        this(model, loss, List.of(Objects.requireNonNull(projector, "projector")), layout, scale, segments);
    }

    /**
     * @param model      the model to train, with at least one feedback point in each error group
     * @param loss       the loss on its output
     * @param projectors the projection of each error group's error, in group order, of the dimensions
     *                   {@link #projectorShapes} gives
     * @param layout     how the feedback points of a group share its projection
     * @param scale      the factor applied to the projections
     * @param segments   runs the segments below the feedback points as concurrent tasks (the run's
     *                   {@link org.opudfa.opu.kernel.Gemm}, the one the model multiplies with), or null
     *                   for a sequential backward pass; the gradients are the same bits either way
     * @throws IllegalArgumentException if a group has no feedback point, the number of projectors is not
     *     the number of groups, or a projector's dimensions are not the ones its group and the layout need
     */
    public DirectFeedbackAlignment(Graph model, Loss loss, List<RandomProjector> projectors, FeedbackLayout layout,
                                   FeedbackScale scale, TaskRunner segments) {
        super(model, loss);
        this.segments = segments;
        this.projectors = List.copyOf(projectors);
        this.layout = Objects.requireNonNull(layout, "layout");
        this.scale = Objects.requireNonNull(scale, "scale");
        List<ProjectorShape> shapes = projectorShapes(model, layout);
        if (this.projectors.size() != shapes.size()) {
            throw new IllegalArgumentException("direct feedback alignment needs one projector per error group, "
                    + shapes.size() + " for this model, got " + this.projectors.size());
        }
        int groupCount = shapes.size();
        this.factors = new float[groupCount];
        this.errors = new FMatrixRMaj[groupCount];
        this.projections = new FMatrixRMaj[groupCount];
        for (int g = 0; g < groupCount; g++) {
            RandomProjector projector = this.projectors.get(g);
            ProjectorShape shape = shapes.get(g);
            if (projector.inputDimension() != shape.inputDimension()
                    || projector.outputDimension() != shape.outputDimension()) {
                throw new IllegalArgumentException("the feedback projector" + (groupCount == 1 ? "" : " of error group "
                        + g) + " must map " + shape.inputDimension() + " error values to " + shape.outputDimension()
                        + " feedback values (" + layout + " layout), got " + projector.inputDimension()
                        + " inputs and " + projector.outputDimension() + " outputs");
            }
            factors[g] = scale == FeedbackScale.NONE ? 1f : (float) (1.0 / Math.sqrt(shape.outputDimension()));
            errors[g] = new FMatrixRMaj(1, 1);
            projections[g] = new FMatrixRMaj(1, 1);
        }
        this.points = model.feedbackPoints().toArray(new Tensor[0]);
        this.groups = new int[points.length];
        this.offsets = new int[points.length];
        this.signals = new FMatrixRMaj[points.length];
        int[] offset = new int[groupCount];
        for (int l = 0; l < points.length; l++) {
            int g = model.errorGroup(l);
            groups[l] = g;
            offsets[l] = layout == FeedbackLayout.SHARED ? 0 : offset[g];
            offset[g] += points[l].width();
            signals[l] = new FMatrixRMaj(1, points[l].width());
        }
    }

    /**
     * The projector dimensions a model needs, one per error group: input {@code k} (the group's error
     * point's width), output {@code Σ_l d_l} for {@link FeedbackLayout#SEPARATE} or {@code max_l d_l}
     * for {@link FeedbackLayout#SHARED}, over the widths {@code d_l} of the group's feedback points.
     *
     * @param model  the model
     * @param layout the feedback layout
     * @return the projectors' shapes, in group order
     * @throws IllegalArgumentException if the model has no feedback point, or an error group has none
     */
    public static List<ProjectorShape> projectorShapes(Graph model, FeedbackLayout layout) {
        Objects.requireNonNull(layout, "layout");
        List<Tensor> points = model.feedbackPoints();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("direct feedback alignment needs at least 1 feedback point in the model, "
                    + "got 0");
        }
        List<ProjectorShape> shapes = new ArrayList<>();
        for (int g = 0; g < model.errorPoints().size(); g++) {
            int group = g;
            int[] widths = java.util.stream.IntStream.range(0, points.size()).filter(l -> model.errorGroup(l) == group)
                    .map(l -> points.get(l).width()).toArray();
            if (widths.length == 0) {
                throw new IllegalArgumentException("direct feedback alignment needs at least 1 feedback point in each "
                        + "error group, but the error point " + model.errorPoint(g).name() + " has none");
            }
            long size = layout.projectionSize(widths);
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("direct feedback alignment's projection of " + size + " outputs (the"
                        + " feedback points' widths, " + layout.name().toLowerCase(java.util.Locale.ROOT)
                        + ") is more than a projector has (" + Integer.MAX_VALUE + ")");
            }
            shapes.add(new ProjectorShape(model.errorPoint(g).width(), (int) size));
        }
        return List.copyOf(shapes);
    }

    @Override
    protected void computeGradients(FMatrixRMaj outputGradient) {
        model().backward(outputGradient, true, this, segments);
    }

    /** Projects a group's error: one projector call per group and batch. Part of the backward pass, not for callers. */
    @Override
    public void onError(int group, FMatrixRMaj e) {
        errors[group].setTo(e);
        RandomProjector projector = projectors.get(group);
        FMatrixRMaj projection = projections[group];
        projection.reshape(e.numRows, projector.outputDimension());
        projector.project(e, projection);
    }

    /**
     * The signal of feedback point l, from its group's projection. Part of the backward pass, not for
     * callers; safe to call for different points from several threads at once.
     */
    @Override
    public FMatrixRMaj feedback(int l) {
        FMatrixRMaj s = signals[l];
        FMatrixRMaj projection = projections[groups[l]];
        int rows = model().value(points[l]).numRows;
        s.reshape(rows, points[l].width());
        RowMapping.fill(projection.data, projection.numRows, projection.numCols, offsets[l], points[l].width(),
                factors[groups[l]], s.data, rows);
        return s;
    }

    /** @return the projectors this rule sends the errors through, one per error group, in group order */
    public List<RandomProjector> projectors() {
        return projectors;
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

    /**
     * @param group an error group, from 0
     * @return the factor {@code s_g} that group's projection is multiplied by: 1 or {@code 1/√m_g}
     */
    public float scaleFactor(int group) {
        return factors[group];
    }

    /**
     * @param l feedback point index, from 0
     * @return {@code o_l}, the first column of its group's projection that point l takes
     */
    public int feedbackOffset(int l) {
        return offsets[l];
    }

    /**
     * @param group an error group, from 0
     * @return the error e at that group's error point in the last step (owned by the rule)
     */
    public FMatrixRMaj error(int group) {
        requireStep();
        return errors[group];
    }

    /**
     * @param group an error group, from 0
     * @return the unscaled projection {@code e_g·B_gᵀ} of that group in the last step, rows × m_g
     *     (owned by the rule), e.g. to compare a hardware projector with the exact one
     */
    public FMatrixRMaj projection(int group) {
        return projections[group];
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

package org.opudfa.dfa.rule;

import java.util.List;
import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.model.Network;
import org.opudfa.dfa.nn.Layer;
import org.opudfa.dfa.nn.Parameter;
import org.opudfa.opu.RandomProjector;

/**
 * Direct Feedback Alignment (Nøkland 2016; Launay et al. 2020). The output error
 * {@code e = ∂L/∂ŷ} (batch × k) is projected once per batch by the {@link RandomProjector},
 * {@code P = e·Bᵀ} (batch × m); the gradient arriving at feedback point l (the output of hidden
 * block l) is replaced by {@code s·P[:, o_l : o_l + d_l]}, where {@code o_l} is the block's offset
 * in the projection ({@link FeedbackLayout}) and {@code s} the scale ({@link FeedbackScale}).
 * Inside a block the signal is backpropagated as usual (for a dense block with activation f,
 * {@code δ_l = (B_l e) ⊙ f'(a_l)} and {@code ∂W_l = δ_lᵀ h_{l−1}}); nothing flows from one block
 * to the block below. The output head gets its true gradient.
 *
 * <p>The rule does not know what the projector is (exact CPU matrix, simulated optical device):
 * only its dimensions, which must be those of {@link #projectorShape}.
 */
public final class DirectFeedbackAlignment extends AbstractTrainingRule {

    private final RandomProjector projector;
    private final FeedbackLayout layout;
    private final FeedbackScale scale;
    private final float factor;
    private final Layer[] blocks;
    private final int[] offsets;
    private final int[] widths;
    private final FMatrixRMaj projection = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj[] signals;

    /**
     * @param network   the network to train, with at least one hidden block
     * @param projector the projection of the error, of dimensions {@link #projectorShape}
     * @param layout    how the blocks share the projection
     * @param scale     the factor applied to the projection
     * @throws IllegalArgumentException if the network has no hidden block or the projector's
     *     dimensions are not the ones the network and layout need
     */
    public DirectFeedbackAlignment(Network network, RandomProjector projector, FeedbackLayout layout,
                                   FeedbackScale scale) {
        super(network);
        this.projector = Objects.requireNonNull(projector, "projector");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.scale = Objects.requireNonNull(scale, "scale");
        ProjectorShape shape = projectorShape(network, layout);
        if (projector.inputDimension() != shape.inputDimension()
                || projector.outputDimension() != shape.outputDimension()) {
            throw new IllegalArgumentException("the feedback projector must map " + shape.inputDimension()
                    + " network outputs to " + shape.outputDimension() + " feedback values (" + layout
                    + " layout), got " + projector.inputDimension() + " inputs and " + projector.outputDimension()
                    + " outputs");
        }
        this.factor = scale == FeedbackScale.NONE ? 1f : (float) (1.0 / Math.sqrt(shape.outputDimension()));
        int count = network.blockCount();
        this.blocks = network.blocks().toArray(new Layer[0]);
        this.offsets = new int[count];
        this.widths = new int[count];
        this.signals = new FMatrixRMaj[count];
        int offset = 0;
        for (int l = 0; l < count; l++) {
            widths[l] = network.blockWidth(l);
            offsets[l] = layout == FeedbackLayout.SHARED ? 0 : offset;
            offset += widths[l];
            signals[l] = new FMatrixRMaj(1, widths[l]);
        }
    }

    /**
     * The projector dimensions a network needs: input {@code k} (its outputs), output
     * {@code Σ_l d_l} for {@link FeedbackLayout#SEPARATE} or {@code max_l d_l} for
     * {@link FeedbackLayout#SHARED}.
     *
     * @param network the network
     * @param layout  the feedback layout
     * @return the projector's shape
     * @throws IllegalArgumentException if the network has no hidden block
     */
    public static ProjectorShape projectorShape(Network network, FeedbackLayout layout) {
        Objects.requireNonNull(layout, "layout");
        if (network.blockCount() < 1) {
            throw new IllegalArgumentException(
                    "direct feedback alignment needs at least 1 hidden block, got 0");
        }
        int sum = 0;
        int max = 0;
        for (int l = 0; l < network.blockCount(); l++) {
            sum += network.blockWidth(l);
            max = Math.max(max, network.blockWidth(l));
        }
        return new ProjectorShape(network.outputWidth(), layout == FeedbackLayout.SHARED ? max : sum);
    }

    @Override
    protected void computeGradients(FMatrixRMaj error) {
        network().head().backwardToParameters(error);
        projector.project(error, reshaped(projection, error.numRows, projector.outputDimension()));
        int rows = error.numRows;
        int m = projection.numCols;
        float[] p = projection.data;
        for (int l = 0; l < blocks.length; l++) {
            FMatrixRMaj s = signals[l];
            int d = widths[l];
            s.reshape(rows, d);
            float[] sd = s.data;
            int off = offsets[l];
            for (int r = 0; r < rows; r++) {
                int src = r * m + off;
                int dst = r * d;
                for (int j = 0; j < d; j++) {
                    sd[dst + j] = factor * p[src + j];
                }
            }
            blocks[l].backwardToParameters(s);
        }
    }

    private static FMatrixRMaj reshaped(FMatrixRMaj m, int rows, int cols) {
        m.reshape(rows, cols);
        return m;
    }

    /** @return the projector this rule sends the error through */
    public RandomProjector projector() {
        return projector;
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
     * @param l hidden block index, from 0
     * @return {@code o_l}, the first column of the projection that block l takes
     */
    public int feedbackOffset(int l) {
        return offsets[l];
    }

    /**
     * @return the unscaled projection {@code e·Bᵀ} of the last step, batch × m (owned by the rule),
     *     e.g. to compare a hardware projector with the exact one
     */
    public FMatrixRMaj projection() {
        return projection;
    }

    /**
     * @param l hidden block index, from 0
     * @return the signal injected at feedback point l in the last step, batch × d_l (owned by the rule)
     */
    public FMatrixRMaj feedbackSignal(int l) {
        return signals[l];
    }

    /** @return every parameter of the network: hidden blocks learn from the feedback, the head from e */
    @Override
    public List<Parameter> trainedParameters() {
        return network().parameters();
    }

    /** @return {@code "dfa"} */
    @Override
    public String name() {
        return "dfa";
    }
}

package org.opudfa.dfa.task.nerf;

import java.util.Objects;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.dfa.graph.Tensor;
import org.opudfa.dfa.rule.FeedbackLayout;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;

/**
 * DFA's projector for NeRF that keeps the density error out of the colour branch's feedback.
 * NeRF's error, the gradient at the raw output {@code (r̃, g̃, b̃, σ̃)} of each sample point, is
 * mostly density (its column is tens of times larger than the colour columns: the colour's gradient
 * passes through the sigmoid's slope and the sample's weight). The trunk's feedback points need
 * both parts, but the colour branch (the feature and view layers) cannot change the density, so
 * in a projection of the whole error {@code B·e = B·(e_rgb, 0) + B·(0, e_σ)} its points receive a
 * density term they cannot align with, and which drowns the colour term.
 *
 * <p>This projector projects the two parts apart: with the {@link FeedbackLayout#SEPARATE} layout,
 * the first {@code t} columns of the projection (the trunk's feedback points) get
 * {@code P(e_rgb, 0) + P(0, e_σ)}, the projection of the whole error for a linear projector, and the
 * colour branch's columns get {@code P(e_rgb, 0)} only. For an exact projector {@code P(e) = e·Bᵀ}
 * this is DFA with a feedback matrix {@code B'} whose colour-branch rows have a zero density
 * column, {@code B'[c, σ] = 0} for {@code c ≥ t}, and it is computed so: one product
 * {@code e·B'ᵀ} on the run's threads, equal to the sum of the two parts' projections up to float
 * rounding (the trunk's columns add the density term inside the product's sum instead of after
 * it). The simulated device shows the two parts as separate vectors, so its quantisation keeps the
 * colour part even where the density part is much larger: that path projects twice.
 *
 * <p>Allocates nothing once it has seen a batch as large. Not thread-safe, as the projectors.
 */
public final class SplitErrorProjector implements RandomProjector {

    private final RandomProjector projector;
    private final int trunkColumns;
    /** For an exact projector, the one product with B' that replaces the two projections; else null. */
    private final DenseProjector folded;
    private final FMatrixRMaj part = new FMatrixRMaj(1, VolumeRendering.RAW_WIDTH);
    private final FMatrixRMaj density = new FMatrixRMaj(1, 1);

    /**
     * @param projector    the projector of the raw error (4 inputs), for the separate layout
     * @param trunkColumns {@code t}, the projection's columns that take the whole error, from 0 to
     *                     its output dimension
     * @param gemm         the matrix product an exact projector's one product {@code e·B'ᵀ} runs on
     *                     (the run's threads)
     * @throws IllegalArgumentException if the projector does not take 4 inputs or {@code t} is out of range
     */
    public SplitErrorProjector(RandomProjector projector, int trunkColumns, Gemm gemm) {
        this.projector = Objects.requireNonNull(projector, "projector");
        if (projector.inputDimension() != VolumeRendering.RAW_WIDTH) {
            throw new IllegalArgumentException("splitting NeRF's error needs a projector of the " + VolumeRendering.RAW_WIDTH
                    + " raw outputs (r, g, b, density), got one of " + projector.inputDimension() + " inputs");
        }
        if (trunkColumns < 0 || trunkColumns > projector.outputDimension()) {
            throw new IllegalArgumentException("the trunk's columns must be between 0 and the projection's "
                    + projector.outputDimension() + ", got " + trunkColumns);
        }
        this.trunkColumns = trunkColumns;
        this.folded = projector instanceof DenseProjector exact
                ? DenseProjector.of(withoutColourDensity(exact.matrix(), trunkColumns),
                        Objects.requireNonNull(gemm, "gemm"))
                : null;
    }

    /** Zeroes the density column of the rows from {@code trunkColumns} on: B' from B (m × 4), in place. */
    private static FMatrixRMaj withoutColourDensity(FMatrixRMaj b, int trunkColumns) {
        int density = VolumeRendering.RAW_WIDTH - 1;
        for (int c = trunkColumns; c < b.numRows; c++) {
            b.set(c, density, 0f);
        }
        return b;
    }

    /**
     * The projector of one network of a {@link NerfModel} (one error group: the coarse network is
     * group 0, the fine one group 1): the trunk's columns are those of the group's feedback points
     * before its colour branch's ({@link NerfModel#isColourBranchPoint}).
     *
     * @param model     a model built by {@link NerfModel#build}
     * @param group     the error group (network) the projector serves
     * @param projector the projector the settings describe for that group, sized for the separate layout
     * @param gemm      the run's matrix product, for an exact projector's one product
     * @return the splitting projector
     * @throws IllegalArgumentException if the projector is not sized for the separate layout
     */
    public static SplitErrorProjector forModel(Graph model, int group, RandomProjector projector, Gemm gemm) {
        int total = 0;
        int trunk = -1;
        for (int l = 0; l < model.feedbackPoints().size(); l++) {
            if (model.errorGroup(l) != group) {
                continue;
            }
            Tensor t = model.feedbackPoints().get(l);
            if (trunk < 0 && NerfModel.isColourBranchPoint(t.name())) {
                trunk = total;
            }
            total += t.width();
        }
        if (projector.outputDimension() != total) {
            throw new IllegalArgumentException("keeping the density error out of the colour branch needs the separate "
                    + "feedback layout (a projection of " + total + " columns, one slice per feedback point), got a "
                    + "projection of " + projector.outputDimension() + " columns; set the feedback layout to separate");
        }
        return new SplitErrorProjector(projector, trunk < 0 ? total : trunk, gemm);
    }

    /** @return the wrapped projector */
    public RandomProjector projector() {
        return projector;
    }

    /** @return {@code t}, the columns that take the whole error */
    public int trunkColumns() {
        return trunkColumns;
    }

    @Override
    public int inputDimension() {
        return projector.inputDimension();
    }

    @Override
    public int outputDimension() {
        return projector.outputDimension();
    }

    /**
     * @param in  the error, rows × 4
     * @param out receives the projection, rows × m: the whole error's in the first t columns, the
     *            colour part's in the rest
     */
    @Override
    public void project(FMatrixRMaj in, FMatrixRMaj out) {
        int k = VolumeRendering.RAW_WIDTH;
        if (in.numCols != k) {
            throw new IllegalArgumentException("the error to split must have " + k + " columns (r, g, b, density), got "
                    + in.numCols);
        }
        if (folded != null) {
            folded.project(in, out);
        } else {
            projectParts(in, out);
        }
    }

    /** The two projections, {@code P(e_rgb, 0)} and {@code P(0, e_σ)}, summed in the trunk's columns. */
    private void projectParts(FMatrixRMaj in, FMatrixRMaj out) {
        int k = VolumeRendering.RAW_WIDTH;
        int rows = in.numRows;
        int m = projector.outputDimension();
        part.reshape(rows, k);
        float[] e = in.data;
        float[] p = part.data;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(e, r * k, p, r * k, k - 1);
            p[r * k + k - 1] = 0f;
        }
        projector.project(part, out);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k - 1; j++) {
                p[r * k + j] = 0f;
            }
            p[r * k + k - 1] = e[r * k + k - 1];
        }
        density.reshape(rows, m);
        projector.project(part, density);
        float[] o = out.data;
        float[] d = density.data;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < trunkColumns; c++) {
                o[r * m + c] += d[r * m + c];
            }
        }
    }

    /** @return the wrapped projector's cost, or for an exact projector the cost of its one product */
    @Override
    public ProjectionCost cost() {
        return folded != null ? folded.cost() : projector.cost();
    }
}

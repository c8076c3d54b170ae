package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class SplitErrorProjectorTest {

    /** Float sums of 4 products of order 1e-5. */
    private static final double TOLERANCE = 1e-11;

    /** Three sample points' raw errors: density an order of magnitude above colour, as in training. */
    private static final FMatrixRMaj ERROR = new FMatrixRMaj(3, 4, true,
            1e-6f, -2e-6f, 5e-7f, 4e-5f,
            0f, 3e-7f, -1e-6f, -2e-5f,
            2e-6f, 0f, 1e-7f, 1e-5f);

    @Test
    void theTrunkGetsTheWholeErrorsProjectionAndTheColourBranchTheColourPartsOnly() {
        DenseProjector exact = DenseProjector.gaussian(10, 4, 3);
        SplitErrorProjector split = new SplitErrorProjector(exact, 6);
        FMatrixRMaj out = new FMatrixRMaj(3, 10);
        split.project(ERROR, out);
        FMatrixRMaj b = exact.matrix();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 10; c++) {
                double colour = 0;
                for (int j = 0; j < 3; j++) {
                    colour += (double) b.get(c, j) * ERROR.get(r, j);
                }
                double whole = colour + (double) b.get(c, 3) * ERROR.get(r, 3);
                assertEquals(c < 6 ? whole : colour, out.get(r, c), TOLERANCE, "row " + r + ", column " + c);
            }
        }
    }

    @Test
    void theTrunksColumnsAreThoseOfTheFeedbackPointsBeforeTheColourBranch() {
        Graph model = NerfModel.build(new NerfModel.Shape(2, 16, 8, 2, 1), 4, Background.WHITE,
                RandomStreams.of(0).stream("init"), Gemm.singleThreaded());
        SplitErrorProjector split = SplitErrorProjector.forModel(model, 0, DenseProjector.gaussian(16 + 16 + 16 + 8, 4, 1));
        assertEquals(2 * 16, split.trunkColumns(), "two trunk layers of 16 before the feature (16) and view (8) layers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SplitErrorProjector.forModel(model, 0, DenseProjector.gaussian(16, 4, 1)));
        assertEquals("keeping the density error out of the colour branch needs the separate feedback layout (a "
                + "projection of 56 columns, one slice per feedback point), got a projection of 16 columns; set "
                + "the feedback layout to separate", e.getMessage());
    }

    @Test
    void refusesAProjectorOfAnotherInputWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SplitErrorProjector(DenseProjector.gaussian(10, 3, 1), 6));
        assertEquals("splitting NeRF's error needs a projector of the 4 raw outputs (r, g, b, density), got one of 3 "
                + "inputs", e.getMessage());
    }
}

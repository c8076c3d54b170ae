package org.opudfa.dfa.task.nerf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.FMatrixRMaj;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.graph.Graph;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.ProjectionCost;
import org.opudfa.opu.RandomProjector;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

class SplitErrorProjectorTest {

    /** Float sums of 4 products of order 1e-5. */
    private static final double TOLERANCE = 1e-11;
    /** Float rounding of a sum of 4 products: a few units in the last place of the sum of their magnitudes. */
    private static final double ROUNDING = 4 * Math.ulp(1f);

    /** Three sample points' raw errors: density an order of magnitude above colour, as in training. */
    private static final FMatrixRMaj ERROR = new FMatrixRMaj(3, 4, true,
            1e-6f, -2e-6f, 5e-7f, 4e-5f,
            0f, 3e-7f, -1e-6f, -2e-5f,
            2e-6f, 0f, 1e-7f, 1e-5f);

    @Test
    void theTrunkGetsTheWholeErrorsProjectionAndTheColourBranchTheColourPartsOnly() {
        DenseProjector exact = DenseProjector.gaussian(10, 4, 3);
        SplitErrorProjector split = new SplitErrorProjector(exact, 6, Gemm.singleThreaded());
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

    /**
     * The exact projector's one product with B' against the two projections it replaces, the colour
     * part's and the density part's, summed in the trunk's columns (the computation of the simulated
     * device's path, here with the exact projector): equal up to float rounding, on a batch of many
     * rows and a projection as wide as NeRF's, on two threads.
     */
    @Test
    void theExactProjectorsOneProductEqualsTheSumOfTheTwoPartsProjections() {
        int rows = 300;
        int m = 4 * 32 + 32 + 16;
        int trunk = 4 * 32;
        UniformRandomProvider rng = RandomStreams.of(7).stream("error");
        FMatrixRMaj error = new FMatrixRMaj(rows, 4);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 4; j++) {
                error.set(r, j, (float) ((rng.nextDouble() - 0.5) * (j == 3 ? 1e-4 : 1e-5)));
            }
        }
        DenseProjector exact = DenseProjector.gaussian(m, 4, 5);
        FMatrixRMaj colour = new FMatrixRMaj(error);
        FMatrixRMaj density = new FMatrixRMaj(error);
        for (int r = 0; r < rows; r++) {
            colour.set(r, 3, 0f);
            for (int j = 0; j < 3; j++) {
                density.set(r, j, 0f);
            }
        }
        FMatrixRMaj twoParts = new FMatrixRMaj(rows, m);
        FMatrixRMaj densityPart = new FMatrixRMaj(rows, m);
        exact.project(colour, twoParts);
        exact.project(density, densityPart);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < trunk; c++) {
                twoParts.set(r, c, twoParts.get(r, c) + densityPart.get(r, c));
            }
        }
        FMatrixRMaj out = new FMatrixRMaj(rows, m);
        FMatrixRMaj device = new FMatrixRMaj(rows, m);
        try (Gemm gemm = Gemm.withThreads(2)) {
            new SplitErrorProjector(exact, trunk, gemm).project(error, out);
            new SplitErrorProjector(notExact(exact), trunk, gemm).project(error, device);
        }
        assertArrayEquals(twoParts.data, device.data, "a projector that is not exact projects the two parts");
        FMatrixRMaj b = exact.matrix();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < m; c++) {
                double expected = twoParts.get(r, c);
                double scale = 0;
                for (int j = 0; j < 4; j++) {
                    scale += Math.abs((double) error.get(r, j) * b.get(c, j));
                }
                assertEquals(expected, out.get(r, c), ROUNDING * scale, "row " + r + ", column " + c);
            }
        }
    }

    /** The same projection as {@code exact}, seen as any projector (as the simulated device is). */
    private static RandomProjector notExact(DenseProjector exact) {
        return new RandomProjector() {
            @Override
            public int inputDimension() {
                return exact.inputDimension();
            }

            @Override
            public int outputDimension() {
                return exact.outputDimension();
            }

            @Override
            public void project(FMatrixRMaj in, FMatrixRMaj out) {
                exact.project(in, out);
            }

            @Override
            public ProjectionCost cost() {
                return exact.cost();
            }
        };
    }

    @Test
    void theTrunksColumnsAreThoseOfTheFeedbackPointsBeforeTheColourBranch() {
        Graph model = NerfModel.build(new NerfModel.Shape(2, 16, 8, 2, 1), 4, Background.WHITE,
                RandomStreams.of(0).stream("init"), Gemm.singleThreaded());
        SplitErrorProjector split = SplitErrorProjector.forModel(model, 0,
                DenseProjector.gaussian(16 + 16 + 16 + 8, 4, 1), Gemm.singleThreaded());
        assertEquals(2 * 16, split.trunkColumns(), "two trunk layers of 16 before the feature (16) and view (8) layers");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SplitErrorProjector.forModel(model, 0, DenseProjector.gaussian(16, 4, 1), Gemm.singleThreaded()));
        assertEquals("keeping the density error out of the colour branch needs the separate feedback layout (a "
                + "projection of 56 columns, one slice per feedback point), got a projection of 16 columns; set "
                + "the feedback layout to separate", e.getMessage());
    }

    @Test
    void refusesAProjectorOfAnotherInputWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SplitErrorProjector(DenseProjector.gaussian(10, 3, 1), 6, Gemm.singleThreaded()));
        assertEquals("splitting NeRF's error needs a projector of the 4 raw outputs (r, g, b, density), got one of 3 "
                + "inputs", e.getMessage());
    }
}

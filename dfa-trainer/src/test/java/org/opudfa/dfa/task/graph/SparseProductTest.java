package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.nn.GradientCheck;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.rng.RandomStreams;

/** CSR matrices and sparse × dense products against dense arithmetic. */
class SparseProductTest {

    /** Float sums of a few dozen terms of size ~1, in another order than the dense product's. */
    private static final float TOLERANCE = 1e-5f;

    private static CsrMatrix random(int rows, int cols, double density, UniformRandomProvider rng) {
        FMatrixRMaj d = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < d.data.length; i++) {
            d.data[i] = rng.nextDouble() < density ? (float) (2 * rng.nextDouble() - 1) : 0f;
        }
        return CsrMatrix.fromDense(d);
    }

    @Test
    void fromEntriesSortsRowsAndAddsRepeatedEntries() {
        CsrMatrix m = CsrMatrix.fromEntries(2, 3, 4, new int[] {1, 0, 1, 1}, new int[] {2, 1, 0, 2},
                new float[] {1f, 2f, 3f, 4f});
        assertArrayEquals(new int[] {0, 1, 3}, m.rowStart());
        assertArrayEquals(new int[] {1, 0, 2}, m.columns());
        assertArrayEquals(new float[] {2f, 3f, 5f}, m.values());
    }

    @Test
    void refusesUnsortedColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(1, 3, new int[] {0, 2}, new int[] {2, 1}, new float[] {1f, 1f}));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
    }

    @Test
    void transpositionMapsEveryEntry() {
        UniformRandomProvider rng = RandomStreams.of(1).stream("t");
        CsrMatrix a = random(9, 13, 0.3, rng);
        CsrMatrix.Transposition t = a.transposition();
        FMatrixRMaj expected = CommonOps_FDRM.transpose(a.toDense(), null);
        assertArrayEquals(expected.data, t.matrix().toDense().data);
        for (int e = 0; e < t.source().length; e++) {
            assertEquals(a.values()[t.source()[e]], t.matrix().values()[e]);
        }
        assertTrue(GraphOperators.gcnPropagation(KarateClub.graph().adjacency()).isSymmetric());
    }

    @Test
    void productMatchesTheDenseProduct() {
        UniformRandomProvider rng = RandomStreams.of(2).stream("t");
        CsrMatrix a = random(40, 30, 0.2, rng);
        FMatrixRMaj b = GradientCheck.uniform(30, 7, rng);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        new SparseProduct(Gemm.singleThreaded()).multiply(a, b, c);
        FMatrixRMaj expected = new FMatrixRMaj(40, 7);
        CommonOps_FDRM.mult(a.toDense(), b, expected);
        assertArrayEquals(expected.data, c.data, TOLERANCE);
    }

    @Test
    void blockProductScalesAndAccumulates() {
        UniformRandomProvider rng = RandomStreams.of(3).stream("t");
        CsrMatrix a = random(10, 12, 0.3, rng);
        FMatrixRMaj b = GradientCheck.uniform(12, 9, rng);
        FMatrixRMaj c = GradientCheck.uniform(10, 8, rng);
        FMatrixRMaj before = c.copy();
        // C[:, 5:8] = 2·A·B[:, 2:5] − C[:, 5:8]
        new SparseProduct(Gemm.singleThreaded()).multiply(a, 2f, b, 2, c, 5, 3, -1f);
        FMatrixRMaj block = CommonOps_FDRM.extract(b, 0, 12, 2, 5);
        FMatrixRMaj ab = new FMatrixRMaj(10, 3);
        CommonOps_FDRM.mult(a.toDense(), block, ab);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 8; j++) {
                float want = j >= 5 ? 2 * ab.get(i, j - 5) - before.get(i, j) : before.get(i, j);
                assertEquals(want, c.get(i, j), TOLERANCE, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void threadsGiveTheSameBits() {
        UniformRandomProvider rng = RandomStreams.of(4).stream("t");
        // large enough to run in parallel, with a few very long rows (a power-law graph's hubs)
        CitationGraph g = CitationGraphGenerator.coraLike().generate("g", 4);
        CsrMatrix a = GraphOperators.gcnPropagation(g.adjacency());
        FMatrixRMaj b = GradientCheck.uniform(a.cols(), 64, rng);
        assertTrue((long) a.nonZeros() * 64 >= SparseProduct.PARALLEL_MIN_MULTIPLY_ADDS);
        FMatrixRMaj one = new FMatrixRMaj(1, 1);
        FMatrixRMaj two = new FMatrixRMaj(1, 1);
        try (Gemm serial = Gemm.singleThreaded(); Gemm parallel = Gemm.withThreads(3)) {
            new SparseProduct(serial).multiply(a, b, one);
            new SparseProduct(parallel).multiply(a, b, two);
        }
        assertArrayEquals(one.data, two.data);
    }

    @Test
    void refusesMismatchedShapes() {
        CsrMatrix a = CsrMatrix.fromDense(new FMatrixRMaj(3, 4));
        assertThrows(IllegalArgumentException.class,
                () -> new SparseProduct(Gemm.singleThreaded()).multiply(a, new FMatrixRMaj(3, 2), new FMatrixRMaj(3, 2)));
    }
}

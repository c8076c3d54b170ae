package org.opudfa.opu.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opudfa.opu.AllocationMeter;

class GemmTest {

    private static final long SEED = 20_261_127L;
    /** a product of 2·130·300·220 ≈ 17.2 M operations, above {@link Gemm#PARALLEL_MIN_FLOPS} */
    private static final int[] PARALLEL_SHAPE = {130, 300, 220};
    /** how long a closed GEMM's workers may take to notice */
    private static final long THREAD_STOP_MILLIS = 5_000;
    /** a product of 2·64·96·64 ≈ 0.8 M operations: quick even before the kernel is compiled */
    private static final int[] COMPILE_SHAPE = {64, 96, 64};
    /** products per allocation-counting window */
    private static final int WINDOW_PRODUCTS = 100;
    /** windows the vector kernel may take to be compiled: far more than it needs */
    private static final int MAX_COMPILE_WINDOWS = 500;
    /** windows that must stay quiet once it is */
    private static final int QUIET_WINDOWS = 3;
    /** bytes a warmed-up product may allocate on the calling thread */
    private static final long ALLOWED_ALLOCATION_BYTES = 0;

    /** (m, n, k): 1, sizes that are not multiples of any vector width or block, and several blocks */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 17, 33}, {17, 33, 3}, {33, 3, 17}, {130, 17, 33}, {1, 130, 300},
        {130, 1, 17}, {33, 130, 1}, {40, 33, 513}, {300, 257, 20},
    };

    static Stream<GemmImplementation> implementations() {
        return Stream.of(GemmImplementation.values()).filter(GemmImplementation::isAvailable);
    }

    static Stream<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        implementations().forEach(impl -> {
            for (int v = 0; v < 4; v++) {
                for (int[] s : SHAPES) {
                    cases.add(Arguments.of(impl, (v & 1) != 0, (v & 2) != 0, s[0], s[1], s[2]));
                }
            }
        });
        return cases.stream();
    }

    static Stream<Arguments> scales() {
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 2f}, {-1.25f, 1f}, {2f, -0.5f}, {0f, 0.5f}, {0f, 0f}};
        List<Arguments> cases = new ArrayList<>();
        implementations().forEach(impl -> {
            for (int v = 0; v < 4; v++) {
                for (float[] ab : alphaBeta) {
                    cases.add(Arguments.of(impl, (v & 1) != 0, (v & 2) != 0, ab[0], ab[1]));
                }
            }
        });
        return cases.stream();
    }

    static Stream<Arguments> transposes() {
        List<Arguments> cases = new ArrayList<>();
        implementations().forEach(impl -> {
            for (int v = 0; v < 4; v++) {
                cases.add(Arguments.of(impl, (v & 1) != 0, (v & 2) != 0));
            }
        });
        return cases.stream();
    }

    private static FMatrixRMaj left(boolean transA, int m, int k, long seed) {
        return transA ? GemmReference.random(k, m, seed) : GemmReference.random(m, k, seed);
    }

    private static FMatrixRMaj right(boolean transB, int k, int n, long seed) {
        return transB ? GemmReference.random(n, k, seed) : GemmReference.random(k, n, seed);
    }

    /** Checks every entry of {@code actual} against the double reference within the rounding bound. */
    private static void assertProduct(boolean transA, boolean transB, float alpha, FMatrixRMaj a,
                                      FMatrixRMaj b, float beta, FMatrixRMaj c0, FMatrixRMaj actual,
                                      int m, int n, int k) {
        assertEquals(m, actual.numRows, "rows of C");
        assertEquals(n, actual.numCols, "columns of C");
        double[][][] reference = GemmReference.expected(transA, transB, alpha, a, b, beta, c0, m, n, k);
        double[][] want = reference[0];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double bound = GemmReference.ERROR_PER_TERM * (k + 2) * reference[1][i][j];
                double got = actual.get(i, j);
                assertTrue(Math.abs(got - want[i][j]) <= bound,
                        "C(" + i + ", " + j + ") = " + got + ", expected " + want[i][j] + " ± " + bound);
            }
        }
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} {3}×{4}×{5}")
    @MethodSource("shapes")
    void productMatchesDoubleReference(GemmImplementation impl, boolean transA, boolean transB,
                                       int m, int n, int k) {
        FMatrixRMaj a = left(transA, m, k, SEED);
        FMatrixRMaj b = right(transB, k, n, SEED + 1);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.gemm(transA, transB, 1.5f, a, b, 0f, c);
        }
        assertProduct(transA, transB, 1.5f, a, b, 0f, null, c, m, n, k);
    }

    /**
     * Consecutive tiles of one product share their packed {@code op(B)} when it has one k-block;
     * the next product of the same shape, with another B (or the same array changed in place),
     * must pack its own.
     */
    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("transposes")
    void aNewProductPacksItsOwnRightOperand(GemmImplementation impl, boolean transA, boolean transB) {
        int m = 300;
        int n = 70;
        int k = 20;
        FMatrixRMaj a = left(transA, m, k, SEED);
        FMatrixRMaj b = right(transB, k, n, SEED + 1);
        FMatrixRMaj other = right(transB, k, n, SEED + 2);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.gemm(transA, transB, 1f, a, b, 0f, c);
            gemm.gemm(transA, transB, 1f, a, other, 0f, c);
            assertProduct(transA, transB, 1f, a, other, 0f, null, c, m, n, k);
            System.arraycopy(b.data, 0, other.data, 0, b.data.length);
            gemm.gemm(transA, transB, 1f, a, other, 0f, c);
            assertProduct(transA, transB, 1f, a, b, 0f, null, c, m, n, k);
        }
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} α={3} β={4}")
    @MethodSource("scales")
    void rowVectorIsAddedToEveryRow(GemmImplementation impl, boolean transA, boolean transB, float alpha,
                                    float beta) {
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            FMatrixRMaj a = left(transA, m, k, SEED + 30);
            FMatrixRMaj b = right(transB, k, n, SEED + 31);
            FMatrixRMaj row = GemmReference.random(1, n, SEED + 32);
            FMatrixRMaj c0 = GemmReference.random(m, n, SEED + 33);
            FMatrixRMaj c = c0.copy();
            try (Gemm gemm = Gemm.withThreads(1, impl)) {
                gemm.gemm(transA, transB, alpha, a, b, beta, row, c);
            }
            double[][][] reference = GemmReference.expected(transA, transB, alpha, a, b, beta, c0, m, n, k);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = reference[0][i][j] + row.get(0, j);
                    double bound = GemmReference.ERROR_PER_TERM * (k + 3)
                            * (reference[1][i][j] + Math.abs(row.get(0, j)));
                    assertTrue(Math.abs(c.get(i, j) - want) <= bound, impl + " " + m + "×" + n + "×" + k + ": C(" + i
                            + ", " + j + ") = " + c.get(i, j) + ", expected " + want + " ± " + bound);
                }
            }
        }
    }

    /**
     * Thin products (one column, one row, or an inner dimension of 1) skip the tiles but not their
     * arithmetic: each gives the bits of the same entries of a product two wide on its thin side,
     * computed in tiles, with several k-blocks, every transpose, the scales, and a row vector.
     */
    @ParameterizedTest(name = "{0} transA={1} transB={2} α={3} β={4}")
    @MethodSource("scales")
    void thinProductsHaveTheBitsOfTiledOnes(GemmImplementation impl, boolean transA, boolean transB,
                                            float alpha, float beta) {
        int deep = 3 * 256 + 5;
        // {m, n, k} of the thin product; the tiled one doubles its thin side
        int[][] thin = {{37, 1, deep}, {1, 37, deep}, {37, 41, 1}};
        for (int[] shape : thin) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            int wideM = m == 1 ? 2 : m;
            int wideN = n == 1 ? 2 : n;
            int wideK = k == 1 ? 2 : k;
            FMatrixRMaj a = left(transA, wideM, wideK, SEED + 40);
            FMatrixRMaj b = right(transB, wideK, wideN, SEED + 41);
            if (k == 1) {
                // the second term of each wide entry is a zero product: 0·x adds +0 or −0 to the first
                // term, which leaves it as it is, so the wide entries are the thin ones
                zeroSecondK(a, transA);
            }
            FMatrixRMaj thinA = transA ? CommonOps_FDRM.extract(a, 0, k, 0, m) : CommonOps_FDRM.extract(a, 0, m, 0, k);
            FMatrixRMaj thinB = transB ? CommonOps_FDRM.extract(b, 0, n, 0, k) : CommonOps_FDRM.extract(b, 0, k, 0, n);
            FMatrixRMaj c0 = GemmReference.random(wideM, wideN, SEED + 42);
            FMatrixRMaj row = GemmReference.random(1, wideN, SEED + 43);
            for (boolean withRow : new boolean[] {false, true}) {
                FMatrixRMaj wide = c0.copy();
                FMatrixRMaj narrow = CommonOps_FDRM.extract(c0, 0, m, 0, n);
                try (Gemm gemm = Gemm.withThreads(2, impl)) {
                    gemm.gemm(transA, transB, alpha, a, b, beta, withRow ? row : null, wide);
                    gemm.gemm(transA, transB, alpha, thinA, thinB, beta,
                            withRow ? CommonOps_FDRM.extract(row, 0, 1, 0, n) : null, narrow);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(Float.floatToIntBits(wide.get(i, j)), Float.floatToIntBits(narrow.get(i, j)),
                                m + "×" + n + "×" + k + ": C(" + i + ", " + j + ") with" + (withRow ? "" : "out")
                                        + " a row vector");
                    }
                }
            }
        }
    }

    /** Sets op(A)[i][1] = 0 for every i. */
    private static void zeroSecondK(FMatrixRMaj a, boolean transA) {
        if (transA) {
            for (int i = 0; i < a.numCols; i++) {
                a.set(1, i, 0f);
            }
        } else {
            for (int i = 0; i < a.numRows; i++) {
                a.set(i, 1, 0f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void rowVectorProductIsTheSameForAnyThreadCountAndIgnoresNaNWhenBetaIsZero(GemmImplementation impl) {
        FMatrixRMaj a = GemmReference.random(PARALLEL_SHAPE[0], PARALLEL_SHAPE[2], SEED + 34);
        FMatrixRMaj b = GemmReference.random(PARALLEL_SHAPE[1], PARALLEL_SHAPE[2], SEED + 35);
        FMatrixRMaj row = GemmReference.random(1, PARALLEL_SHAPE[1], SEED + 36);
        FMatrixRMaj one = new FMatrixRMaj(PARALLEL_SHAPE[0], PARALLEL_SHAPE[1]);
        Arrays.fill(one.data, Float.NaN);
        FMatrixRMaj two = new FMatrixRMaj(1, 1);
        try (Gemm g1 = Gemm.withThreads(1, impl); Gemm g2 = Gemm.withThreads(2, impl)) {
            g1.multTransBPlusRow(a, b, row, one);
            g2.multTransBPlusRow(a, b, row, two);
        }
        assertArrayEquals(one.data, two.data);
        double[][][] reference = GemmReference.expected(false, true, 1f, a, b, 0f, null, PARALLEL_SHAPE[0],
                PARALLEL_SHAPE[1], PARALLEL_SHAPE[2]);
        for (int i = 0; i < PARALLEL_SHAPE[0]; i++) {
            for (int j = 0; j < PARALLEL_SHAPE[1]; j++) {
                double want = reference[0][i][j] + row.get(0, j);
                double bound = GemmReference.ERROR_PER_TERM * (PARALLEL_SHAPE[2] + 3)
                        * (reference[1][i][j] + Math.abs(row.get(0, j)));
                assertTrue(Math.abs(one.get(i, j) - want) <= bound, "C(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void columnSumsAddTheRowsInOrderWithEitherKernel() {
        int[][] shapes = {{1, 1}, {3, 17}, {128, 1024}, {130, 77}, {5, 200}};
        for (int[] shape : shapes) {
            FMatrixRMaj a = GemmReference.random(shape[0], shape[1], SEED + 40);
            FMatrixRMaj start = GemmReference.random(1, shape[1], SEED + 41);
            float[] expected = start.data.clone();
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    expected[j] += a.get(i, j);
                }
            }
            implementations().forEach(impl -> {
                FMatrixRMaj sums = start.copy();
                try (Gemm gemm = Gemm.withThreads(1, impl)) {
                    gemm.addColumnSums(a, sums);
                }
                assertArrayEquals(expected, sums.data, 0f, impl + " " + shape[0] + "×" + shape[1]);
            });
        }
    }

    @Test
    void columnSumsOfTheWrongShapeOrSharingTheMatrixAreRejected() {
        FMatrixRMaj a = GemmReference.random(3, 4, SEED + 42);
        try (Gemm gemm = Gemm.withThreads(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gemm.addColumnSums(a, new FMatrixRMaj(1, 3)));
            assertEquals("the column sums of a 3×4 matrix go into a 1×4 vector, got 1×3", e.getMessage());
            FMatrixRMaj shared = new FMatrixRMaj(1, 4);
            shared.data = a.data;
            e = assertThrows(IllegalArgumentException.class, () -> gemm.addColumnSums(a, shared));
            assertEquals("the column sums must not share their data array with the matrix", e.getMessage());
        }
    }

    @Test
    void rowVectorOfTheWrongShapeOrSharingTheOutputIsRejected() {
        FMatrixRMaj a = GemmReference.random(3, 4, SEED + 37);
        FMatrixRMaj b = GemmReference.random(5, 4, SEED + 38);
        FMatrixRMaj c = new FMatrixRMaj(3, 5);
        try (Gemm gemm = Gemm.withThreads(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gemm.multTransBPlusRow(a, b, new FMatrixRMaj(1, 4), c));
            assertEquals("the row vector added to C must be 1×5, got 1×4", e.getMessage());
            FMatrixRMaj shared = new FMatrixRMaj(1, 5);
            shared.data = c.data;
            e = assertThrows(IllegalArgumentException.class, () -> gemm.multTransBPlusRow(a, b, shared, c));
            assertEquals("the row vector must not share its data array with the output", e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2} α={3} β={4}")
    @MethodSource("scales")
    void alphaAndBetaScaleProductAndPreviousOutput(GemmImplementation impl, boolean transA,
                                                   boolean transB, float alpha, float beta) {
        int m = 33;
        int n = 40;
        int k = 300;
        FMatrixRMaj a = left(transA, m, k, SEED + 2);
        FMatrixRMaj b = right(transB, k, n, SEED + 3);
        FMatrixRMaj c0 = GemmReference.random(m, n, SEED + 4);
        FMatrixRMaj c = c0.copy();
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.gemm(transA, transB, alpha, a, b, beta, c);
        }
        assertProduct(transA, transB, alpha, a, b, beta, c0, c, m, n, k);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("transposes")
    void betaZeroIgnoresNaNInOutput(GemmImplementation impl, boolean transA, boolean transB) {
        int m = 17;
        int n = 35;
        int k = 9;
        FMatrixRMaj a = left(transA, m, k, SEED + 5);
        FMatrixRMaj b = right(transB, k, n, SEED + 6);
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        Arrays.fill(c.data, Float.NaN);
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.gemm(transA, transB, 1f, a, b, 0f, c);
        }
        assertProduct(transA, transB, 1f, a, b, 0f, null, c, m, n, k);
    }

    @Test
    void parallelShapeIsLargeEnoughToUseTheWorkers() {
        assertTrue(2.0 * PARALLEL_SHAPE[0] * PARALLEL_SHAPE[1] * PARALLEL_SHAPE[2] >= Gemm.PARALLEL_MIN_FLOPS);
    }

    @ParameterizedTest(name = "{0} transA={1} transB={2}")
    @MethodSource("transposes")
    void twoThreadsGiveBitIdenticalResultsToOne(GemmImplementation impl, boolean transA, boolean transB) {
        int m = PARALLEL_SHAPE[0];
        int n = PARALLEL_SHAPE[1];
        int k = PARALLEL_SHAPE[2];
        FMatrixRMaj a = left(transA, m, k, SEED + 7);
        FMatrixRMaj b = right(transB, k, n, SEED + 8);
        FMatrixRMaj c0 = GemmReference.random(m, n, SEED + 9);
        FMatrixRMaj one = c0.copy();
        FMatrixRMaj two = c0.copy();
        try (Gemm serial = Gemm.withThreads(1, impl); Gemm parallel = Gemm.withThreads(2, impl)) {
            serial.gemm(transA, transB, 0.75f, a, b, -0.5f, one);
            parallel.gemm(transA, transB, 0.75f, a, b, -0.5f, two);
        }
        assertArrayEquals(one.data, two.data, "threads=1 and threads=2 must agree bit for bit");
        assertProduct(transA, transB, 0.75f, a, b, -0.5f, c0, two, m, n, k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void instanceIsReusableAcrossShapes(GemmImplementation impl) {
        try (Gemm gemm = Gemm.withThreads(2, impl)) {
            FMatrixRMaj c = new FMatrixRMaj(1, 1);
            for (int[] s : new int[][] {PARALLEL_SHAPE, {3, 5, 7}, {67, 33, 300}, {1, 1, 1}}) {
                FMatrixRMaj a = GemmReference.random(s[0], s[2], SEED + s[0]);
                FMatrixRMaj b = GemmReference.random(s[2], s[1], SEED + s[1]);
                gemm.mult(a, b, c);
                assertProduct(false, false, 1f, a, b, 0f, null, c, s[0], s[1], s[2]);
            }
        }
    }

    @Test
    void vectorAndScalarKernelsAgreeWithinRounding() {
        assumeTrue(GemmImplementation.VECTOR.isAvailable(), "needs the Vector API module");
        int m = 70;
        int n = 90;
        int k = 400;
        FMatrixRMaj a = GemmReference.random(m, k, SEED + 10);
        FMatrixRMaj b = GemmReference.random(n, k, SEED + 11);
        FMatrixRMaj vector = new FMatrixRMaj(m, n);
        FMatrixRMaj scalar = new FMatrixRMaj(m, n);
        try (Gemm v = Gemm.withThreads(1, GemmImplementation.VECTOR);
             Gemm s = Gemm.withThreads(1, GemmImplementation.SCALAR)) {
            v.multTransB(a, b, vector);
            s.multTransB(a, b, scalar);
        }
        double[][] scale = GemmReference.expected(false, true, 1, a, b, 0, null, m, n, k)[1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // each differs from the exact sum by at most the bound, so from each other by twice it
                double bound = 2 * GemmReference.ERROR_PER_TERM * (k + 2) * scale[i][j];
                assertTrue(Math.abs(vector.get(i, j) - scalar.get(i, j)) <= bound,
                        "vector and scalar differ at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void convenienceMethodsComputeTheirProducts() {
        FMatrixRMaj a = GemmReference.random(5, 7, SEED + 12);
        FMatrixRMaj b = GemmReference.random(7, 3, SEED + 13);
        FMatrixRMaj at = GemmReference.random(7, 5, SEED + 14);
        FMatrixRMaj bt = GemmReference.random(3, 7, SEED + 15);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        Gemm gemm = Gemm.singleThreaded();
        assertEquals(1, gemm.threads());
        gemm.mult(a, b, c);
        assertProduct(false, false, 1f, a, b, 0f, null, c, 5, 3, 7);
        gemm.multTransA(at, b, c);
        assertProduct(true, false, 1f, at, b, 0f, null, c, 5, 3, 7);
        gemm.multTransB(a, bt, c);
        assertProduct(false, true, 1f, a, bt, 0f, null, c, 5, 3, 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void zeroAlphaReadsNeitherOperand(GemmImplementation impl) {
        FMatrixRMaj a = new FMatrixRMaj(4, 6);
        Arrays.fill(a.data, Float.NaN);
        FMatrixRMaj b = GemmReference.random(6, 5, SEED + 16);
        FMatrixRMaj c0 = GemmReference.random(4, 5, SEED + 17);
        FMatrixRMaj c = c0.copy();
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.gemm(false, false, 0f, a, b, 3f, c);
        }
        for (int i = 0; i < c.data.length; i++) {
            assertEquals(3f * c0.data[i], c.data[i], "C = β·C when α = 0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void emptyInnerDimensionGivesScaledOutput(GemmImplementation impl) {
        FMatrixRMaj a = new FMatrixRMaj(4, 0);
        FMatrixRMaj b = new FMatrixRMaj(0, 3);
        FMatrixRMaj c = new FMatrixRMaj(4, 3);
        Arrays.fill(c.data, Float.NaN);
        try (Gemm gemm = Gemm.withThreads(1, impl)) {
            gemm.mult(a, b, c);
        }
        for (float v : c.data) {
            assertEquals(0f, v, "an empty sum is 0, and β = 0 ignores the NaN");
        }
    }

    @Test
    void emptyOutputIsReshapedAndLeftEmpty() {
        FMatrixRMaj c = new FMatrixRMaj(2, 2);
        Gemm.singleThreaded().mult(new FMatrixRMaj(0, 3), new FMatrixRMaj(3, 4), c);
        assertEquals(0, c.numRows);
        assertEquals(4, c.numCols);
    }

    @Test
    void productWithWrongInnerDimensionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().mult(new FMatrixRMaj(2, 3), new FMatrixRMaj(4, 5), new FMatrixRMaj(2, 5)));
        assertEquals("inner dimensions differ: op(A) is 2×3 but op(B) is 4×5", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().multTransA(new FMatrixRMaj(2, 3), new FMatrixRMaj(4, 5), new FMatrixRMaj(3, 5)));
        assertEquals("inner dimensions differ: op(A) is 3×2 but op(B) is 4×5", t.getMessage());
    }

    @Test
    void outputThatIsAnOperandIsRejected() {
        FMatrixRMaj a = new FMatrixRMaj(3, 3);
        FMatrixRMaj b = new FMatrixRMaj(3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().mult(a, b, a));
        assertEquals("the output matrix must not be one of the operands", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().mult(a, b, b));
        assertEquals("the output matrix must not be one of the operands", f.getMessage());
    }

    @Test
    void outputSharingAnOperandsArrayIsRejected() {
        FMatrixRMaj a = new FMatrixRMaj(3, 3);
        FMatrixRMaj b = new FMatrixRMaj(3, 3);
        FMatrixRMaj view = FMatrixRMaj.wrap(3, 3, b.data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().mult(a, b, view));
        assertEquals("the output matrix must not share its data array with an operand", e.getMessage());
    }

    @Test
    void accumulatingIntoWrongShapeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.singleThreaded().gemm(false, false, 1f, new FMatrixRMaj(2, 4),
                        new FMatrixRMaj(4, 5), 1f, new FMatrixRMaj(3, 3)));
        assertEquals("C must be 2×5 to accumulate into, got 3×3", e.getMessage());
    }

    @Test
    void threadCountOutOfRangeIsRejected() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> Gemm.withThreads(0));
        assertEquals("threads must be at least 1, got 0", low.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> Gemm.withThreads(Gemm.MAX_THREADS + 1, GemmImplementation.SCALAR));
        assertEquals("threads must be at most 256, got 257", high.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> Gemm.withThreads(2, null));
        assertEquals("implementation must not be null", none.getMessage());
    }

    @Test
    void instanceReportsItsConfiguration() {
        try (Gemm gemm = Gemm.withThreads(3, GemmImplementation.SCALAR)) {
            assertEquals(3, gemm.threads());
            assertEquals(GemmImplementation.SCALAR, gemm.implementation());
        }
        assertEquals(GemmImplementation.preferred(), Gemm.singleThreaded().implementation());
        assertEquals(GemmImplementation.preferred().description(), Gemm.implementationName());
    }

    @Test
    void closeStopsTheWorkerThreadsAndLaterProductsStillWork() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Gemm gemm = Gemm.withThreads(3, GemmImplementation.SCALAR);
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("gemm-worker"))
                .collect(Collectors.toList());
        assertEquals(2, workers.size(), "a 3-thread GEMM starts 2 workers besides the caller");
        for (Thread t : workers) {
            assertTrue(t.isDaemon(), t.getName() + " must be a daemon thread");
        }
        gemm.close();
        for (Thread t : workers) {
            t.join(THREAD_STOP_MILLIS);
            assertFalse(t.isAlive(), t.getName() + " must end after close()");
        }
        gemm.close();
        FMatrixRMaj a = GemmReference.random(PARALLEL_SHAPE[0], PARALLEL_SHAPE[2], SEED + 18);
        FMatrixRMaj b = GemmReference.random(PARALLEL_SHAPE[2], PARALLEL_SHAPE[1], SEED + 19);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        gemm.mult(a, b, c);
        assertProduct(false, false, 1f, a, b, 0f, null, c, PARALLEL_SHAPE[0], PARALLEL_SHAPE[1], PARALLEL_SHAPE[2]);
    }

    @ParameterizedTest(name = "threads={0}")
    @MethodSource("threadCounts")
    void warmedUpScalarProductAllocatesNothingOnTheCallingThread(int threads) {
        LongSupplier allocatedSoFar = AllocationMeter.threadCounter();
        FMatrixRMaj a = GemmReference.random(PARALLEL_SHAPE[0], PARALLEL_SHAPE[2], SEED + 20);
        FMatrixRMaj b = GemmReference.random(PARALLEL_SHAPE[1], PARALLEL_SHAPE[2], SEED + 21);
        FMatrixRMaj c = new FMatrixRMaj(PARALLEL_SHAPE[0], PARALLEL_SHAPE[1]);
        try (Gemm gemm = Gemm.withThreads(threads, GemmImplementation.SCALAR)) {
            gemm.multTransB(a, b, c);
            // The same product a few times first: with several threads the calling thread takes
            // whichever tiles it reaches first, so one warm-up product may not have shown it every
            // tile shape (and the packing buffers it grows for them).
            for (int i = 0; i < 3; i++) {
                gemm.gemm(false, true, 1f, a, b, 0.5f, c);
            }
            allocatedSoFar.getAsLong();
            long start = allocatedSoFar.getAsLong();
            for (int i = 0; i < 3; i++) {
                gemm.gemm(false, true, 1f, a, b, 0.5f, c);
            }
            long allocated = allocatedSoFar.getAsLong() - start;
            assertTrue(allocated <= ALLOWED_ALLOCATION_BYTES, "allocated " + allocated + " bytes");
        }
    }

    /**
     * The Vector API kernel allocates its vector objects until the JIT compiler has compiled it
     * (escape analysis then keeps them in registers); from then on a product allocates nothing.
     * Products are run until a window of them allocates nothing, which must happen within a bound
     * far above what compilation needs, and the following windows must stay at zero.
     */
    @Test
    void vectorProductAllocatesNothingOnceCompiled() {
        assumeTrue(GemmImplementation.VECTOR.isAvailable(), "needs the Vector API module");
        LongSupplier allocatedSoFar = AllocationMeter.threadCounter();
        FMatrixRMaj a = GemmReference.random(COMPILE_SHAPE[0], COMPILE_SHAPE[2], SEED + 22);
        FMatrixRMaj b = GemmReference.random(COMPILE_SHAPE[2], COMPILE_SHAPE[1], SEED + 23);
        FMatrixRMaj c = new FMatrixRMaj(COMPILE_SHAPE[0], COMPILE_SHAPE[1]);
        FMatrixRMaj square = new FMatrixRMaj(COMPILE_SHAPE[0], COMPILE_SHAPE[0]);
        try (Gemm gemm = Gemm.withThreads(1, GemmImplementation.VECTOR)) {
            int windows = 0;
            long allocated;
            do {
                long start = allocatedSoFar.getAsLong();
                for (int i = 0; i < WINDOW_PRODUCTS; i++) {
                    threeProducts(gemm, a, b, c, square);
                }
                allocated = allocatedSoFar.getAsLong() - start;
                windows++;
            } while (allocated > ALLOWED_ALLOCATION_BYTES && windows < MAX_COMPILE_WINDOWS);
            assertEquals(ALLOWED_ALLOCATION_BYTES, allocated, "still allocating after " + windows + " windows of "
                    + WINDOW_PRODUCTS + " triples of products");
            for (int w = 0; w < QUIET_WINDOWS; w++) {
                long start = allocatedSoFar.getAsLong();
                for (int i = 0; i < WINDOW_PRODUCTS; i++) {
                    threeProducts(gemm, a, b, c, square);
                }
                assertEquals(ALLOWED_ALLOCATION_BYTES, allocatedSoFar.getAsLong() - start,
                        "allocated again in window " + w + " after compilation");
            }
        }
    }

    /** the three products a training step uses: A·Bᵀ, Aᵀ·B and A·B accumulated */
    private static void threeProducts(Gemm gemm, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c, FMatrixRMaj square) {
        gemm.gemm(false, true, 1f, a, a, 0f, square);
        gemm.gemm(true, false, 1f, a, a, 0f, square);
        gemm.gemm(false, false, 1f, a, b, 0.5f, c);
    }

    static Stream<Integer> threadCounts() {
        return Stream.of(1, 2);
    }
}

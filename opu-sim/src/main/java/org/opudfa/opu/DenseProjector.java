package org.opudfa.opu;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.kernel.Gemm;
import org.opudfa.opu.kernel.MatrixChecks;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Exact CPU random projection with a dense, stored {@code m × n} matrix {@code W}:
 * {@code out = in · Wᵀ}, computed in float by {@link Gemm}.
 *
 * <p>Entries of {@code W} are i.i.d. and either Gaussian {@code N(0, scale²)} or uniform on
 * {@code [−scale, scale)}; the default scale is 1, so a Gaussian projector has unit-variance
 * entries and a uniform one has variance 1/3. {@code W} is drawn from the stream
 * {@code "projector.matrix"} of the given seed, row by row, so two projectors built with the
 * same arguments hold the same matrix.
 */
public final class DenseProjector implements RandomProjector {

    /** How the entries of {@code W} are distributed. */
    public enum Distribution {
        /** {@code N(0, scale²)} */
        GAUSSIAN,
        /** uniform on {@code [−scale, scale)} */
        UNIFORM
    }

    private final FMatrixRMaj w;
    private final Gemm gemm;
    private long vectors;
    private long wallNanos;

    private DenseProjector(FMatrixRMaj w, Gemm gemm) {
        this.w = w;
        this.gemm = gemm;
    }

    /**
     * @param outputDim    m, at least 1
     * @param inputDim     n, at least 1
     * @param distribution distribution of the entries
     * @param scale        standard deviation (Gaussian) or half-width (uniform), positive
     * @param seed         the seed that fixes {@code W}
     * @param gemm         the matrix product to use (it carries the thread count)
     * @return a projector with a freshly drawn {@code W}
     * @throws IllegalArgumentException on non-positive sizes or scale
     */
    public static DenseProjector random(int outputDim, int inputDim, Distribution distribution,
                                        double scale, long seed, Gemm gemm) {
        MatrixChecks.requirePositive("output dimension", outputDim);
        MatrixChecks.requirePositive("input dimension", inputDim);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive finite number, got " + scale);
        }
        UniformRandomProvider rng = RandomStreams.of(seed).stream("projector.matrix");
        FMatrixRMaj w = new FMatrixRMaj(outputDim, inputDim);
        float[] d = w.data;
        if (distribution == Distribution.GAUSSIAN) {
            ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (scale * normal.sample());
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (scale * (2.0 * rng.nextDouble() - 1.0));
            }
        }
        return new DenseProjector(w, gemm);
    }

    /**
     * @param outputDim m
     * @param inputDim  n
     * @param seed      the seed that fixes {@code W}
     * @return a single-threaded projector with i.i.d. {@code N(0, 1)} entries
     */
    public static DenseProjector gaussian(int outputDim, int inputDim, long seed) {
        return random(outputDim, inputDim, Distribution.GAUSSIAN, 1.0, seed, Gemm.singleThreaded());
    }

    /**
     * @param w    the matrix to project with ({@code m × n}); copied
     * @param gemm the matrix product to use
     * @return a projector computing {@code out = in · wᵀ}
     * @throws IllegalArgumentException if {@code w} is empty or holds non-finite entries
     */
    public static DenseProjector of(FMatrixRMaj w, Gemm gemm) {
        MatrixChecks.requirePositive("matrix rows", w.numRows);
        MatrixChecks.requirePositive("matrix columns", w.numCols);
        MatrixChecks.requireFinite("projection matrix", w);
        return new DenseProjector(w.copy(), gemm);
    }

    /** @return a copy of {@code W} ({@code m × n}) */
    public FMatrixRMaj matrix() {
        return w.copy();
    }

    @Override
    public int inputDimension() {
        return w.numCols;
    }

    @Override
    public int outputDimension() {
        return w.numRows;
    }

    @Override
    public void project(FMatrixRMaj in, FMatrixRMaj out) {
        MatrixChecks.requireCols("projector input", in, w.numCols);
        MatrixChecks.requireShape("projector output", out, in.numRows, w.numRows);
        MatrixChecks.requireFinite("projector input", in);
        long start = System.nanoTime();
        gemm.multTransB(in, w, out);
        wallNanos += System.nanoTime() - start;
        vectors += in.numRows;
    }

    @Override
    public ProjectionCost cost() {
        return new ProjectionCost(vectors, 0, 0.0, 0.0, wallNanos);
    }
}

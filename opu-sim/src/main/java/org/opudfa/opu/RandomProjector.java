package org.opudfa.opu;

import org.ejml.data.FMatrixRMaj;

/**
 * A fixed random linear map from {@code n} inputs to {@code m} outputs, applied to a batch of
 * row vectors: {@code out[b,:] = W · in[b,:]} for each row {@code b}, where {@code W} is an
 * {@code m × n} real matrix fixed by the projector's configuration and seed.
 *
 * <p>This is the one seam between the training code and the hardware model: Direct Feedback
 * Alignment computes {@code B·e} through it and never knows whether the projection is exact
 * CPU arithmetic ({@link DenseProjector}) or a simulated optical processing unit
 * ({@link OpuProjector}), whose output is noisy and quantized.
 *
 * <p>Implementations reject wrong shapes, NaN or infinite inputs with an
 * {@link IllegalArgumentException} naming the expected and actual values.
 */
public interface RandomProjector {

    /** @return {@code n}, the number of columns of {@code in} */
    int inputDimension();

    /** @return {@code m}, the number of columns of {@code out} */
    int outputDimension();

    /**
     * Projects every row of {@code in} and writes the results to the same row of {@code out}.
     *
     * @param in  batch × n input, not modified
     * @param out batch × m output, overwritten; must have as many rows as {@code in}
     * @throws IllegalArgumentException on wrong shapes or non-finite inputs
     */
    void project(FMatrixRMaj in, FMatrixRMaj out);

    /**
     * What all projections so far have cost: vectors projected, frames shown and simulated
     * device seconds and joules (zero for CPU projectors), and wall-clock time spent in
     * {@link #project}.
     *
     * @return the cumulative cost since this projector was built
     */
    ProjectionCost cost();
}

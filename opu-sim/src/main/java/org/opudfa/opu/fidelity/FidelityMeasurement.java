package org.opudfa.opu.fidelity;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Measures how faithfully an {@link OpuProjector} computes its ideal projection.
 *
 * <p>Draws {@code vectors} random ternary vectors ({@link SparseTernaryVectors}, from the stream
 * {@code "opu.fidelity.vectors"} of the given seed), projects each one through the device and
 * through the ideal matrix {@code B} of the device as it is just before that vector, after any
 * recalibration due (so drift between vectors is not counted as error; noise, quantisation, clipping, calibration error and
 * drift within a vector are), and pools all outputs into one {@link ProjectionFidelity}. Ternary
 * vectors with entries {@code ±1} are encoded exactly by the ternary encoding, so the figure is
 * the device's fidelity, not the encoding's. The ideal projection is computed matrix-free from
 * the non-zeros, so a {@code 10⁶ × 10⁵} device is measured without storing its matrix; vectors
 * are projected one at a time through one reused {@code 1 × n} buffer.
 */
public final class FidelityMeasurement {

    private FidelityMeasurement() {
    }

    /**
     * @param projector the projector, whose counters (frames, saturation) are read before and after
     * @param vectors   how many vectors, at least 1
     * @param density   probability that an entry is non-zero, in {@code (0, 1]}
     * @param seed      the seed of the vectors
     * @return correlation, relative RMSE and SNR over all {@code vectors × m} outputs, with the
     *     saturated fraction, device seconds and frames of this measurement alone
     * @throws IllegalArgumentException if a value is out of range
     */
    public static ProjectionFidelity measure(OpuProjector projector, int vectors, double density, long seed) {
        if (vectors < 1) {
            throw new IllegalArgumentException("fidelity vectors must be at least 1, got " + vectors);
        }
        int n = projector.inputDimension();
        int m = projector.outputDimension();
        UniformRandomProvider rng = RandomStreams.of(seed).stream("opu.fidelity.vectors");
        SparseTernaryVectors source = new SparseTernaryVectors(n, density, rng);
        int[] indices = new int[n];
        float[] signs = new float[n];
        FMatrixRMaj row = new FMatrixRMaj(1, n);
        FMatrixRMaj measured = new FMatrixRMaj(1, m);
        FMatrixRMaj ideal = new FMatrixRMaj(1, m);
        long frames0 = projector.frames();
        long saturated0 = projector.saturatedPixels();
        long read0 = projector.pixelsRead();
        FidelityAccumulator acc = new FidelityAccumulator();
        for (int v = 0; v < vectors; v++) {
            int count = source.next(indices, signs);
            for (int k = 0; k < count; k++) {
                row.data[indices[k]] = signs[k];
            }
            projector.recalibrateIfDue();
            projector.idealProject(row, ideal);
            projector.project(row, measured);
            for (int i = 0; i < m; i++) {
                acc.add(ideal.data[i], measured.data[i]);
            }
            for (int k = 0; k < count; k++) {
                row.data[indices[k]] = 0f;
            }
        }
        long frames = projector.frames() - frames0;
        long read = projector.pixelsRead() - read0;
        double saturatedFraction = read == 0 ? 0.0 : (double) (projector.saturatedPixels() - saturated0) / read;
        return acc.result(saturatedFraction, frames * projector.config().framePeriod(), frames);
    }
}

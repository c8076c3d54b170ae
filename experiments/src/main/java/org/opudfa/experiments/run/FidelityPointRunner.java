package org.opudfa.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.experiments.spec.FidelitySetup;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.fidelity.FidelityAccumulator;
import org.opudfa.opu.fidelity.FidelityMeasurement;
import org.opudfa.opu.fidelity.ProjectionFidelity;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Runs a fidelity point: builds the simulated OPU and compares its projections of random vectors
 * with the exact projections by the device's own effective matrix ({@link OpuProjector#idealProject}).
 *
 * <p>Ternary vectors go through {@link FidelityMeasurement}. Gaussian vectors (entries
 * {@code N(0, 1)} with probability {@code density}, else 0, from the stream
 * {@code "experiments.fidelity.gaussian"} of the point's seed) are compared against the ideal
 * projection of the unencoded vector, so the encoding's rounding counts as error: this is what
 * DFA's real-valued errors see.
 */
final class FidelityPointRunner {

    private FidelityPointRunner() {
    }

    /**
     * @param point the point
     * @return the point's result
     */
    static PointResult run(SweepPoint point) {
        FidelitySetup setup = FidelitySetup.of(point.settings());
        long start = System.nanoTime();
        OpuProjector projector = new OpuProjector(setup.opu());
        long frames0 = projector.frames();
        ProjectionFidelity f = setup.vectorType().equals("ternary")
                ? FidelityMeasurement.measure(projector, setup.vectors(), setup.density(), setup.seed())
                : gaussian(projector, setup);
        long frames = projector.frames() - frames0;
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("correlation", PointResult.finite(f.correlation()));
        results.put("relative_rmse", PointResult.finite(f.relativeRmse()));
        results.put("snr_db", PointResult.finite(f.snrDb()));
        results.put("saturated_fraction", PointResult.finite(f.saturatedFraction()));
        results.put("frames_per_vector", (double) frames / setup.vectors());
        results.put("device_seconds_per_vector", frames * setup.opu().framePeriod() / setup.vectors());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("seconds", seconds);
        return new PointResult(point, results, timings, List.of(), "", Map.of());
    }

    private static ProjectionFidelity gaussian(OpuProjector projector, FidelitySetup setup) {
        int n = projector.inputDimension();
        int m = projector.outputDimension();
        UniformRandomProvider rng = RandomStreams.of(setup.seed()).stream("experiments.fidelity.gaussian");
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        FMatrixRMaj row = new FMatrixRMaj(1, n);
        FMatrixRMaj measured = new FMatrixRMaj(1, m);
        FMatrixRMaj ideal = new FMatrixRMaj(1, m);
        long saturated0 = projector.saturatedPixels();
        long read0 = projector.pixelsRead();
        double seconds0 = projector.deviceSeconds();
        FidelityAccumulator acc = new FidelityAccumulator();
        for (int v = 0; v < setup.vectors(); v++) {
            boolean any = false;
            for (int j = 0; j < n; j++) {
                boolean on = rng.nextDouble() < setup.density();
                row.data[j] = on ? (float) normal.sample() : 0f;
                any |= on;
            }
            if (!any) {
                row.data[rng.nextInt(n)] = (float) normal.sample();
            }
            projector.idealProject(row, ideal);
            projector.project(row, measured);
            for (int i = 0; i < m; i++) {
                acc.add(ideal.data[i], measured.data[i]);
            }
        }
        long read = projector.pixelsRead() - read0;
        double saturated = read == 0 ? 0.0 : (double) (projector.saturatedPixels() - saturated0) / read;
        return acc.result(saturated, projector.deviceSeconds() - seconds0, 0);
    }
}

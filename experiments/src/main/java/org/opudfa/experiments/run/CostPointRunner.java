package org.opudfa.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.FMatrixRMaj;
import org.opudfa.experiments.spec.CostSetup;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.opu.DenseProjector;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.encoding.EncodedVector;
import org.opudfa.opu.encoding.FrameEncoding;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Runs a cost-model point: the price of DFA's feedback projection {@code B·e} of a batch of
 * Gaussian error vectors ({@code n = errorDim}, stream {@code "experiments.cost.errors"}) to
 * {@code m = hidden} outputs.
 *
 * <p>Simulated OPU, matrix-free: each error vector is encoded as the device would encode it, and
 * each non-empty frame costs two device frames (the linear readout shows {@code x⊕r} and
 * {@code x}); so {@code frames = 2·Σ_vectors (non-empty frames)}, {@code seconds = frames × frame
 * period} and {@code joules = seconds × power}, independent of {@code m} up to the camera's pixel
 * count. No transmission matrix is built, so {@code m = 10⁶} costs nothing to price; calibration
 * frames are a one-off and left out.
 *
 * <p>CPU: {@code 2·n·m} flops per vector and a stored {@code n × m} float matrix. The time is
 * measured with an exact single-threaded {@link DenseProjector} (fastest of at
 * least {@link #REPEATS} runs, after {@link #WARM_UPS} warm-ups) when {@code n·m ≤ cpuMaxEntries}; beyond that it is
 * measured on the first {@code cpuMaxEntries / n} outputs and scaled linearly in {@code m}, and the
 * point is marked extrapolated. CPU energy is estimated as that time at the assumed
 * {@code cpuPower}. CPU times are wall-clock, so they go to the timings file.
 */
final class CostPointRunner {

    /** Untimed runs of the CPU projection before timing, so the JIT has compiled it. */
    static final int WARM_UPS = 3;
    /** Fewest timed repetitions of the CPU projection; the fastest is kept. */
    static final int REPEATS = 5;
    /** Timed repetitions continue, up to {@link #MAX_REPEATS}, until this much time was spent. */
    static final long MIN_TIMING_NANOS = 300_000_000L;
    /** Most timed repetitions. */
    static final int MAX_REPEATS = 100;

    private CostPointRunner() {
    }

    /**
     * @param point the point
     * @return the point's result
     */
    static PointResult run(SweepPoint point) {
        CostSetup setup = CostSetup.of(point.settings());
        OpuConfig opu = setup.opu();
        int n = setup.errorDim();
        int m = setup.hidden();
        int batch = setup.batch();
        FMatrixRMaj errors = errors(batch, n, setup.seed());

        long frames = opuFrames(opu, errors);
        double opuSeconds = frames * opu.framePeriod();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("opu_frames", frames);
        results.put("opu_frames_per_vector", (double) frames / batch);
        results.put("opu_seconds", opuSeconds);
        results.put("opu_joules", opuSeconds * opu.power());
        double flops = 2.0 * n * m * batch;
        results.put("cpu_flops", flops);
        results.put("cpu_matrix_bytes", 4L * n * m);

        long measuredOutputs = Math.min(m, Math.max(1L, setup.cpuMaxEntries() / n));
        DenseProjector cpu = DenseProjector.gaussian((int) measuredOutputs, n, setup.seed());
        FMatrixRMaj out = new FMatrixRMaj(batch, (int) measuredOutputs);
        for (int w = 0; w < WARM_UPS; w++) {
            cpu.project(errors, out);
        }
        long best = Long.MAX_VALUE;
        long spent = 0;
        for (int r = 0; r < MAX_REPEATS && (r < REPEATS || spent < MIN_TIMING_NANOS); r++) {
            long t = System.nanoTime();
            cpu.project(errors, out);
            long took = System.nanoTime() - t;
            best = Math.min(best, took);
            spent += took;
        }
        double cpuSeconds = best * 1e-9 * m / measuredOutputs;
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("cpu_seconds", cpuSeconds);
        timings.put("cpu_joules", cpuSeconds * setup.cpuPower());
        timings.put("cpu_gflops", flops / cpuSeconds / 1e9);
        timings.put("cpu_extrapolated", measuredOutputs < m);
        return new PointResult(point, results, timings, List.of(), "", Map.of());
    }

    /**
     * @param rows  vectors
     * @param n     their dimension
     * @param seed  the point's seed
     * @return {@code rows × n} standard normal entries
     */
    static FMatrixRMaj errors(int rows, int n, long seed) {
        UniformRandomProvider rng = RandomStreams.of(seed).stream("experiments.cost.errors");
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        FMatrixRMaj e = new FMatrixRMaj(rows, n);
        for (int i = 0; i < e.data.length; i++) {
            e.data[i] = (float) normal.sample();
        }
        return e;
    }

    /**
     * @param opu    the device settings (encoding, threshold, bit planes)
     * @param errors the vectors, one per row
     * @return the device frames the simulated OPU would show to project them (calibration excluded)
     */
    static long opuFrames(OpuConfig opu, FMatrixRMaj errors) {
        int n = errors.numCols;
        FrameEncoding encoding = opu.encoding().create(n, opu.threshold(), opu.bitPlanes());
        EncodedVector encoded = encoding.newEncodedVector();
        long frames = 0;
        for (int r = 0; r < errors.numRows; r++) {
            encoding.encode(errors.data, r * n, encoded);
            frames += 2L * encoded.frameCount();
        }
        return frames;
    }
}

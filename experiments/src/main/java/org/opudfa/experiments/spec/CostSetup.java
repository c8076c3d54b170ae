package org.opudfa.experiments.spec;

import java.util.List;
import java.util.Map;

import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.opu.OpuConfig;

/**
 * A cost-model point: DFA's feedback projection of a batch of error vectors of dimension
 * {@code n = errorDim} to {@code m = hidden} outputs, priced on the simulated OPU and on the CPU.
 *
 * @param opu           the device: its encoding, frame period and power set the price
 *                      ({@code n} inputs, {@code m} outputs, on-demand matrix)
 * @param batch         error vectors per projection, at least 1
 * @param seed          seed of the error vectors
 * @param cpuMaxEntries largest {@code n·m} for which the CPU projection is timed directly; beyond
 *                      it the time is extrapolated linearly in {@code m} from a matrix of
 *                      {@code cpuMaxEntries} entries, at least 1
 * @param cpuPower      watts the CPU is assumed to draw while projecting, for its energy
 *                      estimate {@code cpu_joules = cpu_seconds × cpuPower}, finite and {@code >= 0}
 */
public record CostSetup(OpuConfig opu, int batch, long seed, long cpuMaxEntries, double cpuPower) {

    /** The cost-model parameters. */
    public static final List<SweepParameter> PARAMETERS = List.of(
            SweepParameter.of("errorDim", ParameterType.INTEGER, "dimension n of the error vectors"),
            SweepParameter.of("hidden", ParameterType.INTEGER, "outputs m of the projection (total hidden width)"),
            SweepParameter.of("batch", ParameterType.INTEGER, "error vectors per projection"),
            SweepParameter.of("seed", ParameterType.LONG, "seed of the error vectors"),
            SweepParameter.of(OpuRegistry.ENCODING),
            SweepParameter.of(OpuRegistry.THRESHOLD),
            SweepParameter.of(OpuRegistry.BIT_PLANES),
            SweepParameter.of(OpuRegistry.FRAME_PERIOD),
            SweepParameter.of(OpuRegistry.POWER),
            SweepParameter.of("cpuMaxEntries", ParameterType.LONG,
                    "largest n·m timed directly on the CPU; larger ones are extrapolated"),
            SweepParameter.of("cpuPower", ParameterType.NUMBER, "assumed CPU power while projecting, watts"));

    /** Default error dimension (10 classes). */
    public static final int DEFAULT_ERROR_DIM = 10;
    /** Default hidden width. */
    public static final int DEFAULT_HIDDEN = 1024;
    /** Default batch. */
    public static final int DEFAULT_BATCH = 32;
    /** Default CPU power, watts: a desktop processor's package power under load. */
    public static final double DEFAULT_CPU_POWER = 65.0;
    /** Default largest matrix timed on the CPU: 2²⁴ floats, 64 MiB. */
    public static final long DEFAULT_CPU_MAX_ENTRIES = 1L << 24;

    /**
     * @param opu           the device: its encoding, frame period and power set the price
     *                      ({@code n} inputs, {@code m} outputs, on-demand matrix)
     * @param batch         error vectors per projection, at least 1
     * @param seed          seed of the error vectors
     * @param cpuMaxEntries largest {@code n·m} for which the CPU projection is timed directly; beyond
     *                      it the time is extrapolated linearly in {@code m} from a matrix of
     *                      {@code cpuMaxEntries} entries, at least 1
     * @param cpuPower      watts the CPU is assumed to draw while projecting, for its energy
     *                      estimate {@code cpu_joules = cpu_seconds × cpuPower}, finite and {@code >= 0}
     * @throws IllegalArgumentException if a value is out of range
     */
    public CostSetup {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (cpuMaxEntries < 1) {
            throw new IllegalArgumentException("cpuMaxEntries must be at least 1, got " + cpuMaxEntries);
        }
        if (!(cpuPower >= 0) || Double.isInfinite(cpuPower)) {
            throw new IllegalArgumentException("cpuPower must be a finite number of watts >= 0, got " + cpuPower);
        }
    }

    /**
     * @param settings parsed values by parameter name
     * @return the validated setup
     * @throws IllegalArgumentException naming the first value out of range
     */
    public static CostSetup of(Map<String, Object> settings) {
        int n = (Integer) settings.getOrDefault("errorDim", DEFAULT_ERROR_DIM);
        int m = (Integer) settings.getOrDefault("hidden", DEFAULT_HIDDEN);
        // Cost sweeps cannot set the matrix or the camera: the price model always uses these.
        OpuConfig opu = OpuSettings.apply(settings, OpuConfig.builder(n, m))
                .matrixMode(org.opudfa.opu.device.MatrixMode.ON_DEMAND).unboundedCamera(true).build();
        return new CostSetup(opu, (Integer) settings.getOrDefault("batch", DEFAULT_BATCH),
                (Long) settings.getOrDefault("seed", 0L),
                (Long) settings.getOrDefault("cpuMaxEntries", DEFAULT_CPU_MAX_ENTRIES),
                (Double) settings.getOrDefault("cpuPower", DEFAULT_CPU_POWER));
    }

    /** @return {@code n}, the error dimension */
    public int errorDim() {
        return opu.inputDimension();
    }

    /** @return {@code m}, the projection's outputs */
    public int hidden() {
        return opu.outputDimension();
    }
}

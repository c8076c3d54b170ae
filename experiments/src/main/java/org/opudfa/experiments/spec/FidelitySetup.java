package org.opudfa.experiments.spec;

import java.util.List;
import java.util.Map;

import org.opudfa.opu.OpuConfig;

/**
 * A fidelity point: a simulated OPU and the random vectors projected through it.
 *
 * @param opu        the device (linear mode)
 * @param vectors    how many vectors are projected, at least 1
 * @param density    fraction of non-zero entries of each vector, in {@code (0, 1]}
 * @param seed       seed of the device and of the vectors
 * @param vectorType {@code "ternary"}: entries in {−1, 0, +1}, which every encoding represents
 *                   exactly, so the figure is the device's fidelity; {@code "gaussian"}: standard
 *                   normal entries, like DFA's errors, so the encoding's loss counts too
 */
public record FidelitySetup(OpuConfig opu, int vectors, double density, long seed, String vectorType) {

    /** The vector types. */
    public static final List<String> VECTOR_TYPES = List.of("ternary", "gaussian");

    /** The fidelity parameters (the OPU's are added by {@link SweepKind#FIDELITY}). */
    public static final List<SweepParameter> PARAMETERS = List.of(
            SweepParameter.of("inputDim", ParameterType.INTEGER, "dimension of the projected vectors"),
            SweepParameter.of("outputDim", ParameterType.INTEGER, "dimension of the projections"),
            SweepParameter.of("vectors", ParameterType.INTEGER, "vectors projected"),
            SweepParameter.of("density", ParameterType.NUMBER, "fraction of non-zero entries, in (0, 1]"),
            SweepParameter.of("seed", ParameterType.LONG, "seed of the device and of the vectors"),
            SweepParameter.choice("vectorType", VECTOR_TYPES, "distribution of the vectors' entries"));

    /** Default input dimension, the error size of a 10-class problem. */
    public static final int DEFAULT_INPUT_DIM = 10;
    /** Default output dimension. */
    public static final int DEFAULT_OUTPUT_DIM = 2048;
    /** Default number of vectors. */
    public static final int DEFAULT_VECTORS = 200;
    /** Default density. */
    public static final double DEFAULT_DENSITY = 0.5;

    /**
     * @param opu        the device (linear mode)
     * @param vectors    how many vectors are projected, at least 1
     * @param density    fraction of non-zero entries of each vector, in {@code (0, 1]}
     * @param seed       seed of the device and of the vectors
     * @param vectorType {@code "ternary"}: entries in {−1, 0, +1}, which every encoding represents
     *                   exactly, so the figure is the device's fidelity; {@code "gaussian"}: standard
     *                   normal entries, like DFA's errors, so the encoding's loss counts too
     * @throws IllegalArgumentException if a value is out of range
     */
    public FidelitySetup {
        if (vectors < 1) {
            throw new IllegalArgumentException("vectors must be at least 1, got " + vectors);
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        }
        if (!VECTOR_TYPES.contains(vectorType)) {
            throw new IllegalArgumentException("vectorType must be one of " + String.join(", ", VECTOR_TYPES)
                    + ", got " + vectorType);
        }
    }

    /**
     * @param settings parsed values by parameter name
     * @return the validated setup
     * @throws IllegalArgumentException naming the first value out of range
     */
    public static FidelitySetup of(Map<String, Object> settings) {
        int n = (Integer) settings.getOrDefault("inputDim", DEFAULT_INPUT_DIM);
        int m = (Integer) settings.getOrDefault("outputDim", DEFAULT_OUTPUT_DIM);
        long seed = (Long) settings.getOrDefault("seed", 0L);
        OpuConfig opu = OpuSettings.apply(settings, OpuConfig.builder(n, m).seed(seed)).build();
        return new FidelitySetup(opu, (Integer) settings.getOrDefault("vectors", DEFAULT_VECTORS),
                (Double) settings.getOrDefault("density", DEFAULT_DENSITY), seed,
                (String) settings.getOrDefault("vectorType", "ternary"));
    }
}

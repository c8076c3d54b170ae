package org.opudfa.opu.fidelity;

/**
 * Agreement between measured projections {@code y} and ideal ones {@code ŷ = W·x}, pooled over
 * every output of every vector compared.
 *
 * @param correlation       Pearson correlation of {@code y} and {@code ŷ}
 * @param relativeRmse      {@code ‖y − ŷ‖ / ‖ŷ‖}
 * @param snrDb             {@code 10·log10(Σŷ² / Σ(y − ŷ)²)}, {@code +∞} when they are equal
 * @param saturatedFraction fraction of camera pixels clipped at full well while measuring
 * @param deviceSeconds     simulated device time spent measuring
 * @param frames            device frames shown while measuring
 * @param samples           number of values compared
 */
public record ProjectionFidelity(double correlation, double relativeRmse, double snrDb, double saturatedFraction,
                                 double deviceSeconds, long frames, long samples) {

    /**
     * @param ideal             {@code ŷ}
     * @param measured          {@code y}, same length
     * @param saturatedFraction from the device counters
     * @param deviceSeconds     from the device counters
     * @return the fidelity of {@code measured} against {@code ideal}
     * @throws IllegalArgumentException if the lengths differ or are zero
     */
    public static ProjectionFidelity compare(double[] ideal, double[] measured, double saturatedFraction,
                                             double deviceSeconds) {
        requireSameLength(ideal.length, measured.length);
        FidelityAccumulator acc = new FidelityAccumulator();
        for (int i = 0; i < ideal.length; i++) {
            acc.add(ideal[i], measured[i]);
        }
        return acc.result(saturatedFraction, deviceSeconds, 0);
    }

    /**
     * @param ideal             {@code ŷ}
     * @param measured          {@code y}, same length
     * @param saturatedFraction from the device counters
     * @param deviceSeconds     from the device counters
     * @return the fidelity of {@code measured} against {@code ideal}
     * @throws IllegalArgumentException if the lengths differ or are zero
     */
    public static ProjectionFidelity compare(float[] ideal, float[] measured, double saturatedFraction,
                                             double deviceSeconds) {
        requireSameLength(ideal.length, measured.length);
        FidelityAccumulator acc = new FidelityAccumulator();
        for (int i = 0; i < ideal.length; i++) {
            acc.add(ideal[i], measured[i]);
        }
        return acc.result(saturatedFraction, deviceSeconds, 0);
    }

    private static void requireSameLength(int ideal, int measured) {
        if (ideal != measured) {
            throw new IllegalArgumentException("measured values must match the " + ideal + " ideal values, got "
                    + measured);
        }
        if (ideal == 0) {
            throw new IllegalArgumentException("fidelity needs at least 1 value, got 0");
        }
    }
}

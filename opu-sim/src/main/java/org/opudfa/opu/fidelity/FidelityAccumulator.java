package org.opudfa.opu.fidelity;

/**
 * Streaming sums for a {@link ProjectionFidelity}: add pairs {@code (ŷ, y)} one at a time, in
 * any number, without storing them. Sums are in double; the values compared are projections,
 * centred near zero, so the one-pass formulas lose no meaningful precision.
 */
public final class FidelityAccumulator {

    private long count;
    private double sumIdeal;
    private double sumMeasured;
    private double sumIdeal2;
    private double sumMeasured2;
    private double sumProduct;
    private double sumError2;

    /**
     * @param ideal    {@code ŷ}
     * @param measured {@code y}
     */
    public void add(double ideal, double measured) {
        count++;
        sumIdeal += ideal;
        sumMeasured += measured;
        sumIdeal2 += ideal * ideal;
        sumMeasured2 += measured * measured;
        sumProduct += ideal * measured;
        double e = measured - ideal;
        sumError2 += e * e;
    }

    /**
     * @param ideal    {@code ŷ}
     * @param measured {@code y}
     * @param length   how many leading entries to add
     */
    public void addAll(double[] ideal, double[] measured, int length) {
        for (int i = 0; i < length; i++) {
            add(ideal[i], measured[i]);
        }
    }

    /** @return pairs added */
    public long count() {
        return count;
    }

    /**
     * @param saturatedFraction fraction of pixels clipped, from the device counters
     * @param deviceSeconds     device time, from the device counters
     * @param frames            device frames shown
     * @return the fidelity of everything added: Pearson correlation, {@code ‖y − ŷ‖/‖ŷ‖} and
     *     {@code 10·log10(Σŷ²/Σ(y − ŷ)²)}
     * @throws IllegalStateException if nothing was added
     */
    public ProjectionFidelity result(double saturatedFraction, double deviceSeconds, long frames) {
        if (count == 0) {
            throw new IllegalStateException("no values were added");
        }
        double n = count;
        double cov = sumProduct / n - (sumIdeal / n) * (sumMeasured / n);
        double varIdeal = sumIdeal2 / n - (sumIdeal / n) * (sumIdeal / n);
        double varMeasured = sumMeasured2 / n - (sumMeasured / n) * (sumMeasured / n);
        double correlation = cov / Math.sqrt(varIdeal * varMeasured);
        double relativeRmse = Math.sqrt(sumError2 / sumIdeal2);
        double snrDb = 10.0 * Math.log10(sumIdeal2 / sumError2);
        return new ProjectionFidelity(correlation, relativeRmse, snrDb, saturatedFraction, deviceSeconds, frames,
                count);
    }
}

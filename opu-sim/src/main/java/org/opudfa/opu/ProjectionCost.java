package org.opudfa.opu;

/**
 * Cumulative cost of the projections a {@link RandomProjector} has computed.
 *
 * @param vectors       rows projected
 * @param frames        binary frames shown on the DMD (0 for CPU projectors)
 * @param deviceSeconds simulated device time: {@code frames × frame period} (0 for CPU)
 * @param deviceJoules  simulated device energy: {@code deviceSeconds × power} (0 for CPU)
 * @param wallNanos     wall-clock nanoseconds spent computing the projections on this machine
 */
public record ProjectionCost(long vectors, long frames, double deviceSeconds, double deviceJoules,
                             long wallNanos) {

    /** The cost of nothing. */
    public static final ProjectionCost ZERO = new ProjectionCost(0, 0, 0.0, 0.0, 0);

    /**
     * @param other another cost
     * @return the element-wise sum of this cost and {@code other}
     */
    public ProjectionCost plus(ProjectionCost other) {
        return new ProjectionCost(vectors + other.vectors, frames + other.frames,
                deviceSeconds + other.deviceSeconds, deviceJoules + other.deviceJoules,
                wallNanos + other.wallNanos);
    }

    /** @return wall-clock seconds spent on this machine */
    public double wallSeconds() {
        return wallNanos * 1e-9;
    }
}

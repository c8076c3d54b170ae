package org.opudfa.opu;

import org.opudfa.opu.device.TransmissionMatrix;

/**
 * The heap a simulated OPU projector ({@link OpuProjector}) keeps, estimated from its
 * configuration before it is built, so that a device too large for the heap can be refused in one
 * sentence instead of failing part-way through its allocation.
 *
 * <p>With {@code M} simulated pixels ({@link OpuConfig#simulatedPixels()}), {@code m} outputs,
 * {@code N = n + R} medium columns (R the effective reference size), {@code T} projecting threads and {@code D = 1} when the medium
 * drifts (else 0):
 * <pre>
 * bytes = 8·M·N·(1 + D)                      the stored transmission matrices T₀ (and T₁), when stored
 *       + 8·M·(6 + 4(T+1) + 4D)              per-pixel reference fields, calibration and readout
 *                                            (doubles), and each thread's scratch (the two frames'
 *                                            intensities and measurements) plus the device's own
 *       + 4·M                                the pixel index list
 *       + 8·m·(9 + T) + 4·m                  per-output calibration, the projection row of each thread
 *                                            and the selected pixels
 * </pre>
 * Only what grows with the device is counted, and only what the projector keeps: it is a lower
 * estimate, which the temporaries of building and calibrating exceed for a moment.
 */
public final class OpuMemory {

    private OpuMemory() {
    }

    /**
     * @param config  the projector's configuration, validated
     * @param threads the threads that will project (the run's thread team), at least 1
     * @return the estimated bytes the projector keeps (formula in the class description)
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static long bytes(OpuConfig config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        long pixels = config.simulatedPixels();
        long outputs = config.outputDimension();
        int columns = config.inputDimension() + config.effectiveReferenceSize();
        long drifts = config.driftRate() > 0.0 ? 1 : 0;
        long matrices = TransmissionMatrix.stored(config.matrixMode(), config.simulatedPixels(), columns)
                ? 8L * pixels * columns * (1 + drifts) : 0;
        long doublesPerPixel = 6 + 4L * (threads + 1) + drifts * 4;
        return matrices + 8 * pixels * doublesPerPixel + 4 * pixels + 8 * outputs * (9 + threads) + 4 * outputs;
    }
}

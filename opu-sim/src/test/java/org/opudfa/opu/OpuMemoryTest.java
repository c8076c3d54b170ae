package org.opudfa.opu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.opu.device.MatrixMode;
import org.opudfa.opu.kernel.Gemm;

/**
 * The estimate of a projector's heap against what building it and projecting one batch allocates:
 * never more (it is a lower estimate of what is kept), and most of it.
 */
class OpuMemoryTest {

    /**
     * Building allocates temporaries beyond what the projector keeps (a column of the matrix while
     * it is drawn, the calibration's marks), 3 to 5 per cent of the whole for these sizes; the
     * estimate must still account for at least this share of the allocation.
     */
    private static final double SHARE_ACCOUNTED = 0.9;

    /** Outputs: enough that the per-pixel arrays dwarf the fixed parts. */
    private static final int OUTPUTS = 20_000;
    private static final int INPUTS = 10;

    @Test
    void theEstimateIsMostOfWhatAProjectorAllocatesAndNeverMore() {
        warmUp();
        for (OpuConfig config : new OpuConfig[] {
            base().matrixMode(MatrixMode.ON_DEMAND).build(),
            base().matrixMode(MatrixMode.DENSE).build(),
            base().matrixMode(MatrixMode.DENSE).driftRate(1e-3).build()}) {
            long estimate = OpuMemory.bytes(config, 1);
            long allocated = AllocationMeter.allocatedBytes(() -> {
                OpuProjector projector = new OpuProjector(config, Gemm.singleThreaded());
                FMatrixRMaj in = new FMatrixRMaj(1, INPUTS);
                in.set(0, 0, 1f);
                projector.project(in, new FMatrixRMaj(1, OUTPUTS));
            });
            String what = config.matrixMode() + ", drift " + config.driftRate() + ": estimate " + estimate
                    + " bytes, allocated " + allocated;
            assertTrue(estimate <= allocated, what);
            assertTrue(estimate >= SHARE_ACCOUNTED * allocated, what);
        }
    }

    @Test
    void theStoredMatrixIsCountedOnlyWhenItIsStored() {
        OpuConfig onDemand = base().matrixMode(MatrixMode.ON_DEMAND).build();
        OpuConfig dense = base().matrixMode(MatrixMode.DENSE).build();
        long matrix = 8L * dense.simulatedPixels() * (INPUTS + dense.effectiveReferenceSize());
        assertEquals(matrix, OpuMemory.bytes(dense, 1) - OpuMemory.bytes(onDemand, 1));
    }

    @Test
    void eachThreadAddsItsScratch() {
        OpuConfig config = base().matrixMode(MatrixMode.ON_DEMAND).build();
        long perThread = 8L * config.simulatedPixels() * 4 + 8L * OUTPUTS;
        assertEquals(perThread, OpuMemory.bytes(config, 2) - OpuMemory.bytes(config, 1));
        assertEquals("threads must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> OpuMemory.bytes(config, 0)).getMessage());
    }

    private static OpuConfig.Builder base() {
        return OpuConfig.builder(INPUTS, OUTPUTS).seed(3).unboundedCamera(true);
    }

    /** Builds a small projector first, so that one-off class initialisation is not measured. */
    private static void warmUp() {
        OpuProjector small = new OpuProjector(OpuConfig.builder(INPUTS, 64).build(), Gemm.singleThreaded());
        FMatrixRMaj in = new FMatrixRMaj(1, INPUTS);
        in.set(0, 0, 1f);
        small.project(in, new FMatrixRMaj(1, 64));
    }
}

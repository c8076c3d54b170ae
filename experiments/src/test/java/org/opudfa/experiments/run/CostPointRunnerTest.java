package org.opudfa.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.experiments.spec.CostSetup;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.OpuProjector;
import org.opudfa.opu.encoding.EncodingType;

class CostPointRunnerTest {

    /** Relative tolerance on derived seconds and joules. */
    private static final double RELATIVE = 1e-12;

    @Test
    void matrixFreeFrameCountMatchesTheSimulatedDevice() {
        for (EncodingType encoding : EncodingType.values()) {
            OpuConfig config = OpuConfig.builder(12, 64).encoding(encoding).bitPlanes(3).threshold(0.2).seed(5).build();
            FMatrixRMaj errors = CostPointRunner.errors(7, 12, 3);
            OpuProjector device = new OpuProjector(config);
            long calibration = device.frames();
            device.project(errors, new FMatrixRMaj(7, 64));
            assertEquals(device.frames() - calibration, CostPointRunner.opuFrames(config, errors), encoding.name());
        }
    }

    @Test
    void pricesTheProjection() {
        Map<String, Object> settings = Map.of("errorDim", 10, "hidden", 5000, "batch", 4, "cpuMaxEntries", 1000L,
                "framePeriod", 1e-3, "power", 20.0);
        SweepPoint point = new SweepPoint(0, "p", null, Map.of(), settings);
        PointResult r = CostPointRunner.run(point);
        long frames = (Long) r.results().get("opu_frames");
        assertEquals(CostPointRunner.opuFrames(CostSetup.of(settings).opu(), CostPointRunner.errors(4, 10, 0)), frames);
        assertEquals(frames * 1e-3, (Double) r.results().get("opu_seconds"), RELATIVE);
        assertEquals(frames * 1e-3 * 20.0, (Double) r.results().get("opu_joules"), RELATIVE);
        assertEquals(2.0 * 10 * 5000 * 4, (Double) r.results().get("cpu_flops"), RELATIVE);
        assertEquals(4L * 10 * 5000, ((Number) r.results().get("cpu_matrix_bytes")).longValue());
        assertEquals(true, r.timings().get("cpu_extrapolated"));
        double seconds = (Double) r.timings().get("cpu_seconds");
        assertEquals(seconds * CostSetup.DEFAULT_CPU_POWER, (Double) r.timings().get("cpu_joules"), RELATIVE);
    }
}

package org.opudfa.experiments.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.settings.OpuRegistry;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.opu.OpuConfig;
import org.opudfa.opu.device.MatrixMode;

/** The OPU's sweep parameters are its registry's settings, and reach the device of each point. */
class OpuSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SweepSpec parse(String text) throws Exception {
        return SweepSpec.parse(JSON.readTree(text.replace('\'', '"')), "test");
    }

    @Test
    void theParametersAreTheRegistrysSettings() {
        assertEquals(OpuRegistry.SETTINGS.names(), OpuSettings.PARAMETERS.stream().map(SweepParameter::name).toList());
        for (Setting<?> s : OpuRegistry.SETTINGS.settings()) {
            assertTrue(SweepKind.FIDELITY.parameters().containsKey(s.name()), s.name());
            assertTrue(SweepKind.TRAINING.parameters().containsKey(s.name()), s.name());
        }
    }

    @Test
    void everyKindOfValueReachesTheDevice() throws Exception {
        SweepSpec s = parse("{'kind':'fidelity','base':{'noiseless':true,'dmd':'800x600','camera':'640x480',"
                + "'macroPixel':2,'outputDim':64},'grid':{'referenceSize':['auto',16]}}");
        assertEquals("auto", s.points().get(0).settings().get("referenceSize"), "kept as the spec wrote it");
        OpuConfig auto = FidelitySetup.of(s.points().get(0).settings()).opu();
        OpuConfig sixteen = FidelitySetup.of(s.points().get(1).settings()).opu();
        assertEquals(OpuConfig.DEFAULT_REFERENCE_SIZE, auto.referenceSize());
        assertEquals(16, sixteen.referenceSize());
        assertEquals(0.0, auto.camera().readNoise());
        assertFalse(auto.camera().shotNoise());
        assertEquals(800, auto.dmd().width());
        assertEquals(2, auto.dmd().macroPixel());
        assertEquals(480, auto.camera().height());
    }

    @Test
    void aValueOutOfRangeIsRejectedNamingThePointAndTheSetting() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> parse("{'kind':'fidelity','grid':{'readNoise':[3,-1]}}")).getMessage();
        assertEquals("point readNoise=-1.0: readNoise must be at least 0, got -1.0", m);
        String size = assertThrows(IllegalArgumentException.class,
                () -> parse("{'kind':'fidelity','grid':{'dmd':['912by1140']}}")).getMessage();
        assertEquals("grid.dmd[0] must be WIDTHxHEIGHT in whole numbers, e.g. 912x1140, got \"912by1140\"", size);
    }

    @Test
    void costPointsKeepTheirOnDemandMatrixAndUnboundedCamera() {
        CostSetup c = CostSetup.of(Map.of("hidden", 100_000, "encoding", "bit-planes", "bitPlanes", 3));
        assertEquals(MatrixMode.ON_DEMAND, c.opu().matrixMode());
        assertTrue(c.opu().camera().unbounded());
        assertEquals(3, c.opu().bitPlanes());
        assertEquals(List.of("errorDim", "hidden", "batch", "seed", "encoding", "threshold", "bitPlanes",
                "framePeriod", "power", "cpuMaxEntries", "cpuPower"), List.copyOf(SweepKind.COST.parameters().keySet()));
    }
}

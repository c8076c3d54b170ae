package org.opudfa.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PeakMemoryTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void readsTheHighWaterMarkLine() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 100 kB");
        assertEquals(Optional.of(123456L), PeakMemory.parseHighWaterMark(status));
    }

    @Test
    void noHighWaterMarkLineMeansNoValue() {
        assertEquals(Optional.empty(), PeakMemory.parseHighWaterMark(List.of("Name:\tjava", "VmRSS:\t 100 kB")));
        assertEquals(Optional.empty(), PeakMemory.parseHighWaterMark(List.of("VmHWM:\t many kB")));
    }

    @Test
    void readsAPositiveAmountFromOneOfTheTwoSources() {
        PeakMemory peak = PeakMemory.read();
        assertTrue(peak.bytes() > 0, "peak " + peak);
        assertTrue(peak.source().equals(PeakMemory.RSS_PEAK) || peak.source().equals(PeakMemory.HEAP_USED),
                peak.source());
    }

    @Test
    void convertsToMebibytes() {
        assertEquals(1.5, new PeakMemory(3L << 19, PeakMemory.HEAP_USED).mebibytes(), TOLERANCE);
    }

    @Test
    void rejectsANegativeAmount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PeakMemory(-1, PeakMemory.HEAP_USED));
        assertEquals("peak memory must be at least 0 bytes, got -1", e.getMessage());
    }
}

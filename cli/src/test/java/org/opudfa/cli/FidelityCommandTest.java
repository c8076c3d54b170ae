package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code opu-dfa fidelity}: the acceptance levels of the linear readout, sweeps, and bad input.
 * Every run is seeded (seed 0), so the numbers are the same on every run: the thresholds are
 * acceptance levels, not statistical tests, and have no false-failure rate.
 */
class FidelityCommandTest {

    /** Noise-free 16-bit camera: only the readout's approximation error is left. */
    private static final double NOISELESS_MIN_CORRELATION = 0.999;
    /** The default camera (8 bits, shot and read noise): the acceptance level. */
    private static final double DEFAULT_MIN_CORRELATION = 0.99;
    /** Fewer vectors than the default keeps the sweep cheap; the seed fixes every draw. */
    private static final String SWEEP_VECTORS = "100";
    /** Two runs of the same seeded device agree bit for bit. */
    private static final double EXACT = 0.0;

    @Test
    void noiselessSixteenBitReadoutIsLinear() {
        CliRun run = CliRun.run("fidelity", "--input-dim", "10", "--output-dim", "2048", "--bits", "16",
                "--noiseless", "--json");

        assertEquals(0, run.exitCode(), run.describe());
        JsonNode doc = run.json();
        assertEquals("fidelity", doc.get("command").asText());
        assertEquals(10, doc.get("inputDim").asInt());
        assertEquals(2048, doc.get("outputDim").asInt());
        assertEquals(1, doc.get("rows").size());
        double correlation = doc.get("rows").get(0).get("correlation").asDouble();
        assertTrue(correlation >= NOISELESS_MIN_CORRELATION && correlation <= 1.0, "correlation " + correlation);
        assertTrue(doc.get("rows").get(0).get("frames").asLong() > 0, "frames were shown");
    }

    @Test
    void defaultCameraMeetsTheAcceptanceLevel() {
        CliRun run = CliRun.run("fidelity", "--json");

        assertEquals(0, run.exitCode(), run.describe());
        JsonNode row = run.json().get("rows").get(0);
        double correlation = row.get("correlation").asDouble();
        assertTrue(correlation >= DEFAULT_MIN_CORRELATION && correlation <= 1.0, "correlation " + correlation);
        assertTrue(row.get("deviceSeconds").asDouble() > 0, "the device took simulated time");
    }

    @Test
    void bitSweepPrintsOneRowPerValueWithCorrelationRising() {
        CliRun run = CliRun.run("fidelity", "--vectors", SWEEP_VECTORS, "--sweep", "bits=4,8,12");

        assertEquals(0, run.exitCode(), run.describe());
        List<String> lines = run.outLines();
        assertEquals(2 + 3, lines.size(), "header, rule and three rows: " + run.describe());
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        assertEquals("bits", header.get(0));
        int correlationColumn = header.indexOf("correlation");
        assertTrue(correlationColumn > 0, "a correlation column: " + header);
        assertTrue(lines.get(1).matches("[- ]+"), "a rule under the header: " + lines.get(1));
        List<Double> correlations = new ArrayList<>();
        String[] bits = {"4", "8", "12"};
        for (int r = 0; r < bits.length; r++) {
            String[] cells = lines.get(2 + r).trim().split("\\s+");
            assertEquals(header.size(), cells.length, lines.get(2 + r));
            assertEquals(bits[r], cells[0]);
            correlations.add(Double.parseDouble(cells[correlationColumn]));
        }
        for (int r = 1; r < correlations.size(); r++) {
            assertTrue(correlations.get(r) > correlations.get(r - 1), "correlation rises with bits: " + correlations);
        }
    }

    @Test
    void sweepWithJsonNamesTheSweptOptionInEveryRow() {
        CliRun run = CliRun.run("fidelity", "--vectors", SWEEP_VECTORS, "--noiseless", "--sweep", "read-noise=0,5",
                "--json");

        assertEquals(0, run.exitCode(), run.describe());
        JsonNode doc = run.json();
        assertEquals("read-noise", doc.get("sweep").asText());
        assertEquals(2, doc.get("rows").size());
        assertEquals("0", doc.get("rows").get(0).get("read-noise").asText());
        assertEquals("5", doc.get("rows").get(1).get("read-noise").asText());
    }

    @Test
    void referenceSizeIsAutoByDefaultOrAWholeNumber() {
        CliRun run = CliRun.run("fidelity", "--vectors", SWEEP_VECTORS, "--input-dim", "100",
                "--sweep", "reference-size=8,AUTO,50", "--json");

        assertEquals(0, run.exitCode(), run.describe());
        JsonNode rows = run.json().get("rows");
        assertEquals(3, rows.size());
        // Auto is 50 features at input 100 (twice the 25 expected ON per ternary frame).
        assertEquals(rows.get(2).get("correlation").asDouble(), rows.get(1).get("correlation").asDouble(), EXACT,
                "auto is 50 features here: " + run.describe());
        assertTrue(rows.get(1).get("correlation").asDouble() > rows.get(0).get("correlation").asDouble(),
                "auto beats the fixed 8 at input 100: " + run.describe());
        CliRun byDefault = CliRun.run("fidelity", "--vectors", SWEEP_VECTORS, "--input-dim", "100", "--json");
        assertEquals(rows.get(1).get("correlation").asDouble(),
                byDefault.json().get("rows").get(0).get("correlation").asDouble(), EXACT, "auto is the default");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--sweep", "colour=1,2"), "'colour'"),
                Arguments.of(List.of("--sweep", "json=1"), "'json'"),
                Arguments.of(List.of("--sweep", "bits"), "'bits'"),
                Arguments.of(List.of("--sweep", "bits=8,x"), "'x'"),
                Arguments.of(List.of("--sweep", "bits=8,17"), "17"),
                Arguments.of(List.of("--bits", "17"), "bits must be between 1 and 16, got 17"),
                Arguments.of(List.of("--bits", "many"), "'many'"),
                Arguments.of(List.of("--read-noise", "-1"), "-1"),
                Arguments.of(List.of("--vectors", "0"), "--vectors must be at least 1, got 0"),
                Arguments.of(List.of("--density", "1.5"), "1.5"),
                Arguments.of(List.of("--dmd", "912by1140"), "'912by1140'"),
                Arguments.of(List.of("--encoding", "morse"), "'morse' is not one of threshold, ternary, bit-planes"),
                Arguments.of(List.of("--output-dim", "200000000", "--unbounded-camera"),
                        "(--output-dim 200000000), but the Java heap holds at most "
                                + HeapCheck.size(Runtime.getRuntime().maxMemory())),
                Arguments.of(List.of("--reference-size", "0"),
                        ", got 0"),
                Arguments.of(List.of("--reference-size", "big"), "got 'big'"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneSentenceNamingTheValue(List<String> options, String named) {
        // Every option is checked before the first vector is projected, so these runs are quick.
        List<String> args = new ArrayList<>(List.of("fidelity"));
        args.addAll(options);
        CliRun run = CliRun.run(args.toArray(new String[0]));

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.errLines().get(0).startsWith("opu-dfa: "), run.describe());
        assertTrue(run.errLines().get(0).contains(named), "the message names " + named + ": " + run.describe());
        assertFalse(run.err().contains(MainTest.STACK_TRACE_MARK), run.describe());
        assertEquals("", run.out(), "no partial result on stdout");
    }
}

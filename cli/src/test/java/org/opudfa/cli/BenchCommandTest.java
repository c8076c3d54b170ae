package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opudfa.experiments.bench.GemmShape;
import org.opudfa.experiments.bench.PeakMemory;
import org.opudfa.opu.kernel.Gemm;

/** Runs {@code opu-dfa bench} in process with one or two timed runs, so that each test is quick. */
class BenchCommandTest {

    /** Relative tolerance of throughputs recomputed from the printed median times. */
    private static final double RELATIVE = 1e-9;

    private static List<String> field(JsonNode results, String name) {
        List<String> values = new ArrayList<>();
        results.forEach(r -> values.add(r.get(name).asText()));
        return values;
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, RELATIVE * Math.abs(expected));
    }

    @Test
    void gemmPrintsATableRowPerShapeAndTheKernel() {
        CliRun r = CliRun.run("bench", "gemm", "--warmup", "0", "--iterations", "1", "--threads", "1",
                "--shape", "NT_16x32x8", "--shape", "TN_8x8x4");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.outLines().contains("kernel: " + Gemm.implementationName()), r.describe());
        assertTrue(r.outLines().contains("threads: 1"), r.describe());
        List<String> lines = r.outLines();
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("GFLOP/s")).findFirst().orElseThrow());
        assertEquals(header + 4, lines.size(), r.describe());
        assertTrue(lines.get(header + 2).trim().startsWith("NT_16x32x8"), r.describe());
        assertTrue(lines.get(header + 3).trim().startsWith("TN_8x8x4"), r.describe());
    }

    @Test
    void gemmJsonTimesTheStandardShapes() {
        CliRun r = CliRun.run("bench", "gemm", "--json", "--warmup", "0", "--iterations", "2", "--threads", "1");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode doc = r.json();
        assertEquals("gemm", doc.get("target").asText());
        assertEquals(Gemm.implementationName(), doc.get("kernel").asText());
        assertEquals(1, doc.get("threads").asInt());
        assertEquals(2, doc.get("iterations").asInt());
        JsonNode results = doc.get("results");
        assertEquals(GemmShape.STANDARD.stream().map(GemmShape::name).toList(), field(results, "shape"));
        for (JsonNode row : results) {
            GemmShape shape = GemmShape.parse(row.get("shape").asText());
            double gflops = row.get("gflops").asDouble();
            assertTrue(gflops > 0, row.toString());
            assertRelative(shape.flops() / (row.get("medianMicros").asDouble() * 1e3), gflops);
            assertTrue(row.get("minMicros").asDouble() <= row.get("medianMicros").asDouble(), row.toString());
        }
    }

    @Test
    void projectorTimesTheExactAndTheOpuProjector() {
        CliRun text = CliRun.run("bench", "projector", "--warmup", "0", "--iterations", "1", "--threads", "1");
        assertEquals(0, text.exitCode(), text.describe());
        assertTrue(text.outLines().stream().anyMatch(l -> l.trim().startsWith("exact ")), text.describe());
        assertTrue(text.outLines().stream().anyMatch(l -> l.trim().startsWith("opu ")), text.describe());

        CliRun r = CliRun.run("bench", "projector", "--json", "--warmup", "0", "--iterations", "2", "--threads", "1");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode doc = r.json();
        assertEquals(BenchCommand.BATCH, doc.get("batch").asInt());
        assertEquals(BenchCommand.CLASSES, doc.get("inputDimension").asInt());
        assertEquals(BenchCommand.FEEDBACK, doc.get("outputDimension").asInt());
        JsonNode results = doc.get("results");
        assertEquals(List.of("exact", "opu"), field(results, "projector"));
        for (JsonNode row : results) {
            assertRelative(BenchCommand.BATCH / (row.get("medianMicros").asDouble() * 1e-6),
                    row.get("vectorsPerSecond").asDouble());
        }
    }

    @Test
    void trainTimesDfaExactDfaOpuAndBackpropagationOnBothNetworksWithAndWithoutParallelBlocks() {
        CliRun r = CliRun.run("bench", "train", "--json", "--dataset", "synthetic", "--warmup", "0", "--steps", "1",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode doc = r.json();
        assertEquals("train", doc.get("target").asText());
        assertEquals(1, doc.get("steps").asInt());
        assertTrue(doc.get("data").asText().contains("synthetic"), r.describe());
        List<String> networks = new ArrayList<>();
        doc.get("networks").forEach(n -> networks.add(n.asText()));
        assertEquals(2, networks.size(), r.describe());
        assertTrue(networks.get(0).matches("\\d+-1024-1024-\\d+ tanh"), r.describe());
        assertTrue(networks.get(1).matches("\\d+-256×8-\\d+ tanh"), r.describe());
        JsonNode results = doc.get("results");
        List<String> methods = List.of("dfa-exact", "dfa-exact", "dfa-opu", "dfa-opu", "bp");
        List<String> parallel = List.of("false", "true", "false", "true", "false");
        List<String> expectedMethods = new ArrayList<>(methods);
        expectedMethods.addAll(methods);
        List<String> expectedParallel = new ArrayList<>(parallel);
        expectedParallel.addAll(parallel);
        assertEquals(expectedMethods, field(results, "method"));
        assertEquals(expectedParallel, field(results, "parallelBlocks"));
        List<String> expectedNetworks = new ArrayList<>();
        for (String n : networks) {
            methods.forEach(m -> expectedNetworks.add(n));
        }
        assertEquals(expectedNetworks, field(results, "network"));
        double sequentialMillis = Double.NaN;
        for (JsonNode row : results) {
            double millis = row.get("medianStepMillis").asDouble();
            assertRelative(BenchCommand.BATCH / (millis * 1e-3), row.get("samplesPerSecond").asDouble());
            assertTrue(Double.isFinite(row.get("lastLoss").asDouble()), row.toString());
            assertTrue(row.get("minStepMillis").asDouble() <= millis, row.toString());
            if (row.get("parallelBlocks").asBoolean()) {
                assertRelative(sequentialMillis / millis, row.get("speedUp").asDouble());
            } else {
                assertTrue(row.get("speedUp") == null, row.toString());
                sequentialMillis = millis;
            }
        }
        JsonNode peak = doc.get("peakMemory");
        assertTrue(peak.get("bytes").asLong() > 0, r.describe());
        assertTrue(List.of(PeakMemory.RSS_PEAK, PeakMemory.HEAP_USED).contains(peak.get("source").asText()),
                r.describe());
    }

    @Test
    void parallelBlocksGiveTheSameLossesAsTheSequentialSteps() {
        CliRun r = CliRun.run("bench", "train", "--json", "--dataset", "synthetic", "--warmup", "1", "--steps", "2",
                "--threads", "2");
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode results = r.json().get("results");
        for (int i = 1; i < results.size(); i++) {
            JsonNode row = results.get(i);
            if (row.get("parallelBlocks").asBoolean()) {
                assertEquals(results.get(i - 1).get("lastLoss").asDouble(), row.get("lastLoss").asDouble(),
                        "the same steps, bit for bit: " + row);
            }
        }
    }

    @Test
    void trainPrintsATableAndThePeakMemory() {
        CliRun r = CliRun.run("bench", "train", "--dataset", "synthetic", "--warmup", "0", "--steps", "1",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches("peakMemory: [0-9.]+ MiB \\(.+\\)")), r.describe());
        assertTrue(r.outLines().stream().anyMatch(l -> l.contains("samples/s") && l.contains("parallel blocks")),
                r.describe());
        for (String method : List.of(" dfa-exact ", " dfa-opu ", " bp ")) {
            assertTrue(r.outLines().stream().anyMatch(l -> l.contains(method)), method + r.describe());
        }
        assertTrue(r.outLines().stream().anyMatch(l -> l.matches(".*dfa-exact\\s+yes\\s.*[0-9.]+x.*")), r.describe());
    }

    @Test
    void anUnknownTargetIsBadInput() {
        CliRun r = CliRun.run("bench", "fit");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.describe());
        assertTrue(r.err().contains("'fit' is not one of gemm, train, projector"), r.describe());
        assertEquals("", r.out());
    }

    @Test
    void aMissingTargetIsBadInput() {
        CliRun r = CliRun.run("bench");
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.describe());
        assertTrue(r.err().contains("TARGET"), r.describe());
    }

    @Test
    void outOfRangeCountsAreBadInputWithTheirRange() {
        assertBadInput("--iterations must be at least 1, got 0", "bench", "gemm", "--iterations", "0");
        assertBadInput("--warmup must be at least 0, got -1", "bench", "projector", "--warmup", "-1");
        assertBadInput("--steps must be at least 1, got 0", "bench", "train", "--steps", "0");
        assertBadInput("--threads must be between 1 and " + Gemm.MAX_THREADS + ", got 0", "bench", "gemm",
                "--threads", "0");
    }

    @Test
    void aMalformedShapeIsBadInput() {
        assertBadInput("GEMM shape must be written like NT_128x1024x784 (N or T for A and B, then MxNxK), got '12x3'",
                "bench", "gemm", "--shape", "12x3", "--iterations", "1", "--warmup", "0");
    }

    @Test
    void helpNamesTheTargets() {
        CliRun r = CliRun.run("bench", "--help");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("gemm, train or projector"), r.describe());
    }

    private static void assertBadInput(String message, String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(Main.EXIT_BAD_INPUT, r.exitCode(), r.describe());
        assertEquals("opu-dfa: " + message, r.errLines().get(0), r.describe());
    }
}

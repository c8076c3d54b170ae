package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    /** Two small fidelity points. */
    private static final String SPEC = "{\"kind\":\"fidelity\",\"base\":{\"vectors\":10,\"outputDim\":64},"
            + "\"grid\":{\"bits\":[3,9]}}";

    @Test
    void runsASpecAndResumesIt(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bits.json");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");
        CommandRun first = CommandRun.of("sweep", spec.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("bits  correlation"), first.out());
        assertTrue(first.out().contains("Results in " + out + " (results.md, 1 plot)."), first.out());
        assertEquals(3, Files.readAllLines(out.resolve("results.csv")).size());
        assertTrue(Files.exists(out.resolve("bits.png")));
        assertTrue(first.err().contains("[bits] 2/2 done: "), first.err());

        CommandRun second = CommandRun.of("sweep", spec.toString(), "--out", out.toString());
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("[bits] 1/2 already done: bits=3"), second.err());
        assertTrue(second.err().contains("[bits] 2/2 already done: bits=9"), second.err());
        assertFalse(second.err().contains("start"), second.err());
        assertEquals(first.out(), second.out());

        CommandRun fresh = CommandRun.of("sweep", spec.toString(), "--out", out.toString(), "--fresh");
        assertEquals(0, fresh.exit(), fresh.err());
        assertTrue(fresh.err().contains("[bits] start bits=3"), fresh.err());
        assertFalse(fresh.err().contains("already done"), fresh.err());
        assertEquals(first.out(), fresh.out());
    }

    @Test
    void checkOnlyListsThePoints(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bits.json");
        Files.writeString(spec, SPEC);
        CommandRun r = CommandRun.of("sweep", spec.toString(), "--check");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("fidelity sweep 'bits': 2 points", lines.get(0));
        assertTrue(lines.get(2).endsWith("  bits=9"), lines.get(2));
    }

    @Test
    void aBadSpecIsRejectedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.json");
        Path out = dir.resolve("out");
        Files.writeString(spec, SPEC.replace("\"bits\":[3,9]", "\"bits\":[3,9],\"colour\":[1]"));
        CommandRun unknown = CommandRun.of("sweep", spec.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, unknown.exit());
        assertTrue(unknown.err().startsWith("opu-dfa: grid.colour names an unknown parameter 'colour' of fidelity"
                + " sweeps; known: "), unknown.err());
        assertFalse(Files.exists(out));

        Files.writeString(spec, SPEC.replace("[3,9]", "[3,\"nine\"]"));
        CommandRun type = CommandRun.of("sweep", spec.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, type.exit());
        assertEquals("opu-dfa: grid.bits[1] must be a whole number, got \"nine\"" + System.lineSeparator(), type.err());

        Files.writeString(spec, SPEC.replace("[3,9]", "[]"));
        CommandRun empty = CommandRun.of("sweep", spec.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, empty.exit());
        assertEquals("opu-dfa: grid.bits must be a non-empty list of values, got []" + System.lineSeparator(),
                empty.err());
        assertFalse(Files.exists(out));

        CommandRun missing = CommandRun.of("sweep", dir.resolve("nope.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exit());
        assertEquals("opu-dfa: sweep spec " + dir.resolve("nope.json") + " does not exist" + System.lineSeparator(),
                missing.err());
    }
}

package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.spec.ExperimentCatalog;

class ExperimentCommandTest {

    @Test
    void listsEveryShippedExperiment() {
        CommandRun r = CommandRun.of("experiment", "list");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("name "), "text columns are left-aligned: " + r.out());
        for (String name : ExperimentCatalog.NAMES) {
            assertTrue(r.out().contains(name), name);
        }
        assertTrue(r.out().contains("quick points"), r.out());
    }

    @Test
    void unknownExperimentIsBadInput() {
        CommandRun r = CommandRun.of("experiment", "run", "nope", "--quick");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals("opu-dfa: there is no experiment 'nope'; known: " + String.join(", ", ExperimentCatalog.NAMES)
                + System.lineSeparator(), r.err());
    }

    @Test
    void jobsMustBePositive(@TempDir Path dir) {
        CommandRun r = CommandRun.of("experiment", "run", "cost-model", "--quick", "--jobs", "0", "--out",
                dir.resolve("out").toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("opu-dfa: --jobs must be at least 1, got 0"), r.err());
        assertTrue(!dir.resolve("out").toFile().exists());
    }

    @Test
    void aSubcommandIsNeeded() {
        CommandRun r = CommandRun.of("experiment");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("opu-dfa: experiment needs a subcommand: list or run NAME."), r.err());
    }

    @Test
    void checkReportsAnIncompleteFolder(@TempDir Path dir) {
        CommandRun r = CommandRun.of("experiment", "check", "drift", "--quick", "--out", dir.toString());
        assertEquals(Main.EXIT_RUN_FAILED, r.exit());
        assertTrue(r.err().startsWith("opu-dfa: " + dir.resolve("provenance.json") + " is missing"), r.err());
    }

    @Test
    @Tag("slow")
    void runsTheQuickCostModelEndToEnd(@TempDir Path dir) {
        String out = dir.resolve("cost").toString();
        CommandRun r = CommandRun.of("experiment", "run", "cost-model", "--quick", "--out", out);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Results in " + out + " (results.md, 2 plots)."), r.out());
        CommandRun check = CommandRun.of("experiment", "check", "cost-model", "--quick", "--out", out);
        assertEquals(0, check.exit(), check.err());
    }
}

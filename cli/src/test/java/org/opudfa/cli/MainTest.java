package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The top-level command: missing command, unknown options, version and help. */
class MainTest {

    /** What a Java stack trace line of this project looks like; it must never reach the user. */
    static final String STACK_TRACE_MARK = "at org.";

    @Test
    void noCommandIsBadInputWithAMessageOnStderr() {
        CliRun run = CliRun.run();

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.err().startsWith("opu-dfa: a command is needed"), run.describe());
        assertTrue(run.err().contains("Commands:"), "the usage with the command list follows: " + run.describe());
        assertEquals("", run.out(), "nothing goes to stdout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "fidelity --bogus", "train --bogus", "project --bogus"})
    void unknownOptionIsOneSentenceWithoutStackTrace(String commandLine) {
        CliRun run = CliRun.run(commandLine.split(" "));

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        List<String> lines = run.errLines();
        String command = commandLine.replace("--bogus", "").trim();
        String qualified = command.isEmpty() ? "opu-dfa" : "opu-dfa " + command;
        assertEquals(List.of("opu-dfa: Unknown option: '--bogus' (see '" + qualified + " --help')"), lines,
                "our one sentence and nothing else: " + run.describe());
        assertFalse(run.err().contains(STACK_TRACE_MARK), run.describe());
        assertEquals("", run.out());
    }

    @Test
    void unknownCommandIsBadInput() {
        CliRun run = CliRun.run("frobnicate");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.errLines().get(0).contains("'frobnicate'"), run.describe());
        assertFalse(run.err().contains(STACK_TRACE_MARK), run.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionPrintsTheProjectAndJavaVersions(String option) {
        CliRun run = CliRun.run(option);

        assertEquals(0, run.exitCode(), run.describe());
        List<String> lines = run.outLines();
        assertEquals("opu-dfa " + VersionProvider.projectVersion(), lines.get(0));
        assertTrue(lines.get(0).matches("opu-dfa \\d+\\.\\d+\\.\\d+.*"),
                "the build filled in the version: " + lines.get(0));
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version")), lines.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "fidelity", "project"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.run(command, "--help");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().startsWith("Usage: opu-dfa " + command), run.describe());
    }
}

package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code opu-dfa} keeps the JVM's "Using incubator modules" line off stderr
 * and passes everything else, and the exit code, through. It runs here against a stand-in
 * {@code java} that prints what the real one would, so the test needs neither a build nor a JVM
 * start.
 */
class LauncherTest {

    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    /** A stuck launcher fails the test instead of hanging the build; the script itself takes milliseconds. */
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void dropsExactlyTheIncubatorWarningAndKeepsTheRest() throws Exception {
        Result r = launch("echo '" + WARNING + "' >&2; echo 'table row'; printf 'opu-dfa: bad input.\\n' >&2; "
                + "printf 'progress\\r' >&2; exit 2");

        assertEquals(2, r.exit, r.toString());
        assertEquals("table row\n", r.out, r.toString());
        assertEquals("opu-dfa: bad input.\nprogress\r", r.err, r.toString());
    }

    @Test
    void keepsAnyOtherFirstLineAndALaterCopyOfTheWarning() throws Exception {
        Result r = launch("echo 'WARNING: something else' >&2; echo '" + WARNING + "' >&2; exit 0");

        assertEquals(0, r.exit, r.toString());
        assertEquals("WARNING: something else\n" + WARNING + "\n", r.err, r.toString());
    }

    @Test
    void passesStandardInputThrough() throws Exception {
        Result r = launch("echo '" + WARNING + "' >&2; cat");

        assertEquals(0, r.exit, r.toString());
        assertEquals("1,0,-1\n", r.out, r.toString());
        assertEquals("", r.err, r.toString());
    }

    /**
     * Runs a copy of the launcher beside an up-to-date jar stand-in, with a {@code java} on the
     * PATH that lists the Vector API module and otherwise runs {@code body}.
     */
    private Result launch(String body) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Path launcher = Files.copy(Repository.root().resolve("opu-dfa"), root.resolve("opu-dfa"));
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/opu-dfa.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "if [ \"${1:-}\" = --list-modules ]; then echo jdk.incubator.vector@17; exit 0; fi\n"
                + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "info");
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        pb.environment().remove("OPU_DFA_JAVA_OPTS");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Path in = Files.writeString(dir.resolve("stdin"), "1,0,-1\n");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Result(int exit, String out, String err) {
    }
}

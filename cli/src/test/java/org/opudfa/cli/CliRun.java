package org.opudfa.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One in-process run of the command line: its exit code and everything it wrote to stdout and
 * stderr.
 *
 * @param exitCode what {@code execute} returned
 * @param out      the text written to stdout
 * @param err      the text written to stderr
 */
record CliRun(int exitCode, String out, String err) {

    /** Reads exactly one JSON document: trailing text after it is an error. */
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Runs {@code opu-dfa} with the given arguments, wired as {@link Main#main} wires it, but with
     * stdout and stderr captured.
     *
     * @param args the command-line arguments
     * @return the exit code and captured output
     */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Main.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return the non-empty lines of stdout */
    List<String> outLines() {
        return Arrays.stream(out.split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    /** @return the non-empty lines of stderr */
    List<String> errLines() {
        return Arrays.stream(err.split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    /**
     * @return stdout parsed as exactly one JSON document
     * @throws AssertionError if stdout is not one JSON document
     */
    JsonNode json() {
        try {
            return STRICT_JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + out, e);
        }
    }

    /** @return a description of the run for assertion messages */
    String describe() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
}

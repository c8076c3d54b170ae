package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sweep example prints what the README shows: the command is read from the README,
 * run in-process, and its stdout compared with the README's block, character for character. A
 * change to the simulated device that moves these numbers fails here until the README is
 * regenerated (run the command and paste its stdout under the command line).
 */
class ReadmeSweepExampleTest {

    /** The line that opens the example's output in the README; what follows up to the fence is its stdout. */
    static final String COMMAND_LINE = "$ ./opu-dfa sweep experiments/examples/bits-and-read-noise.json";
    /** The README's JSON block that shows the example spec opens with this line. */
    private static final String SPEC_FIRST_LINE = "  \"name\": \"bits-and-read-noise\",";

    @TempDir
    Path dir;

    @Test
    void readmeSweepTableIsWhatTheExamplePrints() throws IOException {
        String readme = Files.readString(Repository.readme(), StandardCharsets.UTF_8);
        List<String> block = blockAfter(readme, COMMAND_LINE);
        List<String> args = new ArrayList<>(Arrays.asList(COMMAND_LINE.substring("$ ./opu-dfa ".length()).split(" ")));
        String spec = args.get(1);
        String defaultFolder = "bits-and-read-noise-results";
        Path out = dir.resolve(defaultFolder);
        args.set(1, Repository.root().resolve(spec).toString());
        args.addAll(List.of("--out", out.toString()));

        CliRun run = CliRun.run(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.describe());
        String printed = run.out().replace(System.lineSeparator(), "\n")
                .replace("Results in " + out + " ", "Results in " + defaultFolder + " ");
        assertEquals(String.join("\n", block), printed.stripTrailing(),
                "the README block under '" + COMMAND_LINE + "' must be what the command prints; regenerate it");
    }

    @Test
    void readmeShowsTheExampleSpecAsShipped() throws IOException {
        String readme = Files.readString(Repository.readme(), StandardCharsets.UTF_8);
        String shipped = Files.readString(Repository.root().resolve("experiments/examples/bits-and-read-noise.json"),
                StandardCharsets.UTF_8);
        int start = readme.indexOf("{\n" + SPEC_FIRST_LINE);
        assertTrue(start >= 0, "the README shows the example spec");
        int end = readme.indexOf("```", start);
        assertEquals(shipped.strip(), readme.substring(start, end).strip());
    }

    /**
     * @return the lines after {@code first} up to the closing fence, without trailing blank lines
     */
    private static List<String> blockAfter(String markdown, String first) {
        List<String> lines = markdown.lines().toList();
        int start = lines.indexOf(first);
        assertTrue(start >= 0, "the README has the line '" + first + "'");
        List<String> block = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
            block.add(lines.get(i));
        }
        while (!block.isEmpty() && block.get(block.size() - 1).isBlank()) {
            block.remove(block.size() - 1);
        }
        return block;
    }
}

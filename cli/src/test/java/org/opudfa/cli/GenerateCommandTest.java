package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code opu-dfa generate} from a tiny language model trained by {@code train --task lm}. */
class GenerateCommandTest {

    @TempDir
    static Path dir;

    private static Path run;

    @BeforeAll
    static void trainATinyModel() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 3000; i++) {
            text.append(i % 3 == 0 ? "the cat sat on the mat.\n" : "a dog ran to its bed. ");
        }
        Path corpus = Files.writeString(dir.resolve("text.txt"), text, StandardCharsets.UTF_8);
        run = dir.resolve("run");
        CliRun train = CliRun.run("train", "--task", "lm", "--data", corpus.toString(), "--layers", "1", "--d-model",
                "16", "--heads", "2", "--context", "16", "--batch", "4", "--epoch-steps", "5", "--method", "bp",
                "--threads", "1", "--out", run.toString(), "--no-progress");
        assertEquals(0, train.exitCode(), train.describe());
    }

    @Test
    void printsThePromptAndASampleThatTheSeedDecides() {
        CliRun a = CliRun.run("generate", "--out", run.toString(), "--prompt", "the c", "--length", "40", "--seed", "3");
        assertEquals(0, a.exitCode(), a.describe());
        assertTrue(a.out().startsWith("the c"), a.out());
        int sample = a.out().length() - "the c".length() - System.lineSeparator().length();
        assertTrue(sample > 0 && sample <= 40, "40 bytes make at most 40 characters: " + a.describe());
        CliRun b = CliRun.run("generate", "--out", run.toString(), "--prompt", "the c", "--length", "40", "--seed", "3");
        assertEquals(a.out(), b.out());
        CliRun c = CliRun.run("generate", "--out", run.toString(), "--prompt", "the c", "--length", "40", "--seed", "4",
                "--temperature", "1.5");
        assertNotEquals(a.out(), c.out());
    }

    @Test
    void namesAMissingRunOrABadValue() {
        CliRun missing = CliRun.run("generate", "--out", dir.resolve("nothing").toString());
        assertEquals(Main.EXIT_BAD_INPUT, missing.exitCode());
        assertEquals("opu-dfa: --out must be the folder of a 'train --task lm' run holding its checkpoint.bin, but "
                + dir.resolve("nothing") + " has none", missing.err().strip());
        CliRun cold = CliRun.run("generate", "--out", run.toString(), "--temperature", "-1");
        assertEquals(Main.EXIT_BAD_INPUT, cold.exitCode());
        assertEquals("opu-dfa: --temperature must be at least 0 and finite, got -1.0", cold.err().strip());
    }
}

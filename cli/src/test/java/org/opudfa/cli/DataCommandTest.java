package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @Test
    void clicksWritesTheLogAndItsTrueProbabilities(@TempDir Path dir) throws Exception {
        CommandRun r = CommandRun.of("data", "clicks", "--out", dir.toString(), "--rows", "500", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(500, doc.get("rows").intValue());
        assertEquals(500, Files.readAllLines(dir.resolve("train.txt")).size());
        assertEquals(500, Files.readAllLines(dir.resolve("train.probability.txt")).size());
        assertTrue(doc.get("testBayesAuc").doubleValue() > 0.5);
    }

    @Test
    void badInputIsOneSentenceAndExitTwo(@TempDir Path dir) {
        CommandRun r = CommandRun.of("data", "clicks", "--out", dir.toString(), "--rows", "5");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertEquals("opu-dfa: a generated click log needs at least 10 rows (to split 80/10/10), got 5",
                r.err().lines().findFirst().orElse(""));
    }
}

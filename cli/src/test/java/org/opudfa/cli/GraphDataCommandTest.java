package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.task.graph.LinqsReader;

/** {@code data graph} writes a LINQS data set that the graph task reads back. */
class GraphDataCommandTest {

    @Test
    void writesTheGeneratedGraphAndTrainsOnIt(@TempDir Path dir) throws Exception {
        CliRun gen = CliRun.run("data", "graph", "--out", dir.toString(), "--name", "small", "--nodes", "200",
                "--classes", "3", "--features", "50", "--edges", "400", "--homophily", "0.9");
        assertEquals(0, gen.exitCode(), gen.err());
        assertTrue(gen.out().contains("small: 200 nodes, 400 edges, 50 features, 3 classes"), gen.out());
        assertTrue(Files.isRegularFile(dir.resolve("small.content")));
        LinqsReader.Result read = LinqsReader.read(dir);
        assertEquals(400, read.graph().edgeCount());
        CliRun train = CliRun.run("train", "--task", "graph", "--data", dir.toString(), "--train-per-class", "5",
                "--validation-nodes", "40", "--test-nodes", "80", "--epochs", "2", "--method", "bp", "--threads", "1",
                "--no-progress");
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.err().contains("small: 200 nodes, 400 edges"), train.err());
    }

    @Test
    void refusesParametersThatDoNotFitTogether(@TempDir Path dir) {
        CliRun run = CliRun.run("data", "graph", "--out", dir.toString(), "--nodes", "100", "--edges", "50");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertEquals("opu-dfa: edges must be between the 100 nodes (every node gets an edge) and 4950 (every pair), "
                + "got 50", run.errLines().get(0));
    }

    @Test
    void refusesAMalformedContentFileNamingTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.content"), "a\t1\t0\tL\nb\t1\t2\tL\n");
        Files.writeString(dir.resolve("bad.cites"), "a\tb\n");
        CliRun run = CliRun.run("train", "--task", "graph", "--data", dir.toString(), "--epochs", "1");
        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode());
        assertEquals("opu-dfa: bad.content line 2 has feature value '2' in field 3, but feature values must be 0 or 1",
                run.errLines().get(0));
    }
}

package org.opudfa.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.run.ExperimentRunner;
import org.opudfa.experiments.run.SweepListener;
import org.opudfa.experiments.spec.ExperimentSpec;

class ResultsCheckTest {

    /** A small fidelity experiment with one plot. */
    private static final String EXPERIMENT = ("{'name':'c','title':'t','description':'d','sweeps':[{'name':'f',"
            + "'kind':'fidelity','base':{'vectors':5,'outputDim':32},'grid':{'bits':[4,8]},"
            + "'plots':[{'file':'f.png','title':'T','x':'bits','xLabel':'bits','y':['correlation'],"
            + "'yLabel':'r'}]}]}").replace('\'', '"');

    @Test
    void findsMissingAndBrokenFiles(@TempDir Path dir) throws Exception {
        ExperimentSpec spec = ExperimentSpec.parse(EXPERIMENT, "c", false);
        assertEquals(List.of(dir.resolve("provenance.json") + " is missing", dir.resolve("results.md") + " is missing"),
                ResultsCheck.verify(spec, dir).subList(0, 2));
        new ExperimentRunner(1, SweepListener.NONE, "test").run(spec, dir, "c");
        assertEquals(List.of(), ResultsCheck.verify(spec, dir));

        Path csv = dir.resolve("f/results.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, List.of(lines.get(0), lines.get(1) + ",extra"));
        Files.writeString(dir.resolve("f/results.jsonl"), "{\"a\":1}\nnot json\n");
        Files.writeString(dir.resolve("f.png"), "not a png");
        List<String> problems = ResultsCheck.verify(spec, dir);
        assertTrue(problems.contains(csv + " has 1 rows, expected 2"), problems.toString());
        assertTrue(problems.contains(csv + " line 2 has " + (lines.get(0).split(",").length + 1) + " cells, expected "
                + lines.get(0).split(",").length), problems.toString());
        assertTrue(problems.contains(dir.resolve("f/results.jsonl") + " line 2 is not valid JSON"), problems.toString());
        assertTrue(problems.contains(dir.resolve("f.png") + " is not a readable image"), problems.toString());
    }
}

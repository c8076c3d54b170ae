package org.opudfa.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.experiments.report.ResultFiles;
import org.opudfa.experiments.spec.SweepPoint;
import org.opudfa.experiments.spec.SweepSpec;

class SweepRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A small fidelity sweep: 4 points of 20 vectors projected to 128 outputs. */
    private static final String SPEC = "{'name':'tiny','kind':'fidelity','base':{'vectors':20,'outputDim':128,"
            + "'inputDim':8},'grid':{'bits':[2,8],'vectorType':['ternary','gaussian']}}";

    private static SweepSpec spec(String text) throws Exception {
        return SweepSpec.parse(JSON.readTree(text.replace('\'', '"')), "x");
    }

    @Test
    void writesOneRowPerPointInSpecOrder(@TempDir Path dir) throws Exception {
        SweepOutcome o = new SweepRunner(2, SweepListener.NONE).run(spec(SPEC), dir);
        assertEquals(4, o.results().size());
        assertEquals(0, o.skipped());
        List<String> csv = Files.readAllLines(dir.resolve(ResultFiles.RESULTS_CSV));
        assertEquals("point,bits,vectorType,correlation,relative_rmse,snr_db,saturated_fraction,frames_per_vector,"
                + "device_seconds_per_vector", csv.get(0));
        assertEquals(5, csv.size());
        for (int i = 0; i < 4; i++) {
            SweepPoint p = o.spec().points().get(i);
            assertTrue(csv.get(i + 1).startsWith(p.id() + "," + p.varied().get("bits") + "," + p.varied().get("vectorType")
                    + ","), csv.get(i + 1));
            assertTrue(Files.exists(SweepRunner.pointFile(dir, p)));
        }
        List<String> jsonl = Files.readAllLines(dir.resolve(ResultFiles.RESULTS_JSONL));
        assertEquals(4, jsonl.size());
        JsonNode first = JSON.readTree(jsonl.get(0));
        assertEquals(2, first.get("bits").intValue());
        assertTrue(first.get("correlation").isNumber());
        assertEquals(5, Files.readAllLines(dir.resolve(ResultFiles.TIMINGS_CSV)).size());
        // More bits: a better projection.
        double coarse = (Double) o.results().get(0).results().get("correlation");
        double fine = (Double) o.results().get(2).results().get("correlation");
        assertTrue(fine > coarse, fine + " vs " + coarse);
    }

    @Test
    void resultCsvReproducesExactlyWhateverThePoolSize(@TempDir Path dir) throws Exception {
        new SweepRunner(1, SweepListener.NONE).run(spec(SPEC), dir.resolve("a"));
        new SweepRunner(3, SweepListener.NONE).run(spec(SPEC), dir.resolve("b"));
        for (String f : List.of(ResultFiles.RESULTS_CSV, ResultFiles.RESULTS_JSONL)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)),
                    f);
        }
    }

    @Test
    void finishedPointsAreSkippedOnRerun(@TempDir Path dir) throws Exception {
        SweepSpec s = spec(SPEC);
        new SweepRunner(2, SweepListener.NONE).run(s, dir);
        byte[] before = Files.readAllBytes(dir.resolve(ResultFiles.RESULTS_CSV));
        // Mark one finished point so that a rerun that recomputed it would be visible.
        SweepPoint marked = s.points().get(1);
        Path file = SweepRunner.pointFile(dir, marked);
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) doc.get("results")).put("correlation", 0.125);
        JSON.writeValue(file.toFile(), doc);
        // Remove another so that it must run again.
        Files.delete(SweepRunner.pointFile(dir, s.points().get(3)));

        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SweepListener listener = new SweepListener() {
            @Override
            public void pointStarted(SweepSpec sweep, SweepPoint point) {
                events.add("start " + point.index());
            }

            @Override
            public void pointFinished(SweepSpec sweep, PointResult result, boolean skipped, int done, int total) {
                events.add((skipped ? "skip " : "done ") + result.point().index());
            }
        };
        SweepOutcome o = new SweepRunner(2, listener).run(s, dir);
        assertEquals(3, o.skipped());
        assertEquals(List.of("skip 0", "skip 1", "skip 2", "start 3", "done 3"), events);
        assertEquals(0.125, o.results().get(1).results().get("correlation"));
        List<String> after = Files.readAllLines(dir.resolve(ResultFiles.RESULTS_CSV));
        assertTrue(after.get(2).contains(",0.125000,"), after.get(2));
        // The rerun point reproduces its earlier row exactly.
        assertEquals(new String(before).split("\n")[4], after.get(4));
    }

    @Test
    void aFreshRunRerunsEveryPoint(@TempDir Path dir) throws Exception {
        SweepSpec s = spec(SPEC);
        new SweepRunner(2, SweepListener.NONE).run(s, dir);
        Path file = SweepRunner.pointFile(dir, s.points().get(0));
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) doc.get("results")).put("correlation", 0.125);
        JSON.writeValue(file.toFile(), doc);
        SweepOutcome o = new SweepRunner(2, SweepListener.NONE, false).run(s, dir);
        assertEquals(0, o.skipped());
        assertTrue((Double) o.results().get(0).results().get("correlation") > 0.125);
    }

    @Test
    void jobsMustBePositive() {
        assertEquals("jobs must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new SweepRunner(0, SweepListener.NONE)).getMessage());
    }
}

package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.rule.Method;

/** metrics.csv and metrics.jsonl: the documented header, one row or object per epoch, values that read back. */
class MetricsLogTest {

    /** CSV numbers carry six significant digits. */
    private static final double CSV_RELATIVE_PRECISION = 1e-5;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The header of an MLP run's table: the columns it had before the training core went general. */
    private static final List<String> MLP_COLUMNS = List.of("epoch", "step", "train_loss", "train_accuracy",
            "test_loss", "test_accuracy", "alignment_mean", "alignment_per_layer", "samples_per_second", "seconds",
            "opu_frames", "opu_device_seconds", "opu_device_joules");

    private static List<EpochMetrics> dfa;
    private static List<EpochMetrics> bp;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        dfa = TrainFixtures.run(TrainFixtures.small(Method.DFA)).history();
        bp = TrainFixtures.run(TrainFixtures.small(Method.BP)).history();
    }

    @Test
    void csvHasTheHeaderAndOneRowPerEpoch() throws IOException {
        new MetricsLog(dir).write(dfa);
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(MLP_COLUMNS, MetricsLog.columns(dfa.get(0)));
        assertEquals(String.join(",", MLP_COLUMNS), lines.get(0));
        assertEquals(1 + dfa.size(), lines.size());
        for (int e = 0; e < dfa.size(); e++) {
            EpochMetrics m = dfa.get(e);
            String[] cells = lines.get(1 + e).split(",", -1);
            assertEquals(MLP_COLUMNS.size(), cells.length, "cells of row " + (e + 1));
            assertEquals(m.epoch(), Integer.parseInt(cell(cells, "epoch")));
            assertEquals(m.step(), Long.parseLong(cell(cells, "step")));
            assertClose(m.trainLoss(), Double.parseDouble(cell(cells, "train_loss")));
            assertClose(m.value("train_accuracy"), Double.parseDouble(cell(cells, "train_accuracy")));
            assertClose(m.value("test_loss"), Double.parseDouble(cell(cells, "test_loss")));
            assertClose(m.value("test_accuracy"), Double.parseDouble(cell(cells, "test_accuracy")));
            assertClose(m.meanAlignment(), Double.parseDouble(cell(cells, "alignment_mean")));
            assertEquals(m.alignment().size(), cell(cells, "alignment_per_layer").split(";").length);
            assertEquals(m.opuFrames(), Long.parseLong(cell(cells, "opu_frames")));
        }
    }

    @Test
    void csvLeavesAlignmentEmptyWhenNotMeasured() throws IOException {
        new MetricsLog(dir).write(bp);
        String[] cells = Files.readAllLines(dir.resolve("metrics.csv")).get(1).split(",", -1);
        assertEquals("", cell(cells, "alignment_mean"));
        assertEquals("", cell(cells, "alignment_per_layer"));
    }

    @Test
    void jsonlHasOneParseableObjectPerEpoch() throws IOException {
        new MetricsLog(dir).write(dfa);
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(dfa.size(), lines.size());
        for (int e = 0; e < dfa.size(); e++) {
            JsonNode node = JSON.readTree(lines.get(e));
            assertTrue(node.isObject(), lines.get(e));
            assertEquals(e + 1, node.get("epoch").asInt());
            assertEquals(dfa.get(e).value("test_accuracy"), node.get("values").get("test_accuracy").asDouble());
            assertEquals(dfa.get(e), JSON.readValue(lines.get(e), EpochMetrics.class), "every field reads back");
        }
    }

    @Test
    void eachWriteReplacesTheFiles() throws IOException {
        MetricsLog log = new MetricsLog(dir);
        log.write(dfa.subList(0, 1));
        log.write(dfa);
        assertEquals(1 + dfa.size(), Files.readAllLines(dir.resolve("metrics.csv")).size());
        assertEquals(dfa.size(), Files.readAllLines(dir.resolve("metrics.jsonl")).size());
    }

    private static String cell(String[] cells, String column) {
        return cells[MLP_COLUMNS.indexOf(column)];
    }

    private static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * CSV_RELATIVE_PRECISION);
    }
}

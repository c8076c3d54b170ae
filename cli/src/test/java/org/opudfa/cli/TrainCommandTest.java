package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.train.DivergenceGuard;

/**
 * {@code opu-dfa train} on a tiny seeded synthetic task: the table, the files under
 * {@code --out}, JSON output, reproducibility, resuming, divergence and the OPU projector.
 */
class TrainCommandTest {

    /** Small enough that one epoch is a fraction of a second of CPU. */
    private static final List<String> TINY = List.of("train", "--dataset", "synthetic", "--train-limit", "600",
            "--test-limit", "200", "--hidden", "16", "--threads", "1", "--projector", "exact");

    /** metrics.csv columns that measure wall-clock time, so differ between identical runs. */
    private static final Set<String> TIMING_COLUMNS = Set.of("samples_per_second", "seconds");

    /**
     * SGD with this learning rate overflows float arithmetic on its first updates, so the loss
     * becomes non-finite within the first epoch.
     */
    private static final String DIVERGING_LEARNING_RATE = "1e100";

    /** Classes of the generated synthetic task. */
    private static final int SYNTHETIC_CLASSES = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Holds the reference run, shared by the tests that compare against it. */
    @TempDir
    static Path shared;

    /**
     * The reference: two epochs straight, with {@code --out}. Every run generates the synthetic
     * task, which dominates the cost of these tiny runs, so the tests share this one.
     */
    private static CliRun reference;
    private static Path referenceOut;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheReference() {
        referenceOut = shared.resolve("reference");
        reference = train("--epochs", "2", "--out", referenceOut.toString());
    }

    @Test
    void printsAHeaderAndOneRowPerEpochAndWritesTheRunFolder() throws IOException {
        CliRun run = reference;
        Path out = referenceOut;

        assertEquals(0, run.exitCode(), run.describe());
        List<String> lines = run.outLines();
        assertEquals(3, lines.size(), "a header and two rows: " + run.describe());
        assertEquals(List.of("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "alignment", "samples/s",
                "opu_time_s"), cells(lines.get(0)));
        List<List<String>> csv = readCsv(out.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "metrics.csv: a header and two rows");
        List<String> header = csv.get(0);
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<String> row = cells(lines.get(epoch));
            assertEquals(Integer.toString(epoch), row.get(0));
            List<String> csvRow = csv.get(epoch);
            assertEquals(Integer.toString(epoch), csvRow.get(header.indexOf("epoch")));
            // The table shows what the metrics file holds, rounded to 4 decimals.
            assertEquals(round4(csvRow.get(header.indexOf("train_loss"))), row.get(1));
            assertEquals(round4(csvRow.get(header.indexOf("test_accuracy"))), row.get(4));
        }
        assertTrue(run.err().contains("synthetic"), "the data note goes to stderr: " + run.describe());

        List<String> jsonl = Files.readAllLines(out.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        assertEquals(2, jsonl.size());
        for (int i = 0; i < jsonl.size(); i++) {
            assertEquals(i + 1, JSON.readTree(jsonl.get(i)).get("epoch").asInt());
        }
        JsonNode provenance = JSON.readTree(out.resolve("provenance.json").toFile());
        assertEquals("train", provenance.get("command").asText());
        assertEquals(0, provenance.get("seed").asLong());
        assertEquals(VersionProvider.projectVersion(), provenance.get("projectVersion").asText());
        assertEquals(2, provenance.get("configuration").get("epochs").asInt());
        assertTrue(Files.size(out.resolve(TrainCommand.CHECKPOINT)) > 0, "a checkpoint");
    }

    @Test
    void jsonPrintsOneObjectAndNoTable() {
        CliRun run = train("--epochs", "1", "--json");

        assertEquals(0, run.exitCode(), run.describe());
        JsonNode doc = run.json();
        assertTrue(doc.isObject());
        assertEquals("train", doc.get("command").asText());
        assertEquals(1, doc.get("epochs").size());
        assertEquals(1, doc.get("epochs").get(0).get("epoch").asInt());
        assertTrue(doc.get("epochs").get(0).get("values").get("test_accuracy").isNumber());
        assertEquals("exact", doc.get("configuration").get("projector").asText());
        assertFalse(run.outLines().stream().anyMatch(l -> l.startsWith("epoch ")), "no table header on stdout");
    }

    @Test
    void theSameCommandTwiceGivesTheSameMetrics() throws IOException {
        Path again = dir.resolve("again");

        CliRun run = train("--epochs", "2", "--out", again.toString());

        assertEquals(0, reference.exitCode(), reference.describe());
        assertEquals(0, run.exitCode(), run.describe());
        List<List<String>> metrics = withoutTiming(readCsv(referenceOut.resolve("metrics.csv")));
        assertEquals(3, metrics.size());
        assertEquals(metrics, withoutTiming(readCsv(again.resolve("metrics.csv"))));
    }

    @Test
    void resumingAfterOneEpochMatchesAStraightTwoEpochRun() throws IOException {
        Path resumed = dir.resolve("resumed");

        CliRun firstEpoch = train("--epochs", "1", "--out", resumed.toString());
        List<String> firstEpochRow = readCsv(resumed.resolve("metrics.csv")).get(1);
        CliRun secondEpoch = train("--epochs", "2", "--out", resumed.toString(), "--resume");

        assertEquals(0, firstEpoch.exitCode(), firstEpoch.describe());
        assertEquals(0, secondEpoch.exitCode(), secondEpoch.describe());
        assertEquals(0, reference.exitCode(), reference.describe());
        assertTrue(secondEpoch.err().contains("resuming after epoch 1"), secondEpoch.describe());
        assertFalse(secondEpoch.err().contains("epoch 1/2"), "epoch 1 is not trained again: "
                + secondEpoch.describe());
        assertEquals(3, secondEpoch.outLines().size(), "the header, the earlier epoch and the new one: "
                + secondEpoch.describe());
        List<List<String>> metrics = withoutTiming(readCsv(resumed.resolve("metrics.csv")));
        assertEquals(3, metrics.size(), "two epochs in the resumed run's metrics.csv");
        assertEquals(withoutTiming(readCsv(referenceOut.resolve("metrics.csv"))), metrics);
        assertEquals(firstEpochRow, readCsv(resumed.resolve("metrics.csv")).get(1),
                "epoch 1 comes from the checkpoint, wall-clock columns included");
    }

    @Test
    void aDamagedCheckpointIsRefusedAndEveryFileIsLeftAlone() throws IOException {
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        try (Stream<Path> files = Files.list(referenceOut)) {
            for (Path f : files.toList()) {
                Files.copy(f, damaged.resolve(f.getFileName()));
            }
        }
        Path checkpoint = damaged.resolve(TrainCommand.CHECKPOINT);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        Files.write(checkpoint, bytes);
        Map<Path, byte[]> before = contents(damaged);

        CliRun run = train("--epochs", "3", "--out", damaged.toString(), "--resume");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        List<String> err = run.errLines();
        assertEquals("opu-dfa: checkpoint " + checkpoint + " is damaged: its checksum does not match; it cannot be"
                + " resumed", err.get(err.size() - 1), run.describe());
        assertFalse(run.err().contains(MainTest.STACK_TRACE_MARK), run.describe());
        assertEquals("", run.out());
        Map<Path, byte[]> after = contents(damaged);
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (Path f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " is untouched");
        }
    }

    @Test
    void resumeWithoutOutIsBadInput() {
        CliRun run = train("--epochs", "1", "--resume");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals("opu-dfa: --resume needs --out DIR holding a checkpoint.bin from an earlier run",
                run.errLines().get(0));
        assertEquals("", run.out());
    }

    @Test
    void resumeWithoutACheckpointIsBadInput() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = train("--epochs", "1", "--out", empty.toString(), "--resume");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertTrue(run.errLines().get(0).endsWith("but " + empty + " has none"), run.describe());
        assertFalse(run.err().contains(MainTest.STACK_TRACE_MARK), run.describe());
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void outThatIsAFileIsBadInputBeforeAnyTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.txt"), "keep me", StandardCharsets.UTF_8);

        CliRun run = train("--epochs", "1", "--out", file.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals("opu-dfa: --out must be a folder, but " + file + " is a file", run.errLines().get(0));
        assertEquals("keep me", Files.readString(file, StandardCharsets.UTF_8), "the file is untouched");
        assertEquals("", run.out());
    }

    @Test
    void aDivergingRunFailsWithExitOneNamingTheStep() {
        CliRun run = train("--epochs", "2", "--optimizer", "sgd", "--lr", DIVERGING_LEARNING_RATE);

        assertEquals(Main.EXIT_RUN_FAILED, run.exitCode(), run.describe());
        assertTrue(run.err().contains("diverged at step"), run.describe());
        assertFalse(run.err().contains(MainTest.STACK_TRACE_MARK), run.describe());
        assertFalse(run.err().contains("internal error"), run.describe());
    }

    /**
     * SGD at learning rates 100 and 1e30 on 2000 samples, the defaults otherwise (the synthetic task,
     * so the data does not depend on what is installed): the losses stay finite (thousands, and
     * 10^31), and the run must still stop at the step where they exploded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"100", "1e30"})
    void anExplodingButFiniteLossFailsWithExitOneNamingTheStep(String learningRate) {
        CliRun run = CliRun.run("train", "--dataset", "synthetic", "--lr", learningRate, "--optimizer", "sgd",
                "--epochs", "3", "--train-limit", "2000");

        assertEquals(Main.EXIT_RUN_FAILED, run.exitCode(), run.describe());
        List<String> err = run.errLines();
        String threshold = String.format(Locale.ROOT, "%.4g",
                new SoftmaxCrossEntropy(RowBatches.LABELS).divergenceBound(SYNTHETIC_CLASSES));
        assertTrue(Pattern.matches("opu-dfa: training diverged at step \\d+ \\(epoch 1\\): the loss is [^,]+, above the"
                + " divergence threshold " + Pattern.quote(threshold) + "; lower the learning rate or check the data",
                err.get(err.size() - 1)), run.describe());
        assertEquals(1, run.outLines().size(), "the table header and no epoch row: " + run.describe());
        assertFalse(run.err().contains(MainTest.STACK_TRACE_MARK), run.describe());
    }

    @Test
    void badTrainingOptionsAreOneSentence() {
        CliRun zeroRate = train("--epochs", "1", "--lr", "0");
        CliRun morse = train("--epochs", "1", "--optimizer", "morse");

        assertEquals(Main.EXIT_BAD_INPUT, zeroRate.exitCode(), zeroRate.describe());
        assertEquals("opu-dfa: --learning-rate must be greater than 0, got 0.0", zeroRate.errLines().get(0));
        assertEquals(Main.EXIT_BAD_INPUT, morse.exitCode(), morse.describe());
        assertTrue(morse.errLines().get(0).contains("'morse' is not one of adam, adamw, sgd"), morse.describe());
    }

    @Test
    void dfaThroughTheSimulatedOpuRunsEndToEnd() throws IOException {
        Path out = dir.resolve("opu");
        List<String> args = new ArrayList<>(TINY);
        args.set(args.indexOf("exact"), "opu");
        args.addAll(List.of("--epochs", "1", "--out", out.toString()));

        CliRun run = CliRun.run(args.toArray(new String[0]));

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(2, run.outLines().size(), "a header and one row: " + run.describe());
        List<List<String>> csv = readCsv(out.resolve("metrics.csv"));
        List<String> header = csv.get(0);
        assertTrue(Long.parseLong(csv.get(1).get(header.indexOf("opu_frames"))) > 0, "the device showed frames");
        assertTrue(Double.parseDouble(csv.get(1).get(header.indexOf("opu_device_seconds"))) > 0,
                "the device took simulated time");
        double loss = Double.parseDouble(csv.get(1).get(header.indexOf("train_loss")));
        assertTrue(Double.isFinite(loss), "a finite loss");
    }

    private static CliRun train(String... extra) {
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(new String[0]));
    }

    /** @return every file of a folder, by name, with its bytes */
    private static Map<Path, byte[]> contents(Path folder) throws IOException {
        Map<Path, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static List<String> cells(String tableLine) {
        return List.of(tableLine.trim().split("\\s+"));
    }

    private static String round4(String number) {
        return String.format(Locale.ROOT, "%.4f", Double.parseDouble(number));
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            rows.add(List.of(line.split(",", -1)));
        }
        return rows;
    }

    /** Drops the wall-clock columns, which differ between otherwise identical runs. */
    private static List<List<String>> withoutTiming(List<List<String>> csv) {
        List<String> header = csv.get(0);
        assertTrue(header.containsAll(TIMING_COLUMNS), "metrics.csv has the timing columns: " + header);
        List<List<String>> kept = new ArrayList<>();
        for (List<String> row : csv) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                if (!TIMING_COLUMNS.contains(header.get(c))) {
                    cells.add(row.get(c));
                }
            }
            kept.add(cells);
        }
        return kept;
    }
}

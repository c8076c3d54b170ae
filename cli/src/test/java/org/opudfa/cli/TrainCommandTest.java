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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opudfa.dfa.data.RowBatches;
import org.opudfa.dfa.loss.SoftmaxCrossEntropy;
import org.opudfa.dfa.train.Checkpoint;
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

    /**
     * Plain SGD at this learning rate trains the tiny task through its first epoch (a loss near 17)
     * and blows up in the second.
     */
    private static final String LATE_DIVERGING_LEARNING_RATE = "40";

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

    /**
     * Only --out, --resume and the longer --epochs (and another thread count, which does not change
     * the numbers): every other setting comes from the checkpoint.
     */
    @Test
    void aBareResumeTakesTheSettingsFromTheCheckpoint() throws IOException {
        Path resumed = dir.resolve("bare");
        CliRun firstEpoch = train("--epochs", "1", "--out", resumed.toString());

        CliRun secondEpoch = CliRun.run("train", "--out", resumed.toString(), "--resume", "--epochs", "2",
                "--threads", "2", "--no-progress");

        assertEquals(0, firstEpoch.exitCode(), firstEpoch.describe());
        assertEquals(0, secondEpoch.exitCode(), secondEpoch.describe());
        assertEquals(withoutTiming(readCsv(referenceOut.resolve("metrics.csv"))),
                withoutTiming(readCsv(resumed.resolve("metrics.csv"))));
        JsonNode configuration = JSON.readTree(resumed.resolve(TrainCommand.PROVENANCE).toFile()).get("configuration");
        assertEquals("mlp", configuration.get("task").asText());
        assertEquals("[16]", configuration.get("hidden").toString());
        assertEquals(2, configuration.get("threads").asInt());
    }

    @Test
    void anOptionThatDiffersFromTheCheckpointIsNamedBeforeTheDataLoads() throws IOException {
        Path earlier = copyOfTheReference("differs");
        Map<Path, byte[]> before = contents(earlier);

        CliRun run = CliRun.run("train", "--out", earlier.toString(), "--resume", "--epochs", "3", "--hidden", "32");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: the checkpoint in " + earlier + " was written with hidden = 16, but this command"
                + " gives 32 (--hidden); leave --hidden out to resume that run (only --epochs, --threads and"
                + " --parallel-blocks may change), or start a new run there with --force"), run.errLines(),
                "one sentence naming the option, and no data note: nothing was loaded");
        assertEquals("", run.out());
        assertSameFiles(before, contents(earlier));
    }

    @Test
    void anotherTaskThanTheCheckpointsIsRefused() throws IOException {
        Path earlier = copyOfTheReference("task");

        CliRun run = CliRun.run("train", "--task", "another", "--out", earlier.toString(), "--resume");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: the checkpoint in " + earlier + " was written by task mlp, but --task asks for"
                + " another; leave --task out to resume it, or start a new run there with --force"), run.errLines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"step", "cosine"})
    void anotherEpochCountIsRefusedWhenTheScheduleIsLaidOverTheEpochs(String schedule) throws IOException {
        Path run1 = dir.resolve(schedule);
        CliRun first = train("--epochs", "1", "--schedule", schedule, "--out", run1.toString());
        assertEquals(0, first.exitCode(), first.describe());
        Map<Path, byte[]> before = contents(run1);

        CliRun longer = CliRun.run("train", "--out", run1.toString(), "--resume", "--epochs", "2");

        assertEquals(Main.EXIT_BAD_INPUT, longer.exitCode(), longer.describe());
        assertEquals(List.of("opu-dfa: the checkpoint in " + run1 + " was written with epochs = 1 and the " + schedule
                + " schedule, whose learning rates are laid out over the run's epochs, so --epochs 2 would give the"
                + " resumed steps rates no uninterrupted run takes; resume without --epochs, or start a new run there"
                + " with --force"), longer.errLines());
        assertSameFiles(before, contents(run1));
    }

    @Test
    void aDamagedCheckpointIsRefusedAndEveryFileIsLeftAlone() throws IOException {
        Path damaged = copyOfTheReference("damaged");
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
        assertSameFiles(before, contents(damaged));
    }

    @Test
    void aNewRunIntoAFolderHoldingACheckpointIsRefusedAndEveryFileIsLeftAlone() throws IOException {
        Path earlier = copyOfTheReference("earlier");
        Map<Path, byte[]> before = contents(earlier);

        CliRun run = train("--epochs", "1", "--out", earlier.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: " + earlier + " already holds the checkpoint of an earlier run; continue it with"
                + " --resume, or start a new run there with --force, which replaces that run's files"), run.errLines());
        assertEquals("", run.out());
        assertSameFiles(before, contents(earlier));
    }

    @Test
    void forceStartsANewRunInPlaceOfTheEarlierOne() throws IOException {
        Path earlier = copyOfTheReference("replaced");

        CliRun run = train("--epochs", "1", "--out", earlier.toString(), "--force");

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(2, readCsv(earlier.resolve("metrics.csv")).size(), "the new run's one epoch, not the earlier two");
        assertEquals(1, JSON.readTree(earlier.resolve(TrainCommand.PROVENANCE).toFile()).get("configuration")
                .get("epochs").asInt());
    }

    @Test
    void resumeAndForceTogetherAreBadInput() throws IOException {
        Path earlier = copyOfTheReference("both");
        Map<Path, byte[]> before = contents(earlier);

        CliRun run = train("--epochs", "3", "--out", earlier.toString(), "--resume", "--force");

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: --resume continues the run in --out and --force starts a new one there; give"
                + " one of them"), run.errLines());
        assertSameFiles(before, contents(earlier));
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
    void aDataFolderForTheSyntheticTaskIsBadInput() {
        Path missing = dir.resolve("no-such-folder");

        CliRun run = train("--epochs", "1", "--data", missing.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: --data " + missing + " names IDX files to read, but --dataset synthetic generates"
                + " its data and reads none; leave out --data, or choose --dataset fashion-mnist to read the folder"),
                run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsBadInputBeforeTheDataLoads() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "keep me", StandardCharsets.UTF_8);
        Path under = file.resolve("run");

        CliRun run = train("--epochs", "1", "--out", under.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(List.of("opu-dfa: could not create the output folder " + under + " (--out): not a directory"),
                run.errLines(), "one sentence, and no data note: the data was not loaded");
        assertEquals("keep me", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void anOutputFolderOnAVirtualFileSystemSaysItCouldNotBeCreated() {
        Path proc = Path.of("/proc");
        Assumptions.assumeTrue(Files.isDirectory(proc.resolve("self")), "a Linux /proc");
        Path under = proc.resolve("opu-dfa-run");

        CliRun run = train("--epochs", "1", "--out", under.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertEquals(1, run.errLines().size(), run.describe());
        assertTrue(run.errLines().get(0).startsWith("opu-dfa: could not create the output folder " + under
                + " (--out): "), run.describe());
    }

    @Test
    void aFolderCreatedForARefusedRunIsTakenBack() {
        Path fresh = dir.resolve("fresh");

        CliRun run = train("--epochs", "1", "--out", fresh.toString(), "--data", dir.resolve("nothing").toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        assertFalse(Files.exists(fresh), "the empty folder made for the run is removed");
    }

    /** Tens of gigabytes, and for the second more weights per layer than a matrix holds. */
    @ParameterizedTest
    @ValueSource(strings = {"20000,20000", "100000,100000"})
    void aNetworkTooLargeForTheHeapIsRefusedNamingTheOptionAndTheHeapBeforeItIsBuilt(String hidden) {
        Path fresh = dir.resolve("large");

        CliRun run = CliRun.run("train", "--dataset", "synthetic", "--train-limit", "500", "--test-limit", "100",
                "--epochs", "1", "--hidden", hidden, "--out", fresh.toString());

        assertEquals(Main.EXIT_BAD_INPUT, run.exitCode(), run.describe());
        List<String> err = run.errLines();
        assertEquals(1, err.size(), "one sentence, and no data note: the run was not built: " + run.describe());
        assertTrue(err.get(0).startsWith("opu-dfa: this run needs about "), run.describe());
        assertTrue(err.get(0).contains(" network with their gradients and adam state (--hidden " + hidden + "), but the"
                + " Java heap holds at most " + HeapCheck.size(Runtime.getRuntime().maxMemory()) + "; choose a smaller"
                + " --hidden, or give Java more heap, e.g. OPU_DFA_JAVA_OPTS=-Xmx"), run.describe());
        assertFalse(Files.exists(fresh), "no folder left behind");
    }

    @Test
    void aBatchLargerThanTheDataRunsOnBuffersForTheData() {
        CliRun run = train("--epochs", "1", "--batch", "1000000");

        assertEquals(0, run.exitCode(), run.describe());
        assertEquals(2, run.outLines().size(), "a header and one epoch: " + run.describe());
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
     * Plain SGD at a learning rate this tiny task survives for one epoch but not for long: the run
     * stops in a later epoch, and the checkpoint it names is the one of the epoch before.
     */
    @Test
    void aRunDivergingAfterAnEpochNamesItsLastGoodCheckpoint() {
        Path out = dir.resolve("diverging");

        CliRun run = train("--epochs", "4", "--optimizer", "sgd", "--momentum", "0", "--lr",
                LATE_DIVERGING_LEARNING_RATE, "--out", out.toString());

        assertEquals(Main.EXIT_RUN_FAILED, run.exitCode(), run.describe());
        String last = run.errLines().get(run.errLines().size() - 1);
        Matcher m = Pattern.compile("; the last good checkpoint, after epoch (\\d+), is (.+)$").matcher(last);
        assertTrue(m.find(), run.describe());
        Path checkpoint = out.resolve(TrainCommand.CHECKPOINT);
        assertEquals(checkpoint.toString(), m.group(2));
        assertEquals(Integer.parseInt(m.group(1)), Checkpoint.read(checkpoint).epochsDone(),
                "the checkpoint holds the epochs the sentence says");
        assertTrue(last.contains("(epoch " + (Integer.parseInt(m.group(1)) + 1) + ")"), "it diverged in the next epoch: "
                + last);
    }

    @Test
    void aNewRunThatDivergesAtOnceNamesNoCheckpointNotEvenTheOneItReplaced() throws IOException {
        Path earlier = copyOfTheReference("replaced-then-diverged");

        CliRun run = train("--epochs", "2", "--optimizer", "sgd", "--lr", DIVERGING_LEARNING_RATE, "--out",
                earlier.toString(), "--force");

        assertEquals(Main.EXIT_RUN_FAILED, run.exitCode(), run.describe());
        assertFalse(run.err().contains("checkpoint"), run.describe());
        assertFalse(Files.exists(earlier.resolve(TrainCommand.CHECKPOINT)), "the replaced run's checkpoint is gone");
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

    /** @return a new folder under this test's folder holding a copy of the reference run's files */
    private Path copyOfTheReference(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(referenceOut)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (Path f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " is untouched");
        }
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

package org.opudfa.dfa.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opudfa.dfa.train.TrainFixtures.assertSameParameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.io.ChecksummedFile;
import org.opudfa.dfa.io.FileDamage;
import org.opudfa.dfa.optim.OptimizerState;
import org.opudfa.dfa.optim.ScheduleKind;
import org.opudfa.dfa.rule.Method;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.task.TrainingSettings;
import org.opudfa.dfa.task.mlp.MlpSettings;
import org.opudfa.dfa.task.mlp.MlpTask;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Checkpoint files: exact round trip; damage, truncation and other versions refused by the framing
 * before anything is parsed; and one clear message for each way a file's content or a restore can
 * be wrong.
 */
class CheckpointTest {

    /** The magic string that opens every checkpoint file. */
    private static final String MAGIC = "OPUDFA-CKPT";
    /** The framing of checkpoint files, to take them apart and seal altered content. */
    private static final ChecksummedFile FRAME = new ChecksummedFile("checkpoint", MAGIC, Checkpoint.VERSION,
            "it cannot be resumed");
    private static final long SEED = 5;
    /** Positions of the trained checkpoint whose byte is changed, of its tens of thousands. */
    private static final int SAMPLED_POSITIONS = 300;
    /** Seeded random mutations tried on the small checkpoint. */
    private static final int MUTATIONS = 2000;
    /** At most this many edits per mutated file. */
    private static final int MAX_EDITS = 6;

    /** A checkpoint of a few hundred bytes, small enough to damage at every bit. */
    private static final Checkpoint TINY = new Checkpoint(Map.of("seed", 3), 1, List.of(),
            Map.of("w", new float[] {0.5f, -1.25f, 2f}),
            new OptimizerState("sgd", 4, Map.of("w.momentum", new float[] {0.125f, 0f, -0.5f})),
            new MiniBatches.State(1, 0, new byte[] {7, 8, 9}), new byte[0]);

    private static SettingValues config;
    private static Checkpoint trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneEpoch() {
        config = TrainFixtures.small(Method.DFA).with(TrainingSettings.EPOCHS, 1);
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            t.run(TrainingListener.NONE, null);
            trained = t.checkpoint();
        }
    }

    @Test
    void roundTripKeepsEveryPart() {
        Path file = dir.resolve("a.ckpt");
        trained.write(file);
        assertSameContents(trained, Checkpoint.read(file));
    }

    @Test
    void roundTripKeepsProjectorBytesAndNonFiniteMetrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", Double.NaN);
        values.put("train_accuracy", 0.25);
        values.put("test_loss", Double.POSITIVE_INFINITY);
        values.put("test_accuracy", 0.5);
        EpochMetrics odd = new EpochMetrics(1, 12, values, List.of(0.125, Double.NaN), "samples", 100.0, 0.5, 48,
                0.024, 0.72);
        Checkpoint c = new Checkpoint(trained.configuration(), 1, List.of(odd), trained.parameters(),
                trained.optimizer(), trained.batches(), new byte[] {1, 2, 3, -128, 127});
        Path file = dir.resolve("b.ckpt");
        c.write(file);
        assertSameContents(c, Checkpoint.read(file));
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.ckpt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + " does not exist", e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        Path file = dir.resolve("text.ckpt");
        Files.writeString(file, "epoch,step,train_loss\n1,12,0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals(file + " is not an opu-dfa checkpoint (wrong magic bytes)", e.getMessage());
    }

    @Test
    void otherVersions() throws IOException {
        Path file = dir.resolve("a.ckpt");
        trained.write(file);
        byte[] content = payload(Files.readAllBytes(file));

        Path newer = dir.resolve("v" + (Checkpoint.VERSION + 1) + ".ckpt");
        new ChecksummedFile("checkpoint", MAGIC, Checkpoint.VERSION + 1, "it cannot be resumed")
                .write(newer, out -> out.write(content));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(newer));
        assertEquals("checkpoint " + newer + " has format version " + (Checkpoint.VERSION + 1)
                + ", newer than the version " + Checkpoint.VERSION + " this opu-dfa reads; it cannot be resumed",
                e.getMessage());

        // Version 1 had the same content right after the magic and the version, and no checksums.
        Path v1 = dir.resolve("v1.ckpt");
        ByteBuffer old = ByteBuffer.allocate(MAGIC.length() + Integer.BYTES + content.length);
        old.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(1).put(content);
        Files.write(v1, old.array());
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(v1));
        assertEquals("checkpoint " + v1 + " has format version 1, older than the version " + Checkpoint.VERSION
                + " this opu-dfa reads; it cannot be resumed", e.getMessage());

        // Version 2 had the same framing and no random-stream states: its runs with dropout cannot resume exactly.
        Path v2 = dir.resolve("v2.ckpt");
        new ChecksummedFile("checkpoint", MAGIC, 2, "it cannot be resumed").write(v2, out -> out.write(content));
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(v2));
        assertEquals("checkpoint " + v2 + " has format version 2, older than the version " + Checkpoint.VERSION
                + " this opu-dfa reads; it cannot be resumed", e.getMessage());
    }

    @Test
    void everyFlippedBitOfASmallCheckpointIsReportedAsDamage() throws IOException {
        Path full = dir.resolve("tiny.ckpt");
        TINY.write(full);
        byte[] bytes = Files.readAllBytes(full);
        Path file = dir.resolve("flipped.ckpt");
        for (int at = 0; at < bytes.length; at++) {
            for (int bit = 0; bit < Byte.SIZE; bit++) {
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << bit);
                FileDamage.replace(file, copy);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file),
                        "bit " + bit + " of byte " + at);
                assertEquals(damaged(file), e.getMessage(), "bit " + bit + " of byte " + at);
            }
        }
    }

    @Test
    void flippedBytesAnywhereInATrainedCheckpointAreReportedAsDamage() throws IOException {
        Path full = dir.resolve("full.ckpt");
        trained.write(full);
        byte[] bytes = Files.readAllBytes(full);
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("test.positions");
        Path file = dir.resolve("flipped.ckpt");
        // The first and last bytes, then a seeded sample of the rest.
        for (int k = 0; k < SAMPLED_POSITIONS; k++) {
            int at = k == 0 ? 0 : k == 1 ? bytes.length - 1 : rng.nextInt(bytes.length);
            byte[] copy = bytes.clone();
            copy[at] ^= (byte) (1 + rng.nextInt(255));
            FileDamage.replace(file, copy);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file),
                    "byte " + at);
            assertEquals(damaged(file), e.getMessage(), "byte " + at);
        }
    }

    @Test
    void truncatedAtEveryLength() throws IOException {
        Path full = dir.resolve("tiny.ckpt");
        TINY.write(full);
        byte[] bytes = Files.readAllBytes(full);
        Path file = dir.resolve("cut.ckpt");
        for (int length = 0; length < bytes.length; length++) {
            FileDamage.replace(file, Arrays.copyOf(bytes, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith("checkpoint " + file + " is truncated: it has " + length + " "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; it cannot be resumed"), e.getMessage());
        }
    }

    @Test
    void randomMutationsGiveOnlyOneSentenceRefusals() throws IOException {
        Path full = dir.resolve("tiny.ckpt");
        TINY.write(full);
        byte[] bytes = Files.readAllBytes(full);
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("test.mutations");
        Path file = dir.resolve("mutated.ckpt");
        for (int m = 0; m < MUTATIONS; m++) {
            FileDamage.replace(file, FileDamage.mutate(bytes, rng, MAX_EDITS));
            int mutation = m;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file),
                    () -> "mutation " + mutation);
            FileDamage.assertOneSentence(file, e.getMessage());
        }
    }

    /*
     * The checksum refuses any damage before parsing, so the content checks below are reached only
     * by a file written wrongly: the tests make one by sealing altered content with a valid checksum.
     */

    @Test
    void corruptLengthsAreReportedWithoutAllocatingThem() throws IOException {
        Path full = dir.resolve("full.ckpt");
        trained.write(full);
        byte[] content = payload(Files.readAllBytes(full));
        int headerLengthAt = 0;

        Path negative = dir.resolve("negative.ckpt");
        byte[] copy = content.clone();
        ByteBuffer.wrap(copy).putInt(headerLengthAt, -5);
        seal(negative, copy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(negative));
        assertEquals("checkpoint " + negative + " is corrupt: its header length is -5, which must be non-negative",
                e.getMessage());

        Path huge = dir.resolve("huge.ckpt");
        copy = content.clone();
        ByteBuffer.wrap(copy).putInt(headerLengthAt, Integer.MAX_VALUE);
        seal(huge, copy);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(huge));
        assertEquals("checkpoint " + huge + " is corrupt: its header length is " + Integer.MAX_VALUE
                + ", more than its " + content.length + " bytes of content can hold", e.getMessage());

        // The first array's length follows its name, written as a two-byte length and the characters.
        String firstArray = "param/block0.dense.weight";
        int arrayLengthAt = indexOf(content, firstArray.getBytes(StandardCharsets.US_ASCII)) + firstArray.length();
        Path array = dir.resolve("array.ckpt");
        copy = content.clone();
        ByteBuffer.wrap(copy).putInt(arrayLengthAt, -1);
        seal(array, copy);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(array));
        assertEquals("checkpoint " + array + " is corrupt: its length of array '" + firstArray
                + "' is -1, which must be non-negative", e.getMessage());
    }

    @Test
    void contentEndingEarly() throws IOException {
        Path full = dir.resolve("full.ckpt");
        trained.write(full);
        byte[] content = payload(Files.readAllBytes(full));
        Path file = dir.resolve("short.ckpt");
        seal(file, Arrays.copyOf(content, content.length - 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + " is corrupt: its content ends early", e.getMessage());
    }

    @Test
    void corruptHeader() throws IOException {
        Path file = dir.resolve("header.ckpt");
        trained.write(file);
        byte[] content = payload(Files.readAllBytes(file));
        int headerStart = Integer.BYTES;
        assertEquals('{', content[headerStart], "the header is a JSON object");
        content[headerStart] = '[';
        seal(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + " has a corrupt header: "), e.getMessage());
    }

    @Test
    void unknownArray() throws IOException {
        Path file = dir.resolve("unknown.ckpt");
        trained.write(file);
        byte[] content = payload(Files.readAllBytes(file));
        byte[] prefix = "param/".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(content, prefix);
        assertTrue(at > 0, "the file names its parameter arrays");
        System.arraycopy("other/".getBytes(StandardCharsets.US_ASCII), 0, content, at, prefix.length);
        seal(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + " holds an unknown array 'other/block0.dense.weight'", e.getMessage());
    }

    @Test
    void restoreIntoOtherConfigurationNamesTheField() {
        try (Trainer other = TrainFixtures.trainer(config.with(TrainingSettings.LEARNING_RATE, 2e-3), TrainFixtures.SMALL)) {
            Map<String, float[]> before = TrainFixtures.parameters(other);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(trained));
            assertEquals("the checkpoint was written with learningRate = 0.001, but this run has learningRate = 0.002;"
                    + " resume with the same settings (only epochs, threads and parallelBlocks may change)", e.getMessage());
            assertSameParameters(before, TrainFixtures.parameters(other));
            assertEquals(0, other.epochsDone());
        }
        try (Trainer wider = TrainFixtures.trainer(config.with(MlpSettings.HIDDEN, List.of(48)), TrainFixtures.SMALL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.restore(trained));
            assertTrue(e.getMessage().startsWith("the checkpoint was written with hidden = [32], but this run has "
                    + "hidden = [48]"), e.getMessage());
        }
    }

    @Test
    void restoreFromFileIntoOtherEpochCountIsAllowed() {
        Path file = dir.resolve("c.ckpt");
        trained.write(file);
        try (Trainer longer = TrainFixtures.trainer(config.with(TrainingSettings.EPOCHS, 4), TrainFixtures.SMALL)) {
            longer.restore(Checkpoint.read(file));
            assertEquals(1, longer.epochsDone());
            assertSameParameters(trained.parameters(), TrainFixtures.parameters(longer));
        }
    }

    @Test
    void theCheckpointNamesTheTaskBeforeTheSettings() {
        assertEquals(List.of(TrainingRun.TASK, TrainingSettings.METHOD.name()),
                trained.configuration().keySet().stream().limit(2).toList());
        assertEquals(MlpTask.INSTANCE.name(), trained.configuration().get(TrainingRun.TASK));
    }

    @Test
    void anotherEpochCountIsRefusedWhenTheScheduleIsLaidOverTheEpochs() {
        for (ScheduleKind schedule : new ScheduleKind[] {ScheduleKind.STEP, ScheduleKind.COSINE}) {
            SettingValues laidOut = config.with(TrainingSettings.SCHEDULE, schedule);
            Checkpoint written;
            try (Trainer first = TrainFixtures.trainer(laidOut, TrainFixtures.SMALL)) {
                first.run(TrainingListener.NONE, null);
                written = first.checkpoint();
            }
            try (Trainer longer = TrainFixtures.trainer(laidOut.with(TrainingSettings.EPOCHS, 4), TrainFixtures.SMALL)) {
                Map<String, float[]> before = TrainFixtures.parameters(longer);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> longer.restore(written),
                        schedule.name());
                assertEquals("the checkpoint was written with epochs = 1, but this run has epochs = 4; resume with the"
                        + " same settings (only threads and parallelBlocks may change)", e.getMessage());
                assertSameParameters(before, TrainFixtures.parameters(longer));
                assertEquals(0, longer.epochsDone());
            }
        }
    }

    @Test
    void anotherThreadCountIsAllowedWhateverTheSchedule() {
        SettingValues cosine = config.with(TrainingSettings.SCHEDULE, ScheduleKind.COSINE);
        Checkpoint written;
        try (Trainer first = TrainFixtures.trainer(cosine, TrainFixtures.SMALL)) {
            first.run(TrainingListener.NONE, null);
            written = first.checkpoint();
        }
        try (Trainer twoThreads = TrainFixtures.trainer(cosine.with(TrainingSettings.THREADS, 2), TrainFixtures.SMALL)) {
            twoThreads.restore(written);
            assertEquals(1, twoThreads.epochsDone());
        }
    }

    @Test
    void aCheckpointOfMoreEpochsThanTheRunIsRefused() {
        Checkpoint two;
        try (Trainer first = TrainFixtures.trainer(config.with(TrainingSettings.EPOCHS, 2), TrainFixtures.SMALL)) {
            first.run(TrainingListener.NONE, null);
            two = first.checkpoint();
        }
        try (Trainer shorter = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shorter.restore(two));
            assertEquals("the checkpoint holds 2 epochs, more than the 1 of this run", e.getMessage());
            assertEquals(0, shorter.epochsDone());
        }
    }

    @Test
    void aCheckpointWrittenBeforeASettingExistedIsComparedOnTheOthers() {
        Map<String, Object> older = new LinkedHashMap<>(trained.configuration());
        older.remove(TrainingRun.TASK);
        older.remove(TrainingSettings.ALIGNMENT_EVERY.name());
        Checkpoint beforeTheTaskWasRecorded = new Checkpoint(older, trained.epochsDone(), trained.history(),
                trained.parameters(), trained.optimizer(), trained.batches(), trained.projectorState());
        try (Trainer t = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            t.restore(beforeTheTaskWasRecorded);
            assertEquals(1, t.epochsDone());
        }
    }

    @Test
    void missingParameterLeavesTheTrainerUnchanged() {
        Map<String, float[]> params = new LinkedHashMap<>(trained.parameters());
        float[] bias = params.remove("head.bias");
        Checkpoint incomplete = new Checkpoint(trained.configuration(), trained.epochsDone(), trained.history(),
                params, trained.optimizer(), trained.batches(), trained.projectorState());
        try (Trainer fresh = TrainFixtures.trainer(config, TrainFixtures.SMALL)) {
            Map<String, float[]> before = TrainFixtures.parameters(fresh);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.restore(incomplete));
            assertEquals("the checkpoint has no parameter 'head.bias' of " + bias.length + " values", e.getMessage());
            assertSameParameters(before, TrainFixtures.parameters(fresh));
            assertEquals(0, fresh.epochsDone());
            assertTrue(fresh.history().isEmpty());
        }
    }

    /** Checkpoint is a record holding arrays, so its equals compares them by identity: compare by content. */
    private static void assertSameContents(Checkpoint expected, Checkpoint actual) {
        // JSON does not keep the Java number types (a long seed may come back as an int), and the
        // restore check compares values textually, so the configuration is compared as text.
        assertEquals(expected.configuration().toString(), actual.configuration().toString());
        assertEquals(expected.configuration().keySet().stream().toList(),
                actual.configuration().keySet().stream().toList(), "configuration keys in order");
        assertEquals(expected.epochsDone(), actual.epochsDone());
        assertEquals(expected.history(), actual.history());
        assertSameParameters(expected.parameters(), actual.parameters());
        assertEquals(List.copyOf(expected.parameters().keySet()), List.copyOf(actual.parameters().keySet()),
                "parameter order");
        assertEquals(expected.optimizer().kind(), actual.optimizer().kind());
        assertEquals(expected.optimizer().step(), actual.optimizer().step());
        assertFalse(expected.optimizer().buffers().isEmpty(), "Adam has moment buffers");
        assertSameParameters(expected.optimizer().buffers(), actual.optimizer().buffers());
        assertEquals(expected.batches().epoch(), actual.batches().epoch());
        assertEquals(expected.batches().position(), actual.batches().position());
        assertArrayEquals(expected.batches().rngState(), actual.batches().rngState());
        assertArrayEquals(expected.projectorState(), actual.projectorState());
    }

    /** @return the content of a checkpoint file: the bytes between its framing's header and trailer */
    private static byte[] payload(byte[] file) {
        return Arrays.copyOfRange(file, FRAME.headerBytes(), file.length - ChecksummedFile.TRAILER_BYTES);
    }

    /** Writes content in a checkpoint's framing, with valid checksums. */
    private static void seal(Path file, byte[] content) {
        FRAME.write(file, out -> out.write(content));
    }

    private static String damaged(Path file) {
        return "checkpoint " + file + " is damaged: its checksum does not match; it cannot be resumed";
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

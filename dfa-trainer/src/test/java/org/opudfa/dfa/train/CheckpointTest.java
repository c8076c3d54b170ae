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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.rule.Method;

/** Checkpoint files: exact round trip, and one clear message for each way a file or a restore can be wrong. */
class CheckpointTest {

    /** Length of the magic bytes {@code OPUDFA-CKPT} that open every file. */
    private static final int MAGIC_LENGTH = 11;

    private static TrainingConfig config;
    private static Checkpoint trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneEpoch() {
        config = TrainFixtures.small(Method.DFA).epochs(1).build();
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
    void otherVersion() throws IOException {
        Path file = dir.resolve("v2.ckpt");
        trained.write(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(MAGIC_LENGTH, Checkpoint.VERSION + 1);
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + " has format version " + (Checkpoint.VERSION + 1)
                + ", but this opu-dfa reads version " + Checkpoint.VERSION, e.getMessage());
    }

    @Test
    void truncatedAnywhere() throws IOException {
        Path full = dir.resolve("full.ckpt");
        trained.write(full);
        byte[] bytes = Files.readAllBytes(full);
        // Inside the magic, inside the header, inside the arrays, one byte short.
        for (int length : new int[] {5, MAGIC_LENGTH + 12, bytes.length / 2, bytes.length - 1}) {
            Path file = dir.resolve("cut" + length + ".ckpt");
            Files.write(file, Arrays.copyOf(bytes, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith("checkpoint " + file + " is truncated"), e.getMessage());
        }
    }

    @Test
    void corruptLengthsAreReportedWithoutAllocatingThem() throws IOException {
        Path full = dir.resolve("full.ckpt");
        trained.write(full);
        byte[] bytes = Files.readAllBytes(full);
        int headerLengthAt = MAGIC_LENGTH + Integer.BYTES;

        Path negative = dir.resolve("negative.ckpt");
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(headerLengthAt, -5);
        Files.write(negative, copy);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(negative));
        assertEquals("checkpoint " + negative + " is corrupt: its header length is -5, which must be non-negative",
                e.getMessage());

        Path huge = dir.resolve("huge.ckpt");
        copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(headerLengthAt, Integer.MAX_VALUE);
        Files.write(huge, copy);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(huge));
        assertEquals("checkpoint " + huge + " is truncated: its header length is " + Integer.MAX_VALUE
                + ", more than the file's " + bytes.length + " bytes can hold", e.getMessage());

        // The first array's length follows its name, written as a two-byte length and the characters.
        String firstArray = "param/block0.dense.weight";
        int arrayLengthAt = indexOf(bytes, firstArray.getBytes(StandardCharsets.US_ASCII)) + firstArray.length();
        Path array = dir.resolve("array.ckpt");
        copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(arrayLengthAt, -1);
        Files.write(array, copy);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(array));
        assertEquals("checkpoint " + array + " is corrupt: its length of array '" + firstArray
                + "' is -1, which must be non-negative", e.getMessage());
    }

    @Test
    void corruptHeader() throws IOException {
        Path file = dir.resolve("header.ckpt");
        trained.write(file);
        byte[] bytes = Files.readAllBytes(file);
        int headerStart = MAGIC_LENGTH + 2 * Integer.BYTES;
        assertEquals('{', bytes[headerStart], "the header is a JSON object");
        bytes[headerStart] = '[';
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + " has a corrupt header: "), e.getMessage());
    }

    @Test
    void unknownArray() throws IOException {
        Path file = dir.resolve("unknown.ckpt");
        trained.write(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] prefix = "param/".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, prefix);
        assertTrue(at > 0, "the file names its parameter arrays");
        System.arraycopy("other/".getBytes(StandardCharsets.US_ASCII), 0, bytes, at, prefix.length);
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + " holds an unknown array 'other/block0.dense.weight'", e.getMessage());
    }

    @Test
    void restoreIntoOtherConfigurationNamesTheField() {
        try (Trainer other = TrainFixtures.trainer(config.toBuilder().learningRate(2e-3).build(), TrainFixtures.SMALL)) {
            Map<String, float[]> before = TrainFixtures.parameters(other);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(trained));
            assertEquals("the checkpoint was written with learningRate = 0.001, but this run has learningRate = 0.002;"
                    + " resume with the same settings (only --epochs and --threads may change)", e.getMessage());
            assertSameParameters(before, TrainFixtures.parameters(other));
            assertEquals(0, other.epochsDone());
        }
        try (Trainer wider = TrainFixtures.trainer(config.toBuilder().hidden(48).build(), TrainFixtures.SMALL)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wider.restore(trained));
            assertTrue(e.getMessage().startsWith("the checkpoint was written with hidden = [32], but this run has "
                    + "hidden = [48]"), e.getMessage());
        }
    }

    @Test
    void restoreFromFileIntoOtherEpochCountIsAllowed() {
        Path file = dir.resolve("c.ckpt");
        trained.write(file);
        try (Trainer longer = TrainFixtures.trainer(config.toBuilder().epochs(4).build(), TrainFixtures.SMALL)) {
            longer.restore(Checkpoint.read(file));
            assertEquals(1, longer.epochsDone());
            assertSameParameters(trained.parameters(), TrainFixtures.parameters(longer));
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

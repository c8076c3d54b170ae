package org.opudfa.dfa.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.opu.rng.RandomStreams;

/**
 * The framing alone, around a small seeded payload: every single-bit and single-byte change is
 * refused as damage, every truncation as such, random mutations only with one-sentence
 * {@link IllegalArgumentException}s, and the payload reader never sees a file that failed a check.
 */
class ChecksummedFileTest {

    private static final long SEED = 23;
    private static final String MAGIC = "TEST-FRAME";
    private static final int VERSION = 3;
    private static final String CONSEQUENCE = "it cannot be used";
    private static final ChecksummedFile FRAME = new ChecksummedFile("frame", MAGIC, VERSION, CONSEQUENCE);
    /** Payload bytes: enough to span several fields' worth of positions, small enough to flip them all. */
    private static final int PAYLOAD_BYTES = 48;
    /** Seeded random mutations tried by the fuzz test. */
    private static final int MUTATIONS = 3000;
    /** At most this many edits per mutated file. */
    private static final int MAX_EDITS = 6;

    /** A reader that fails the test: a file that fails a check must never reach its payload reader. */
    private static final ChecksummedFile.PayloadReader<byte[]> MUST_NOT_READ = (in, length) -> {
        throw new AssertionError("the payload reader was called for a file that should have been refused");
    };

    @TempDir
    Path dir;

    private byte[] payload;
    private Path good;
    private byte[] goodBytes;

    @BeforeEach
    void writeAGoodFile() throws IOException {
        payload = new byte[PAYLOAD_BYTES];
        RandomStreams.of(SEED).stream("test.payload").nextBytes(payload);
        good = dir.resolve("good.bin");
        FRAME.write(good, out -> out.write(payload));
        goodBytes = Files.readAllBytes(good);
    }

    @Test
    void roundTripGivesThePayloadAndItsLengthAndEndsThere() {
        byte[] read = FRAME.read(good, (in, length) -> {
            assertEquals(PAYLOAD_BYTES, length);
            return in.readAllBytes();
        });
        assertArrayEquals(payload, read, "the reader sees the payload and nothing of the trailer");
        assertEquals(FRAME.headerBytes() + PAYLOAD_BYTES + ChecksummedFile.TRAILER_BYTES, goodBytes.length);
        assertArrayEquals(MAGIC.getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(goodBytes, MAGIC.length()));
        assertEquals(VERSION, ByteBuffer.wrap(goodBytes).getInt(MAGIC.length()));
    }

    @Test
    void everySingleBitFlipIsDamage() throws IOException {
        Path file = dir.resolve("flipped.bin");
        for (int at = 0; at < goodBytes.length; at++) {
            for (int bit = 0; bit < Byte.SIZE; bit++) {
                byte[] bytes = goodBytes.clone();
                bytes[at] ^= (byte) (1 << bit);
                FileDamage.replace(file, bytes);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> FRAME.read(file, MUST_NOT_READ), "bit " + bit + " of byte " + at);
                assertEquals(damaged(file), e.getMessage(), "bit " + bit + " of byte " + at);
            }
        }
    }

    @Test
    void everyInvertedByteIsDamage() throws IOException {
        Path file = dir.resolve("inverted.bin");
        for (int at = 0; at < goodBytes.length; at++) {
            byte[] bytes = goodBytes.clone();
            bytes[at] ^= (byte) 0xFF;
            FileDamage.replace(file, bytes);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FRAME.read(file, MUST_NOT_READ), "byte " + at);
            assertEquals(damaged(file), e.getMessage(), "byte " + at);
        }
    }

    @Test
    void truncationAtEveryLengthIsReportedAsSuch() throws IOException {
        Path file = dir.resolve("cut.bin");
        for (int length = 0; length < goodBytes.length; length++) {
            FileDamage.replace(file, Arrays.copyOf(goodBytes, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FRAME.read(file, MUST_NOT_READ), "cut at " + length);
            String expected = length < FRAME.headerBytes()
                    ? "frame " + file + " is truncated: it has " + length + " bytes, fewer than the "
                    + FRAME.headerBytes() + " of its fixed header; " + CONSEQUENCE
                    : "frame " + file + " is truncated: it has " + length + " of the " + goodBytes.length
                    + " bytes its header announces; " + CONSEQUENCE;
            assertEquals(expected, e.getMessage(), "cut at " + length);
        }
    }

    @Test
    void appendedBytesAreDamage() throws IOException {
        Path file = dir.resolve("longer.bin");
        Files.write(file, Arrays.copyOf(goodBytes, goodBytes.length + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(file, MUST_NOT_READ));
        assertEquals("frame " + file + " is damaged: it has " + (goodBytes.length + 1) + " bytes, more than the "
                + goodBytes.length + " its header announces; " + CONSEQUENCE, e.getMessage());
    }

    /**
     * Seeded random edits (byte changes, insertions, deletions, truncation, appended bytes): each
     * mutated file is refused with one sentence, never another exception, never reaching the reader.
     */
    @Test
    void randomMutationsGiveOnlyOneSentenceRefusals() throws IOException {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("test.mutations");
        Path file = dir.resolve("mutated.bin");
        for (int m = 0; m < MUTATIONS; m++) {
            byte[] bytes = FileDamage.mutate(goodBytes, rng, MAX_EDITS);
            FileDamage.replace(file, bytes);
            int mutation = m;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FRAME.read(file, MUST_NOT_READ), () -> "mutation " + mutation);
            FileDamage.assertOneSentence(file, e.getMessage());
        }
    }

    @Test
    void anOlderFileWithoutChecksumsIsRefusedAsOlder() throws IOException {
        // The layout before this framing: magic, version, then the content, led by a non-zero length.
        Path file = dir.resolve("old.bin");
        ByteBuffer old = ByteBuffer.allocate(MAGIC.length() + 2 * Integer.BYTES + PAYLOAD_BYTES);
        old.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION - 1).putInt(PAYLOAD_BYTES).put(payload);
        Files.write(file, old.array());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(file, MUST_NOT_READ));
        assertEquals("frame " + file + " has format version " + (VERSION - 1) + ", older than the version "
                + VERSION + " this opu-dfa reads; " + CONSEQUENCE, e.getMessage());
    }

    @Test
    void otherVersionsOfTheFramingAreRefusedByNumber() {
        Path newer = dir.resolve("newer.bin");
        new ChecksummedFile("frame", MAGIC, VERSION + 1, CONSEQUENCE).write(newer, out -> out.write(payload));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(newer, MUST_NOT_READ));
        assertEquals("frame " + newer + " has format version " + (VERSION + 1) + ", newer than the version "
                + VERSION + " this opu-dfa reads; " + CONSEQUENCE, e.getMessage());

        Path older = dir.resolve("older.bin");
        new ChecksummedFile("frame", MAGIC, VERSION - 1, CONSEQUENCE).write(older, out -> out.write(payload));
        e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(older, MUST_NOT_READ));
        assertEquals("frame " + older + " has format version " + (VERSION - 1) + ", older than the version "
                + VERSION + " this opu-dfa reads; " + CONSEQUENCE, e.getMessage());
    }

    @Test
    void anotherKindOfFileIsNamedAsSuch() throws IOException {
        Path text = Files.writeString(dir.resolve("metrics.csv"), "epoch,step,train_loss\n1,12,0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(text, MUST_NOT_READ));
        assertEquals(text + " is not an opu-dfa frame (wrong magic bytes)", e.getMessage());

        Path shortText = Files.writeString(dir.resolve("short.txt"), "TEXT");
        e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(shortText, MUST_NOT_READ));
        assertEquals(shortText + " is not an opu-dfa frame (wrong magic bytes)", e.getMessage());

        Path otherMagic = dir.resolve("other.bin");
        new ChecksummedFile("frame", "OTHER-KIND", VERSION, CONSEQUENCE).write(otherMagic, out -> out.write(payload));
        e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(otherMagic, MUST_NOT_READ));
        assertEquals(otherMagic + " is not an opu-dfa frame (wrong magic bytes)", e.getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.bin");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FRAME.read(file, MUST_NOT_READ));
        assertEquals("frame " + file + " does not exist", e.getMessage());
    }

    @Test
    void aWriterThatChangesLengthFailsAndKeepsThePreviousFile() throws IOException {
        int[] calls = {0};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FRAME.write(good, out -> {
            calls[0]++;
            out.write(payload, 0, calls[0] == 1 ? PAYLOAD_BYTES : PAYLOAD_BYTES - 1);
        }));
        assertTrue(e.getMessage().contains("was " + PAYLOAD_BYTES + " bytes when measured but "
                + (PAYLOAD_BYTES - 1) + " bytes when written"), e.getMessage());
        assertArrayEquals(goodBytes, Files.readAllBytes(good), "the previous file is intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(good), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void badFormatsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChecksummedFile("frame", "X", VERSION, CONSEQUENCE));
        assertEquals("the magic must be at least 2 ASCII characters, got 'X'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ChecksummedFile("frame", MAGIC, 0, CONSEQUENCE));
        assertEquals("the format version must be positive, got 0", e.getMessage());
    }

    private static String damaged(Path file) {
        return "frame " + file + " is damaged: its checksum does not match; " + CONSEQUENCE;
    }
}

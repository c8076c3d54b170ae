package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Random byte mutations and truncations of valid IDX files, plain and gzip, are either read or
 * rejected with an {@link IllegalArgumentException} whose message is one line naming the file:
 * never an index, arithmetic or memory error.
 */
class IdxReaderFuzzTest {

    private static final long SEED = 31_415L;
    /** Mutated files per valid file: every header field is hit many times, in well under a second. */
    private static final int CASES_PER_FILE = 3000;
    private static final int MAX_MUTATIONS = 3;
    private static final Path FILE = Path.of("fuzz-idx3-ubyte");

    /** The readers the loaders use: any shape, images (at least 2 dimensions) and labels (exactly 1). */
    private static final IdxReader.Expected[] EXPECTATIONS = {IdxReader.Expected.ANY,
        new IdxReader.Expected("image file", 2, IdxReader.MAX_DIMENSIONS, "count, then the pixels of one image"),
        new IdxReader.Expected("label file", 1, 1, "the count")};

    @TempDir
    Path dir;

    @Test
    void mutatedFilesAreReadOrRejectedWithOneLine() throws IOException {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("idx-fuzz");
        byte[][] valid = {written("images", new int[] {3, 4, 5}, false, rng), written("labels", new int[] {7}, false, rng),
            written("images.gz", new int[] {3, 4, 5}, true, rng), written("labels.gz", new int[] {7}, true, rng)};
        for (int v = 0; v < valid.length; v++) {
            assertEquals(v % 2 == 0 ? 60 : 7, IdxReader.fromBytes(FILE, valid[v], IdxReader.Expected.ANY).size());
            for (int c = 0; c < CASES_PER_FILE; c++) {
                byte[] data = valid[v];
                int mutations = 1 + rng.nextInt(MAX_MUTATIONS);
                for (int k = 0; k < mutations; k++) {
                    data = mutate(data, rng);
                }
                check(data, EXPECTATIONS[rng.nextInt(EXPECTATIONS.length)], "file " + v + " case " + c);
            }
        }
    }

    private static void check(byte[] data, IdxReader.Expected expected, String which) {
        try {
            IdxArray a = IdxReader.fromBytes(FILE, data, expected);
            if (a.size() > 0) {
                a.unsigned(a.size() - 1);
            }
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || m.contains("\n") || m.contains("\r") || !m.contains(FILE.toString())) {
                fail(which + ": not one line naming the file: [" + m + "] for " + Arrays.toString(data));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError(which + ": " + e + " for " + Arrays.toString(data), e);
        }
    }

    private static byte[] mutate(byte[] data, UniformRandomProvider rng) {
        if (data.length == 0) {
            return new byte[] {(byte) rng.nextInt()};
        }
        int at = rng.nextInt(data.length);
        switch (rng.nextInt(5)) {
            case 0 -> {
                byte[] out = data.clone();
                out[at] ^= (byte) (1 << rng.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = data.clone();
                // header bytes, where one change moves every size, are hit more often than their share
                out[rng.nextBoolean() ? Math.min(at, 15) : at] = (byte) rng.nextInt();
                return out;
            }
            case 2 -> {
                return Arrays.copyOf(data, at);
            }
            case 3 -> {
                byte[] out = Arrays.copyOf(data, data.length + 1 + rng.nextInt(8));
                for (int i = data.length; i < out.length; i++) {
                    out[i] = (byte) rng.nextInt();
                }
                return out;
            }
            default -> {
                byte[] out = new byte[data.length - 1];
                System.arraycopy(data, 0, out, 0, at);
                System.arraycopy(data, at + 1, out, at, data.length - at - 1);
                return out;
            }
        }
    }

    /** A valid file written by {@link IdxWriter}, as stored. */
    private byte[] written(String name, int[] dims, boolean gzip, UniformRandomProvider rng) throws IOException {
        int count = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) rng.nextInt(256);
        }
        Path file = dir.resolve(name);
        IdxWriter.writeUnsignedBytes(file, dims, values, gzip);
        return Files.readAllBytes(file);
    }
}

package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.io.MessageText;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Random byte mutations of a valid CSV file (bytes deleted, inserted, replaced, spans copied,
 * the file cut short) are either read or rejected with an {@link IllegalArgumentException} whose
 * message is one line and quotes no more than a bounded part of the input.
 */
class CsvVectorReaderFuzzTest {

    private static final long SEED = 7_041_977L;
    /** Enough mutated files to hit every branch of the reader many times, in well under a second. */
    private static final int CASES = 5000;
    private static final int MAX_MUTATIONS = 4;
    private static final int MAX_DIMENSION = 12;
    /** A message names the source, a line and a column and quotes a cell abbreviated; it is never longer. */
    private static final int MAX_MESSAGE_CHARS = 200;

    private static final String VALID = "0.5,-1,2e3,0\n1,1,0,0\r\n\n-0.25,3.5,1E-2,7\n";

    /** Bytes that matter to the reader: separators, signs, exponents, words Float.parseFloat knows, broken UTF-8. */
    private static final List<byte[]> FRAGMENTS = List.of(bytes(","), bytes("\n"), bytes("\r"), bytes(" "),
            bytes("-"), bytes("."), bytes("e"), bytes("E+"), bytes("NaN"), bytes("Infinity"), bytes("0x1p3"),
            bytes("1f"), bytes("9".repeat(70)), bytes("1e39"), bytes("\u00e9"), bytes("\t"), new byte[] {(byte) 0xff},
            new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xe2, (byte) 0x82}, new byte[] {0});

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mutatedFilesAreReadOrRejectedWithOneShortLine() {
        UniformRandomProvider rng = RandomStreams.of(SEED).stream("csv-fuzz");
        byte[] valid = bytes(VALID);
        check(valid, "the valid file");
        for (int c = 0; c < CASES; c++) {
            byte[] data = valid;
            int mutations = 1 + rng.nextInt(MAX_MUTATIONS);
            for (int k = 0; k < mutations; k++) {
                data = mutate(data, rng);
            }
            check(data, "case " + c);
        }
    }

    private static void check(byte[] data, String which) {
        try {
            new CsvVectorReader("fuzz.csv", MAX_DIMENSION, "the most the test allows")
                    .read(new ByteArrayInputStream(data));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r") || m.length() > MAX_MESSAGE_CHARS) {
                fail(which + ": not one short line: [" + m + "] for " + show(data));
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(which + ": " + e + " for " + show(data), e);
        }
    }

    private static String show(byte[] data) {
        return MessageText.abbreviate(new String(data, StandardCharsets.ISO_8859_1)) + " (" + data.length + " bytes)";
    }

    private static byte[] mutate(byte[] data, UniformRandomProvider rng) {
        int at = rng.nextInt(data.length + 1);
        byte[] insert;
        int removeEnd = at;
        switch (rng.nextInt(5)) {
            case 0 -> {
                insert = new byte[0];
                removeEnd = Math.min(data.length, at + 1 + rng.nextInt(4));
            }
            case 1 -> insert = FRAGMENTS.get(rng.nextInt(FRAGMENTS.size()));
            case 2 -> {
                insert = FRAGMENTS.get(rng.nextInt(FRAGMENTS.size()));
                removeEnd = Math.min(data.length, at + 1);
            }
            case 3 -> {
                if (data.length == 0) {
                    return data;
                }
                int from = rng.nextInt(data.length);
                int to = Math.min(data.length, from + 1 + rng.nextInt(12));
                insert = java.util.Arrays.copyOfRange(data, from, to);
            }
            default -> {
                return java.util.Arrays.copyOf(data, at);
            }
        }
        byte[] out = new byte[at + insert.length + data.length - removeEnd];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, removeEnd, out, at + insert.length, data.length - removeEnd);
        return out;
    }
}

package org.opudfa.dfa.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.commons.rng.UniformRandomProvider;

/** Ways to damage a file, and the check that a refusal of one is a single sentence, for the file-format tests. */
public final class FileDamage {

    private FileDamage() {
    }

    /**
     * Writes a file anew rather than over itself: some file systems flush a file truncated and
     * rewritten in place to disk at once, which makes thousands of rewrites slow.
     *
     * @param file  the file
     * @param bytes its new content
     * @throws IOException if it cannot be written
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
    }

    /**
     * @param file    the file the message must name
     * @param message a refusal
     */
    public static void assertOneSentence(Path file, String message) {
        assertTrue(message != null && message.contains(file.toString()), "names the file: " + message);
        String rest = message.replace(file.toString(), "FILE");
        assertFalse(rest.contains("\n") || rest.contains("\r"), "one line: " + message);
        assertFalse(rest.contains(". ") || rest.endsWith("."), "one sentence: " + message);
    }

    /**
     * @param original the file's bytes
     * @param rng      chooses the edits
     * @param maxEdits the most edits to make, at least 1
     * @return a copy with 1 to maxEdits edits (byte changes, insertions, deletions, truncation,
     *     appended bytes), more only if those happened to restore the original, which it never equals
     */
    public static byte[] mutate(byte[] original, UniformRandomProvider rng, int maxEdits) {
        byte[] bytes = original.clone();
        int edits = 1 + rng.nextInt(maxEdits);
        for (int k = 0; k < edits || Arrays.equals(bytes, original); k++) {
            int at = bytes.length == 0 ? 0 : rng.nextInt(bytes.length);
            switch (rng.nextInt(5)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[at] ^= (byte) (1 + rng.nextInt(255));
                    }
                }
                case 1 -> {
                    byte[] inserted = new byte[1 + rng.nextInt(8)];
                    rng.nextBytes(inserted);
                    bytes = splice(bytes, at, 0, inserted);
                }
                case 2 -> bytes = splice(bytes, at, Math.min(bytes.length - at, 1 + rng.nextInt(8)), new byte[0]);
                case 3 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    byte[] tail = new byte[1 + rng.nextInt(8)];
                    rng.nextBytes(tail);
                    bytes = splice(bytes, bytes.length, 0, tail);
                }
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] out = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
        return out;
    }
}

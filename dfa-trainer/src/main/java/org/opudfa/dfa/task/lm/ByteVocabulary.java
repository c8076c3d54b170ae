package org.opudfa.dfa.task.lm;

import java.nio.charset.StandardCharsets;

/**
 * The language model's vocabulary: the 256 byte values, token id = byte value ({@code 0 … 255}).
 * Text is UTF-8, so an ASCII character is one token and another character two to four; "bits per
 * character" is measured per token, that is per byte (the same thing for ASCII text such as the
 * fortunes). A byte vocabulary needs no fitting to the corpus, so a trained model reads any text
 * and a checkpoint needs no vocabulary file.
 */
public final class ByteVocabulary {

    /** The number of tokens. */
    public static final int SIZE = 256;

    private ByteVocabulary() {
    }

    /**
     * @param text text
     * @return its token ids, the bytes of its UTF-8 form
     */
    public static int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    /**
     * @param ids    token ids, each in {@code [0, 256)}
     * @param offset the first id decoded
     * @param length how many ids
     * @return the text those bytes spell in UTF-8; a malformed sequence (a model may sample one)
     *     becomes the replacement character U+FFFD
     * @throws IllegalArgumentException if an id is not a byte value
     */
    public static String decode(int[] ids, int offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int id = ids[offset + i];
            if (id < 0 || id >= SIZE) {
                throw new IllegalArgumentException("token id " + id + " is not a byte value in [0, " + SIZE + ")");
            }
            bytes[i] = (byte) id;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

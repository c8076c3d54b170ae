package org.opudfa.dfa.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>Layout (all integers big-endian): two zero bytes; a type byte ({@code 0x08} for unsigned
 * bytes, the only type supported here); a byte {@code d}, the number of dimensions; {@code d}
 * four-byte sizes; then exactly {@code Π sizes} values. Compression is detected from the gzip
 * magic bytes {@code 0x1f 0x8b}, not from the file name.
 *
 * <p>A malformed file (empty, wrong magic, unsupported type, a number of dimensions the caller
 * does not expect, negative sizes, truncated header or body, bytes after the body, corrupt gzip
 * stream) is rejected with an {@link IllegalArgumentException} whose message, one sentence, names
 * the file and says what was found and what was expected. The dimension count is checked as soon
 * as it is read, so a label file whose header claims three dimensions is reported as such, not
 * by the sizes its data bytes would make. Failures to read the file at all are {@link IOException}s.
 */
public final class IdxReader {

    /** The IDX type code for unsigned bytes. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

    /** The most dimensions the format can declare: the count is one byte. */
    public static final int MAX_DIMENSIONS = 255;

    /** The most bytes one file may decompress to: the largest Java array. */
    private static final int MAX_CONTENT_BYTES = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;

    private IdxReader() {
    }

    /**
     * @param file an IDX file of unsigned bytes, plain or gzip
     * @return its dimensions, values and provenance (size and SHA-256 of the stored bytes)
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the contents are not a well-formed IDX file of unsigned bytes
     */
    public static IdxArray read(Path file) throws IOException {
        return read(file, Expected.ANY);
    }

    /**
     * Reads a file whose number of dimensions is known, e.g. 1 for MNIST labels.
     *
     * @param file          an IDX file of unsigned bytes, plain or gzip
     * @param role          what the file is, for the message about its dimensions, e.g. {@code "label file"}
     * @param minDimensions the fewest dimensions expected, at least 1
     * @param maxDimensions the most dimensions expected, at most {@link #MAX_DIMENSIONS}
     * @param layout        what the dimensions are, for that message, e.g. {@code "the count"}, or null
     * @return its dimensions, values and provenance (size and SHA-256 of the stored bytes)
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the contents are not a well-formed IDX file of unsigned
     *                                  bytes with an expected number of dimensions
     */
    public static IdxArray read(Path file, String role, int minDimensions, int maxDimensions, String layout)
            throws IOException {
        if (minDimensions < 1 || maxDimensions > MAX_DIMENSIONS || minDimensions > maxDimensions) {
            throw new IllegalArgumentException("expected dimensions must be within 1 to " + MAX_DIMENSIONS + ", got "
                    + minDimensions + " to " + maxDimensions);
        }
        return read(file, new Expected(role, minDimensions, maxDimensions, layout));
    }

    private static IdxArray read(Path file, Expected expected) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(expected.role() + " " + file + " is a folder; expected an IDX file");
        }
        return fromBytes(file, Files.readAllBytes(file), expected);
    }

    /** What the caller expects of the dimensions, and how to say so. */
    record Expected(String role, int min, int max, String layout) {
        static final Expected ANY = new Expected("IDX file", 1, MAX_DIMENSIONS, null);

        String describe() {
            String range = min == max ? "" + min : max == MAX_DIMENSIONS ? "at least " + min : min + " to " + max;
            return range + (layout == null ? "" : " (" + layout + ")");
        }
    }

    /**
     * @param file     where the bytes came from, for messages and provenance
     * @param stored   the file's bytes, plain or gzip
     * @param expected the dimension counts accepted
     * @return the array
     * @throws IllegalArgumentException if the bytes are not a well-formed IDX file as expected
     */
    static IdxArray fromBytes(Path file, byte[] stored, Expected expected) {
        SourceFile source = new SourceFile(file.toString(), stored.length, sha256(stored));
        if (stored.length == 0) {
            throw new IllegalArgumentException("IDX file " + file + " is empty; expected a 4-byte magic number and a header");
        }
        byte[] content = isGzip(stored) ? gunzip(file, stored) : stored;
        return parse(file, content, source, expected);
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == GZIP_MAGIC_0 && (b[1] & 0xff) == GZIP_MAGIC_1;
    }

    private static byte[] gunzip(Path file, byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(MAX_CONTENT_BYTES / 2,
                    Math.max(stored.length * 2L, 64)));
            byte[] block = new byte[1 << 16];
            for (int n = in.read(block); n >= 0; n = in.read(block)) {
                if (out.size() > MAX_CONTENT_BYTES - n) {
                    throw new IllegalArgumentException("IDX file " + file + " decompresses to more than "
                            + MAX_CONTENT_BYTES + " bytes; expected an array that fits in memory as one block");
                }
                out.write(block, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IllegalArgumentException("IDX file " + file
                    + " starts with the gzip magic bytes but is not a valid gzip stream (" + why + ")", e);
        }
    }

    private static IdxArray parse(Path file, byte[] b, SourceFile source, Expected expected) {
        if (b.length == 0) {
            throw new IllegalArgumentException("IDX file " + file + " is empty after decompression; expected a 4-byte magic number and a header");
        }
        if (b.length < 4) {
            throw new IllegalArgumentException("IDX file " + file + " has only " + b.length
                    + " bytes; expected at least the 4-byte magic number");
        }
        if (b[0] != 0 || b[1] != 0) {
            throw new IllegalArgumentException(String.format(
                    "IDX file %s has wrong magic bytes 0x%02x 0x%02x; expected 0x00 0x00 followed by a type byte and a dimension count",
                    file, b[0] & 0xff, b[1] & 0xff));
        }
        int type = b[2] & 0xff;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "IDX file %s has data type 0x%02x; only 0x08 (unsigned byte) is supported", file, type));
        }
        int dimensionCount = b[3] & 0xff;
        if (dimensionCount < expected.min() || dimensionCount > expected.max()) {
            throw new IllegalArgumentException(expected.role() + " " + file + " declares " + dimensionCount
                    + (dimensionCount == 1 ? " dimension" : " dimensions") + "; expected " + expected.describe());
        }
        int headerBytes = 4 + 4 * dimensionCount;
        if (b.length < headerBytes) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated in its header: " + dimensionCount
                    + " dimensions need " + headerBytes + " header bytes, found " + b.length);
        }
        int[] dims = new int[dimensionCount];
        // the product saturates instead of overflowing: any count beyond the bytes present is reported as truncation
        long count = 1;
        for (int k = 0; k < dimensionCount; k++) {
            int p = 4 + 4 * k;
            int size = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (size < 0) {
                throw new IllegalArgumentException("IDX file " + file + " has size " + Integer.toUnsignedString(size)
                        + " in dimension " + k + "; expected at most " + Integer.MAX_VALUE);
            }
            dims[k] = size;
            count = size == 0 ? 0 : count > Long.MAX_VALUE / size ? Long.MAX_VALUE : count * size;
        }
        long body = (long) b.length - headerBytes;
        if (body < count) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: its header promises "
                    + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : "" + count) + " data bytes (sizes "
                    + sizes(dims) + ") but only " + body + " follow the header");
        }
        if (body > count) {
            throw new IllegalArgumentException("IDX file " + file + " has " + (body - count)
                    + " bytes of trailing garbage after the " + count + " data bytes its header promises");
        }
        return new IdxArray(dims, b, headerBytes, (int) count, source);
    }

    private static String sizes(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : " x ").append(d);
        }
        return sb.toString();
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256 digest as 64 lower-case hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}

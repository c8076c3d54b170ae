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
 * <p>A malformed file (empty, wrong magic, unsupported type, zero dimensions, negative or
 * overflowing sizes, truncated header or body, bytes after the body, corrupt gzip stream) is
 * rejected with an {@link IllegalArgumentException} whose message names the file and says what
 * was found and what was expected. Failures to read the file at all are {@link IOException}s.
 */
public final class IdxReader {

    /** The IDX type code for unsigned bytes. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;

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
        byte[] stored = Files.readAllBytes(file);
        SourceFile source = new SourceFile(file.toString(), stored.length, sha256(stored));
        if (stored.length == 0) {
            throw new IllegalArgumentException("IDX file " + file + " is empty; expected a 4-byte magic number and a header");
        }
        byte[] content = isGzip(stored) ? gunzip(file, stored) : stored;
        return parse(file, content, source);
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == GZIP_MAGIC_0 && (b[1] & 0xff) == GZIP_MAGIC_1;
    }

    private static byte[] gunzip(Path file, byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(stored.length * 2, 64));
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("IDX file " + file
                    + " starts with the gzip magic bytes but is not a valid gzip stream (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(Path file, byte[] b, SourceFile source) {
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
        if (dimensionCount == 0) {
            throw new IllegalArgumentException("IDX file " + file + " declares 0 dimensions; expected at least 1");
        }
        int headerBytes = 4 + 4 * dimensionCount;
        if (b.length < headerBytes) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated in its header: " + dimensionCount
                    + " dimensions need " + headerBytes + " header bytes, found " + b.length);
        }
        int[] dims = new int[dimensionCount];
        long count = 1;
        for (int k = 0; k < dimensionCount; k++) {
            int p = 4 + 4 * k;
            int size = ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            if (size < 0) {
                throw new IllegalArgumentException("IDX file " + file + " has size " + Integer.toUnsignedString(size)
                        + " in dimension " + k + "; expected at most " + Integer.MAX_VALUE);
            }
            dims[k] = size;
            count *= size;
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("IDX file " + file + " declares more than " + (Integer.MAX_VALUE - 8)
                        + " values; expected an array that fits in memory as one block");
            }
        }
        long body = (long) b.length - headerBytes;
        if (body < count) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: its header promises " + count
                    + " data bytes but only " + body + " follow the header");
        }
        if (body > count) {
            throw new IllegalArgumentException("IDX file " + file + " has " + (body - count)
                    + " bytes of trailing garbage after the " + count + " data bytes its header promises");
        }
        return new IdxArray(dims, b, headerBytes, (int) count, source);
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

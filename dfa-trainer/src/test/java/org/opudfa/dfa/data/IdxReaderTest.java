package org.opudfa.dfa.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static byte[] values(int n) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (i * 37 + 11);
        }
        return v;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** A valid header for an unsigned-byte array of the given dimensions, followed by {@code body}. */
    private static byte[] idx(int[] dims, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0x08);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private IllegalArgumentException rejected(Path p) {
        return assertThrows(IllegalArgumentException.class, () -> IdxReader.read(p));
    }

    @Test
    void roundTripPlainAndGzip() throws IOException {
        int[] dims = {3, 4, 5};
        byte[] v = values(60);
        for (boolean gz : new boolean[] {false, true}) {
            Path p = dir.resolve("a" + gz);
            IdxWriter.writeUnsignedBytes(p, dims, v, gz);
            IdxArray a = IdxReader.read(p);
            assertArrayEquals(dims, a.dimensions());
            assertEquals(60, a.size());
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i] & 0xff, a.unsigned(i));
            }
            byte[] stored = Files.readAllBytes(p);
            assertEquals(stored.length, a.source().bytes());
            assertEquals(IdxReader.sha256(stored), a.source().sha256());
            assertEquals(p.toString(), a.source().path());
        }
    }

    @Test
    void compressionIsDetectedFromContentNotName() throws IOException {
        byte[] plain = idx(new int[] {4}, values(4));
        IdxArray fromMisnamedPlain = IdxReader.read(write("labels.gz", plain));
        IdxArray fromUnsuffixedGzip = IdxReader.read(write("labels", gzip(plain)));
        assertEquals(4, fromMisnamedPlain.dimension(0));
        assertEquals(4, fromUnsuffixedGzip.dimension(0));
        assertEquals(fromMisnamedPlain.unsigned(3), fromUnsuffixedGzip.unsigned(3));
    }

    @Test
    void indexOutsideTheValuesIsRejected() throws IOException {
        IdxArray a = IdxReader.read(write("two", idx(new int[] {2}, values(2))));
        assertEquals("index 2 is outside 0 to 1",
                assertThrows(IndexOutOfBoundsException.class, () -> a.unsigned(2)).getMessage());
        assertEquals("index -1 is outside 0 to 1",
                assertThrows(IndexOutOfBoundsException.class, () -> a.unsigned(-1)).getMessage());
        assertEquals("IDX [2] from " + dir.resolve("two"), a.toString());
    }

    @Test
    void knownSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                IdxReader.sha256("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyFile() throws IOException {
        Path p = write("empty", new byte[0]);
        assertEquals("IDX file " + p + " is empty; expected a 4-byte magic number and a header", rejected(p).getMessage());
    }

    @Test
    void emptyGzipContent() throws IOException {
        Path p = write("empty.gz", gzip(new byte[0]));
        assertTrue(rejected(p).getMessage().contains("is empty after decompression"));
    }

    @Test
    void shorterThanMagic() throws IOException {
        Path p = write("short", new byte[] {0, 0, 8});
        assertEquals("IDX file " + p + " has only 3 bytes; expected at least the 4-byte magic number", rejected(p).getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = idx(new int[] {2}, values(2));
        b[1] = 0x12;
        Path p = write("magic", b);
        assertEquals("IDX file " + p + " has wrong magic bytes 0x00 0x12; expected 0x00 0x00 followed by a type byte"
                + " and a dimension count", rejected(p).getMessage());
    }

    @Test
    void unsupportedType() throws IOException {
        byte[] b = idx(new int[] {2}, values(8));
        b[2] = 0x0D;
        Path p = write("float", b);
        assertEquals("IDX file " + p + " has data type 0x0d; only 0x08 (unsigned byte) is supported", rejected(p).getMessage());
    }

    @Test
    void zeroDimensions() throws IOException {
        Path p = write("nodims", idx(new int[0], new byte[0]));
        assertEquals("IDX file " + p + " declares 0 dimensions; expected at least 1", rejected(p).getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = idx(new int[] {2, 3, 4}, new byte[0]);
        byte[] cut = java.util.Arrays.copyOf(full, 10);
        Path p = write("header", cut);
        assertEquals("IDX file " + p + " is truncated in its header: 3 dimensions need 16 header bytes, found 10",
                rejected(p).getMessage());
    }

    @Test
    void truncatedBody() throws IOException {
        Path p = write("body", idx(new int[] {2, 3}, values(5)));
        assertEquals("IDX file " + p + " is truncated: its header promises 6 data bytes (sizes 2 x 3) but only 5 follow"
                + " the header",
                rejected(p).getMessage());
    }

    @Test
    void truncatedBodyInsideGzip() throws IOException {
        Path p = write("body.gz", gzip(idx(new int[] {10}, values(7))));
        assertTrue(rejected(p).getMessage().contains("promises 10 data bytes (sizes 10) but only 7 follow"));
    }

    @Test
    void trailingGarbage() throws IOException {
        Path p = write("garbage", idx(new int[] {2, 3}, values(9)));
        assertEquals("IDX file " + p + " has 3 bytes of trailing garbage after the 6 data bytes its header promises",
                rejected(p).getMessage());
    }

    @Test
    void sizeAboveIntRange() throws IOException {
        byte[] b = idx(new int[] {1}, values(1));
        b[4] = (byte) 0x80;
        Path p = write("huge", b);
        assertEquals("IDX file " + p + " has size 2147483649 in dimension 0; expected at most 2147483647",
                rejected(p).getMessage());
    }

    @Test
    void productAboveArrayLimitIsTruncation() throws IOException {
        Path p = write("product", idx(new int[] {65536, 65536}, new byte[0]));
        assertEquals("IDX file " + p + " is truncated: its header promises 4294967296 data bytes (sizes 65536 x 65536)"
                + " but only 0 follow the header", rejected(p).getMessage());
        Path q = write("overflow", idx(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, values(3)));
        assertEquals("IDX file " + q + " is truncated: its header promises more than " + Long.MAX_VALUE
                + " data bytes (sizes 2147483647 x 2147483647 x 2147483647) but only 3 follow the header",
                rejected(q).getMessage());
    }

    @Test
    void anUnexpectedDimensionCountIsNamedBeforeTheSizes() throws IOException {
        Path p = write("labels", idx(new int[] {5, 7, 9}, values(315)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.read(p, "label file", 1, 1, "the count"));
        assertEquals("label file " + p + " declares 3 dimensions; expected 1 (the count)", e.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> IdxReader.read(p, "volume", 1, 2, null));
        assertEquals("volume " + p + " declares 3 dimensions; expected 1 to 2", range.getMessage());
        assertEquals(315, IdxReader.read(p, "any", 3, IdxReader.MAX_DIMENSIONS, null).size());
    }

    @Test
    void aFolderIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("images"));
        assertEquals("IDX file " + folder + " is a folder; expected an IDX file", rejected(folder).getMessage());
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(idx(new int[] {100}, values(100)));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length - 12);
        Path p = write("cut.gz", cut);
        assertTrue(rejected(p).getMessage().startsWith("IDX file " + p
                + " starts with the gzip magic bytes but is not a valid gzip stream"));
    }

    @Test
    void writerValidatesItsArguments() {
        Path p = dir.resolve("w");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeUnsignedBytes(p, new int[0], new byte[0], false));
        assertEquals("dimension count must be between 1 and 255, got 0", none.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeUnsignedBytes(p, new int[] {2, -1}, new byte[0], false));
        assertEquals("dimension 1 must be non-negative, got -1", negative.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeUnsignedBytes(p, new int[] {2, 3}, new byte[5], false));
        assertEquals("values must have 6 entries (the product of the dimensions), got 5", mismatch.getMessage());
        assertTrue(!Files.exists(p));
    }
}

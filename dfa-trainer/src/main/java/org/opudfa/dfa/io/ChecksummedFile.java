package org.opudfa.dfa.io;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The framing of a binary file whose damage must be detected before its content is trusted: a
 * magic string, a format version and a length, each protected by checksums, around a payload
 * the caller writes and reads.
 *
 * <p>Layout (big-endian; m is the magic's length, N the payload's):
 * <pre>
 * offset      size  field
 * 0           m     magic (ASCII)
 * m           4     format version (int)
 * m + 4       8     payload length N (long)
 * m + 12      4     CRC-32C of bytes [0, m + 12): the fixed header
 * m + 16      N     payload
 * m + 16 + N  4     CRC-32C of bytes [0, m + 16 + N): header and payload
 * </pre>
 *
 * <p>Reading checks, in this order, before the payload reader sees a byte: that the file begins
 * with the magic (one changed byte is taken for damage, more for another kind of file); the
 * header's checksum, so that the version and length are trusted only when intact; the version;
 * that the file has exactly the length the header announces (fewer bytes: truncated); and the
 * checksum over header and payload. CRC-32C detects every error burst of up to 32 bits and
 * misses a random corruption with probability 2<sup>−32</sup>; it guards against damage, not
 * against a deliberately forged file.
 *
 * <p>Files of an older format version written before this framing existed have no header
 * checksum; they are recognised by their intact magic, an older version number and a non-zero
 * int after it (where this layout holds the high half of the payload length, zero for any
 * payload under 4 GiB), so that a single damaged byte of a current file is never taken for an
 * old version.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} of one sentence that names the file and
 * ends with the consequence given to the constructor, e.g. "checkpoint run/checkpoint.bin is
 * damaged: its checksum does not match; it cannot be resumed".
 */
public final class ChecksummedFile {

    /** Reads a payload. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        /**
         * @param in     the payload's bytes (verified), ending where the payload ends; closed by the caller
         * @param length the payload's length in bytes
         * @return what the payload holds
         * @throws IOException if reading fails
         */
        T readFrom(InputStream in, long length) throws IOException;
    }

    /** Bytes of the checksum that closes the file. */
    public static final int TRAILER_BYTES = Integer.BYTES;

    /** Bytes read and checksummed at a time. */
    private static final int BUFFER_BYTES = 1 << 16;

    private final String noun;
    private final byte[] magic;
    private final int version;
    private final String consequence;

    /**
     * @param noun        what the file is, for messages, e.g. {@code "checkpoint"}
     * @param magic       the ASCII string the file begins with, at least 2 characters
     * @param version     the format version written and the only one read, positive
     * @param consequence how every refusal ends, e.g. {@code "it cannot be resumed"}
     * @throws IllegalArgumentException if the magic is shorter than 2 characters or not ASCII, or the
     *     version is not positive
     */
    public ChecksummedFile(String noun, String magic, int version, String consequence) {
        this.noun = Objects.requireNonNull(noun, "noun");
        this.consequence = Objects.requireNonNull(consequence, "consequence");
        if (magic.length() < 2 || !StandardCharsets.US_ASCII.newEncoder().canEncode(magic)) {
            throw new IllegalArgumentException("the magic must be at least 2 ASCII characters, got '" + magic + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("the format version must be positive, got " + version);
        }
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.version = version;
    }

    /** @return the format version written and read */
    public int version() {
        return version;
    }

    /** @return bytes before the payload: magic, version, length and the header's checksum */
    public int headerBytes() {
        return magic.length + Integer.BYTES + Long.BYTES + Integer.BYTES;
    }

    /**
     * Writes the file atomically ({@link AtomicFiles}). The payload writer is called twice: once to
     * measure the payload's length, which the header records, then to write it; both calls must
     * write the same number of bytes.
     *
     * @param file    the file to (re)place
     * @param payload writes the payload; must not close the stream
     * @throws UncheckedIOException  if the file cannot be written
     * @throws IllegalStateException if the two calls of the payload writer wrote different lengths
     */
    public void write(Path file, AtomicFiles.Writer payload) {
        Counting counter = new Counting(OutputStream.nullOutputStream());
        try {
            payload.writeTo(counter);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + noun + " " + file + ": " + e.getMessage(), e);
        }
        long length = counter.count;
        ByteBuffer header = ByteBuffer.allocate(headerBytes());
        header.put(magic).putInt(version).putLong(length);
        header.putInt(crc(header.array(), header.position()));
        AtomicFiles.write(file, raw -> {
            CRC32C crc = new CRC32C();
            OutputStream buffered = new BufferedOutputStream(raw, BUFFER_BYTES);
            Counting out = new Counting(new CheckedOutputStream(buffered, crc));
            out.write(header.array());
            payload.writeTo(out);
            out.flush();
            if (out.count - header.capacity() != length) {
                throw new IllegalStateException("the payload of " + noun + " " + file + " was " + length
                        + " bytes when measured but " + (out.count - header.capacity()) + " bytes when written");
            }
            buffered.write(ByteBuffer.allocate(TRAILER_BYTES).putInt((int) crc.getValue()).array());
            buffered.flush();
        });
    }

    /**
     * Verifies the file, then lets the reader parse its payload.
     *
     * @param file   a file written by {@link #write}
     * @param reader parses the payload
     * @param <T>    what the payload holds
     * @return what the reader returned
     * @throws IllegalArgumentException if the file is missing, not of this kind, of another
     *     version, truncated or damaged
     * @throws UncheckedIOException     if it cannot be read
     */
    public <T> T read(Path file, PayloadReader<T> reader) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = verify(file, channel);
            // The same open channel is read again, so a file replaced meanwhile cannot slip in.
            channel.position(headerBytes());
            try (InputStream in = new Bounded(Channels.newInputStream(channel), length)) {
                return reader.readFrom(in, length);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(noun + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + noun + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the payload's length, once the file has passed every check
     */
    private long verify(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        int headerBytes = headerBytes();
        ByteBuffer header = ByteBuffer.allocate((int) Math.min(size, headerBytes));
        readFully(channel, header, 0);
        byte[] h = header.array();
        int prefix = Math.min(h.length, magic.length);
        int changed = 0;
        for (int i = 0; i < prefix; i++) {
            if (h[i] != magic[i]) {
                changed++;
            }
        }
        // A truncated file keeps its first bytes as they were, so a short file must begin as the magic
        // does; a full one with a single changed byte is a damaged file of this kind.
        if (changed > (h.length < magic.length ? 0 : 1)) {
            throw new IllegalArgumentException(file + " is not an opu-dfa " + noun + " (wrong magic bytes)");
        }
        if (size < headerBytes) {
            throw refusal(file, "is truncated: it has " + size + " bytes, fewer than the " + headerBytes
                    + " of its fixed header");
        }
        int versionAt = magic.length;
        int lengthAt = versionAt + Integer.BYTES;
        int headerCrcAt = lengthAt + Long.BYTES;
        int found = header.getInt(versionAt);
        if (crc(h, headerCrcAt) != header.getInt(headerCrcAt)) {
            boolean olderUnframed = changed == 0 && found >= 1 && found < version && header.getInt(lengthAt) != 0;
            if (olderUnframed) {
                throw refusal(file, "has format version " + found + ", older than the version " + version
                        + " this opu-dfa reads");
            }
            throw damaged(file);
        }
        if (changed != 0) {
            // An intact header checksum over a changed magic: another format that shares the framing.
            throw new IllegalArgumentException(file + " is not an opu-dfa " + noun + " (wrong magic bytes)");
        }
        if (found != version) {
            throw refusal(file, "has format version " + found + ", " + (found < version ? "older" : "newer")
                    + " than the version " + version + " this opu-dfa reads");
        }
        long length = header.getLong(lengthAt);
        long expected = headerBytes + length + TRAILER_BYTES;
        if (length < 0) {
            throw damaged(file);
        }
        if (size > expected) {
            throw refusal(file, "is damaged: it has " + size + " bytes, more than the " + expected
                    + " its header announces");
        }
        if (size < expected) {
            throw refusal(file, "is truncated: it has " + size + " of the " + expected
                    + " bytes its header announces");
        }
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long checked = 0;
        long covered = size - TRAILER_BYTES;
        while (checked < covered) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), covered - checked));
            readFully(channel, buffer, checked);
            buffer.flip();
            crc.update(buffer);
            checked += buffer.limit();
        }
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        readFully(channel, trailer, covered);
        if ((int) crc.getValue() != trailer.getInt(0)) {
            throw damaged(file);
        }
        return length;
    }

    private IllegalArgumentException damaged(Path file) {
        return refusal(file, "is damaged: its checksum does not match");
    }

    private IllegalArgumentException refusal(Path file, String what) {
        return new IllegalArgumentException(noun + " " + file + " " + what + "; " + consequence);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** Fills the buffer from the channel, starting at a position; the caller has checked the size. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("the file ended at byte " + at);
            }
            at += n;
        }
    }

    /** Counts the bytes written through it; does not close the stream below. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Reads no further than a length, so the payload reader cannot reach the trailer. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

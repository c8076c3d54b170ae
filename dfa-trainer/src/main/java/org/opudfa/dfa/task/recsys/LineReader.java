package org.opudfa.dfa.task.recsys;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Lines of a file through one fixed buffer of {@link #BUFFER_BYTES} bytes, from any byte offset:
 * the memory a reader holds does not grow with the file, and a line longer than the buffer is an
 * error rather than a reason to grow it. Line breaks are {@code \n} (a {@code \r} before it is the
 * parser's business); the last line may lack one.
 */
final class LineReader implements Closeable {

    /** The buffer's size, and so the longest line read: 1 MiB (a Criteo line has a few hundred bytes). */
    static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final byte[] buffer;
    private final ByteBuffer wrapped;
    private final MessageDigest digest;
    /** valid bytes are [position, limit) */
    private int position;
    private int limit;
    /** the file offset of buffer[0] */
    private long bufferOffset;
    private boolean endOfFile;
    private int lineStart;
    private int lineEnd;

    /**
     * @param file   the file
     * @param digest updated with every byte read, or null
     * @throws UncheckedIOException if the file cannot be opened
     */
    LineReader(Path file, MessageDigest digest) {
        this(file, digest, BUFFER_BYTES);
    }

    /** With a buffer of another size: for tests of long lines. */
    LineReader(Path file, MessageDigest digest, int bufferBytes) {
        this.file = file;
        this.digest = digest;
        this.buffer = new byte[bufferBytes];
        this.wrapped = ByteBuffer.wrap(buffer);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the bytes of the buffer, holding the current line at [{@link #lineStart()}, {@link #lineEnd()}) */
    byte[] buffer() {
        return buffer;
    }

    /** @return the size of the buffer, the longest line this reader takes */
    int capacity() {
        return buffer.length;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    /** @return the file offset of the byte after the current line (and its line break) */
    long offset() {
        return bufferOffset + position;
    }

    /**
     * Continues reading at a byte offset.
     *
     * @param offset where the next line starts
     */
    void seek(long offset) {
        try {
            channel.position(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        bufferOffset = offset;
        position = 0;
        limit = 0;
        endOfFile = false;
    }

    /**
     * Advances to the next line.
     *
     * @param lineNumber the number of that line, for the message if it is too long
     * @return false at the end of the file
     * @throws IllegalArgumentException if the line is longer than the buffer
     */
    boolean next(long lineNumber) {
        int scan = position;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lineStart = position;
                    lineEnd = i;
                    position = i + 1;
                    return true;
                }
            }
            if (endOfFile) {
                if (position < limit) {
                    lineStart = position;
                    lineEnd = limit;
                    position = limit;
                    return true;
                }
                return false;
            }
            if (position == 0 && limit == buffer.length) {
                throw new IllegalArgumentException("line " + lineNumber + " of " + file + " is longer than "
                        + buffer.length + " bytes, far longer than a click record; is this a click log?");
            }
            scan = limit - position;
            fill();
        }
    }

    /** Moves the unread bytes to the front and reads more after them. */
    private void fill() {
        int kept = limit - position;
        System.arraycopy(buffer, position, buffer, 0, kept);
        bufferOffset += position;
        position = 0;
        limit = kept;
        try {
            wrapped.clear().position(limit);
            int n = channel.read(wrapped);
            if (n < 0) {
                endOfFile = true;
            } else {
                if (digest != null) {
                    digest.update(buffer, limit, n);
                }
                limit += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + file + ": " + e.getMessage(), e);
        }
    }
}

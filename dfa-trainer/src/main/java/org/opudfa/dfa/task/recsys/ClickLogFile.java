package org.opudfa.dfa.task.recsys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.opudfa.dfa.data.SourceFile;

/**
 * A click log file after one streaming pass over it: its number of lines, its SHA-256, and a
 * sparse index of the byte offset of every {@link #INDEX_STRIDE}-th line, so that a reader can
 * start at any line (a split's first record, a resumed position) by skipping fewer than
 * {@code INDEX_STRIDE} lines. The index takes 8 bytes per {@code INDEX_STRIDE} lines: 5 KiB for
 * the 45 million records of Criteo's training file.
 */
public final class ClickLogFile {

    /** Lines between two entries of the offset index. */
    public static final int INDEX_STRIDE = 1 << 14;

    private final Path path;
    private final long lines;
    private final long[] index;
    private final SourceFile source;

    private ClickLogFile(Path path, long lines, long[] index, SourceFile source) {
        this.path = path;
        this.lines = lines;
        this.index = index;
        this.source = source;
    }

    /**
     * Reads the file once: counts its lines, indexes their offsets and checksums it. The content is
     * not parsed here.
     *
     * @param path the file
     * @return the scanned file
     * @throws IllegalArgumentException if the file does not exist, is a folder or is empty
     */
    public static ClickLogFile scan(Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("the click log " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("the click log " + path + " is a folder; give the file itself");
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        long[] index = new long[16];
        long lines = 0;
        long bytes;
        try (LineReader reader = new LineReader(path, digest)) {
            long start = 0;
            while (reader.next(lines + 1)) {
                if (lines % INDEX_STRIDE == 0) {
                    int k = (int) (lines / INDEX_STRIDE);
                    if (k == index.length) {
                        index = Arrays.copyOf(index, 2 * k);
                    }
                    index[k] = start;
                }
                lines++;
                start = reader.offset();
            }
            bytes = start;
        }
        if (lines == 0) {
            throw new IllegalArgumentException("the click log " + path + " is empty");
        }
        index = Arrays.copyOf(index, (int) ((lines - 1) / INDEX_STRIDE + 1));
        String sha = HexFormat.of().formatHex(digest.digest());
        return new ClickLogFile(path, lines, index, new SourceFile(path.toString(), bytes, sha));
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return its number of lines (records) */
    public long lines() {
        return lines;
    }

    /** @return the file for provenance: path, size and SHA-256 */
    public SourceFile source() {
        return source;
    }

    /**
     * Positions a reader of this file at a line.
     *
     * @param reader a reader of this file
     * @param line   the line to read next, from 0
     */
    void seek(LineReader reader, long line) {
        if (line < 0 || line > lines) {
            throw new IllegalArgumentException("line " + line + " is outside " + path + " (" + lines + " lines)");
        }
        int k = (int) Math.min(line / INDEX_STRIDE, index.length - 1);
        reader.seek(index[k]);
        for (long l = (long) k * INDEX_STRIDE; l < line; l++) {
            reader.next(l + 1);
        }
    }
}

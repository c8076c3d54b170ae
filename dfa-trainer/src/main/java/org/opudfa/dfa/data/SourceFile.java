package org.opudfa.dfa.data;

import java.util.Objects;

/**
 * One file a dataset was read from, for provenance: where it was, how big it was and its
 * SHA-256 checksum (of the bytes as stored, so of the compressed file for a gzip file).
 *
 * @param path   the path as given to the reader
 * @param bytes  the file size in bytes
 * @param sha256 the SHA-256 digest of the file's bytes, 64 lower-case hex digits
 */
public record SourceFile(String path, long bytes, String sha256) {

    /**
     * Validates the components.
     *
     * @param path   the path as given to the reader
     * @param bytes  the file size in bytes
     * @param sha256 the SHA-256 digest of the file's bytes, 64 lower-case hex digits
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be non-negative, got " + bytes);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got \"" + sha256 + "\"");
        }
    }
}

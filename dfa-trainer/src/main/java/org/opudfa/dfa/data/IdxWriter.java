package org.opudfa.dfa.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.opudfa.dfa.io.AtomicFiles;

/**
 * Writes IDX files of unsigned bytes (the format {@link IdxReader} reads), plain or
 * gzip-compressed. The file is written to a temporary sibling and then moved into place, so a
 * failed write never leaves a half-written file under the target name.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * @param file       where to write; replaced if it exists
     * @param dimensions the sizes, outermost first; between 1 and 255 of them, each non-negative
     * @param values     the values in row-major order, exactly {@code Π dimensions} of them
     * @param gzip       whether to gzip-compress the file
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the dimensions are invalid or do not match the values
     */
    public static void writeUnsignedBytes(Path file, int[] dimensions, byte[] values, boolean gzip) throws IOException {
        if (dimensions.length < 1 || dimensions.length > 255) {
            throw new IllegalArgumentException("dimension count must be between 1 and 255, got " + dimensions.length);
        }
        long count = 1;
        for (int k = 0; k < dimensions.length; k++) {
            if (dimensions[k] < 0) {
                throw new IllegalArgumentException("dimension " + k + " must be non-negative, got " + dimensions[k]);
            }
            count *= dimensions[k];
        }
        if (count != values.length) {
            throw new IllegalArgumentException("values must have " + count + " entries (the product of the dimensions), got "
                    + values.length);
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream(4 + 4 * dimensions.length + values.length);
        plain.write(0);
        plain.write(0);
        plain.write(IdxReader.TYPE_UNSIGNED_BYTE);
        plain.write(dimensions.length);
        for (int d : dimensions) {
            plain.write(d >>> 24);
            plain.write(d >>> 16);
            plain.write(d >>> 8);
            plain.write(d);
        }
        plain.write(values);
        try {
            AtomicFiles.write(file, out -> {
                if (gzip) {
                    GZIPOutputStream zipped = new GZIPOutputStream(out);
                    plain.writeTo(zipped);
                    zipped.finish();
                } else {
                    plain.writeTo(out);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

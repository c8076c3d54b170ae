package org.opudfa.dfa.data;

import java.util.Arrays;

/**
 * The contents of one IDX file of unsigned bytes: its dimensions and its values in row-major
 * order (the last dimension varies fastest), with the provenance of the file it came from.
 * Immutable.
 *
 * <p>For MNIST-style images the dimensions are {@code (count, rows, columns)}; for labels,
 * {@code (count)}.
 */
public final class IdxArray {

    private final int[] dimensions;
    /** The whole file content; the values start at {@link #offset} (after the header), so nothing is copied. */
    private final byte[] content;
    private final int offset;
    private final int size;
    private final SourceFile source;

    /** Adopts its arguments; callers in this package hand over arrays nobody else holds. */
    IdxArray(int[] dimensions, byte[] content, int offset, int size, SourceFile source) {
        this.dimensions = dimensions;
        this.content = content;
        this.offset = offset;
        this.size = size;
        this.source = source;
    }

    /** @return the number of dimensions, at least 1 */
    public int dimensionCount() {
        return dimensions.length;
    }

    /**
     * @param axis 0 for the outermost dimension (the sample count)
     * @return the size of that dimension
     */
    public int dimension(int axis) {
        return dimensions[axis];
    }

    /** @return a copy of the dimensions, outermost first */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** @return the number of values, the product of the dimensions */
    public int size() {
        return size;
    }

    /**
     * @param index position in row-major order, {@code 0 ≤ index < size()}
     * @return the value there, in {@code 0 … 255}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code 0 … size()−1}
     */
    public int unsigned(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside 0 to " + (size - 1));
        }
        return content[offset + index] & 0xff;
    }

    /** @return the file these values were read from */
    public SourceFile source() {
        return source;
    }

    /** The raw content, shared: package code only reads it, from {@link #rawOffset()} on. */
    byte[] rawContent() {
        return content;
    }

    /** Where the values start in {@link #rawContent()}. */
    int rawOffset() {
        return offset;
    }

    /** @return the dimensions and the file, for messages */
    @Override
    public String toString() {
        return "IDX " + Arrays.toString(dimensions) + " from " + source.path();
    }
}

package org.opudfa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.io.MessageText;

/**
 * Reads vectors written as CSV: UTF-8 text, one vector per line, numbers separated by commas,
 * blank lines skipped. It reads cell by cell and never holds a whole line, so what it keeps is
 * bounded by the dimension whatever the input: a cell longer than {@value #MAX_CELL_CHARS}
 * characters (leading spaces not counted) stops it, and so does a line with more values than the
 * first line, or, on the first line, more than the largest dimension the caller accepts.
 *
 * <p>Every problem is an {@link IllegalArgumentException} of one sentence naming the source, the
 * line and the column, quoting at most the beginning of a bad cell ({@link MessageText}).
 */
final class CsvVectorReader {

    /** The longest cell read as a number; a float needs at most a few dozen characters. */
    static final int MAX_CELL_CHARS = 64;

    private static final int BUFFER_SIZE = 1 << 16;

    private final String source;
    private final int maxDimension;
    private final String maxDimensionReason;

    /**
     * @param source             what is read, for messages, e.g. {@code "stdin"} or a path
     * @param maxDimension       the most values the first line may have
     * @param maxDimensionReason why, for the message, e.g. "the most the simulated DMD can show"
     */
    CsvVectorReader(String source, int maxDimension, String maxDimensionReason) {
        if (maxDimension < 1) {
            throw new IllegalArgumentException("maxDimension must be at least 1, got " + maxDimension);
        }
        this.source = source;
        this.maxDimension = maxDimension;
        this.maxDimensionReason = maxDimensionReason;
    }

    /**
     * @param in UTF-8 text; not closed
     * @return one row per vector
     * @throws IllegalArgumentException if the text is not UTF-8, holds no vector, or a line is malformed
     * @throws IOException              if reading fails
     */
    FMatrixRMaj read(InputStream in) throws IOException {
        // decoded here rather than by a Reader, so that a bad byte is placed on its line exactly
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE);
        CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE);
        Lines lines = new Lines();
        boolean end = false;
        while (!end) {
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                end = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            CoderResult result;
            do {
                result = decoder.decode(bytes, chars, end);
                lines.accept(chars);
                if (result.isError()) {
                    throw new IllegalArgumentException(source + " is not UTF-8 text: line " + lines.lineNo
                            + " holds bytes that are not UTF-8; expected comma-separated numbers");
                }
            } while (result.isOverflow());
            bytes.compact();
        }
        decoder.flush(chars);
        lines.accept(chars);
        lines.endOfLine();
        if (lines.rows.isEmpty()) {
            throw new IllegalArgumentException(source
                    + " holds no vectors; expected one comma-separated vector per line");
        }
        int dimension = lines.rows.get(0).length;
        FMatrixRMaj matrix = new FMatrixRMaj(lines.rows.size(), dimension);
        for (int r = 0; r < lines.rows.size(); r++) {
            System.arraycopy(lines.rows.get(r), 0, matrix.data, r * dimension, dimension);
        }
        return matrix;
    }

    /** The parser's state: the line being read and the rows read so far. */
    private final class Lines {
        final List<float[]> rows = new ArrayList<>();
        int lineNo = 1;
        private final StringBuilder cell = new StringBuilder(MAX_CELL_CHARS + 1);
        private float[] values = new float[16];
        private int count;
        /** Whether the line has anything but spaces, so it is a vector and not a blank line. */
        private boolean started;
        private boolean afterCarriageReturn;

        /** Reads the decoded characters and empties the buffer. */
        void accept(CharBuffer chars) {
            chars.flip();
            while (chars.hasRemaining()) {
                accept(chars.get());
            }
            chars.clear();
        }

        void accept(char c) {
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                return;
            }
            afterCarriageReturn = c == '\r';
            if (c == '\n' || c == '\r') {
                endOfLine();
                lineNo++;
            } else if (c == ',') {
                started = true;
                endOfCell();
                if (count == limit()) {
                    throw new IllegalArgumentException(source + " line " + lineNo + " has more than " + limit()
                            + " values, " + (rows.isEmpty() ? maxDimensionReason
                                    : "but the first vector has " + limit()));
                }
            } else if (cell.length() > 0 || !Character.isWhitespace(c)) {
                started = true;
                if (cell.length() == MAX_CELL_CHARS) {
                    cell.append(c);
                    throw new IllegalArgumentException(source + " line " + lineNo + " column " + (count + 1)
                            + " is longer than " + MAX_CELL_CHARS + " characters, which no number needs: '"
                            + MessageText.abbreviate(cell.toString()) + "'");
                }
                cell.append(c);
            }
        }

        void endOfLine() {
            if (!started) {
                return;
            }
            endOfCell();
            if (!rows.isEmpty() && count != rows.get(0).length) {
                throw new IllegalArgumentException(source + " line " + lineNo + " has " + count
                        + " values, but the first vector has " + rows.get(0).length);
            }
            rows.add(Arrays.copyOf(values, count));
            count = 0;
            started = false;
        }

        private int limit() {
            return rows.isEmpty() ? maxDimension : rows.get(0).length;
        }

        private void endOfCell() {
            String text = cell.toString().strip();
            cell.setLength(0);
            int column = count + 1;
            float v;
            try {
                v = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + " column " + column
                        + " must be a number, got '" + MessageText.abbreviate(text) + "'");
            }
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(source + " line " + lineNo + " column " + column
                        + " must be finite, got " + MessageText.abbreviate(text));
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(limit(), 2L * values.length));
            }
            values[count++] = v;
        }
    }
}

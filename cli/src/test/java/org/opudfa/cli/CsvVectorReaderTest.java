package org.opudfa.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.io.MessageText;

/** The CSV reader: what it accepts, and that it stops early, by the dimension, on endless input. */
class CsvVectorReaderTest {

    private static final int MAX_DIMENSION = 1000;
    private static final String REASON = "the most the test allows";
    /** A 300 MB line, as in the report of a reader running out of memory. */
    private static final long HUGE_LINE_BYTES = 300L << 20;

    private static FMatrixRMaj read(String text) throws IOException {
        return new CsvVectorReader("in.csv", MAX_DIMENSION, REASON)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String rejected(String text) {
        return assertThrows(IllegalArgumentException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsRowsSkippingBlankLinesWithAnyLineEnd() throws IOException {
        FMatrixRMaj m = read("1, 2 ,3\r\n\r\n  \n-4.5,5e-1,6\r7,8,9");
        assertEquals(3, m.numRows);
        assertEquals(3, m.numCols);
        assertArrayEquals(new float[] {1, 2, 3, -4.5f, 0.5f, 6, 7, 8, 9}, m.data);
    }

    @Test
    void badCellsAreNamedByLineAndColumn() {
        assertEquals("in.csv line 2 column 2 must be a number, got 'abc'", rejected("1,0,1\n0,abc,1\n"));
        assertEquals("in.csv line 1 column 3 must be a number, got ''", rejected("1,2,\n"));
        assertEquals("in.csv line 1 column 2 must be finite, got Infinity", rejected("1,Infinity\n"));
        assertEquals("in.csv line 2 has 2 values, but the first vector has 3", rejected("1,0,1\n1,0\n"));
        assertEquals("in.csv holds no vectors; expected one comma-separated vector per line", rejected("\n \r\n"));
    }

    @Test
    void aCellOfTenMillionDigitsIsQuotedByItsBeginning() {
        String m = rejected("1,2," + "7".repeat(10_000_000) + "\n");
        assertEquals("in.csv line 1 column 3 is longer than " + CsvVectorReader.MAX_CELL_CHARS
                + " characters, which no number needs: '" + "7".repeat(MessageText.QUOTE_LIMIT) + MessageText.ELLIPSIS
                + "'", m);
    }

    @Test
    void aCellOfTheLimitIsRead() throws IOException {
        String number = "0." + "1".repeat(CsvVectorReader.MAX_CELL_CHARS - 2);
        assertEquals(0.11111111f, read("   " + number + "\n").get(0, 0));
    }

    @Test
    void aLineLongerThanTheDimensionStopsTheReaderAtTheLimit() {
        CountingInput endless = new CountingInput("1,".getBytes(StandardCharsets.US_ASCII), HUGE_LINE_BYTES);
        String m = assertThrows(IllegalArgumentException.class,
                () -> new CsvVectorReader("stdin", MAX_DIMENSION, REASON).read(endless)).getMessage();
        assertEquals("stdin line 1 has more than " + MAX_DIMENSION + " values, " + REASON, m);
        long needed = 2L * MAX_DIMENSION;
        // the reader decodes in blocks, so it may have read one block of bytes beyond the limit
        long slack = 1L << 17;
        assertTrue(endless.served <= needed + slack, "read " + endless.served + " bytes of " + HUGE_LINE_BYTES);
    }

    @Test
    void aLaterLineLongerThanTheFirstStopsAtTheFirstLinesDimension() {
        assertEquals("in.csv line 2 has more than 3 values, but the first vector has 3", rejected("1,0,1\n1,0,1,1,1\n"));
    }

    @Test
    void invalidUtf8NamesTheSourceAndTheLine() {
        byte[] bytes = {'1', ',', '2', '\n', '3', ',', (byte) 0xff, '\n'};
        String m = assertThrows(IllegalArgumentException.class, () -> new CsvVectorReader("in.csv", MAX_DIMENSION,
                REASON).read(new ByteArrayInputStream(bytes))).getMessage();
        assertEquals("in.csv is not UTF-8 text: line 2 holds bytes that are not UTF-8; expected comma-separated"
                + " numbers", m);
    }

    /** A long input repeating a pattern, made as it is read, counting the bytes it served. */
    private static final class CountingInput extends InputStream {
        private final byte[] pattern;
        private final long length;
        long served;

        CountingInput(byte[] pattern, long length) {
            this.pattern = pattern;
            this.length = length;
        }

        @Override
        public int read() {
            return served >= length ? -1 : pattern[(int) (served++ % pattern.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - served);
            for (int i = 0; i < n; i++) {
                b[off + i] = pattern[(int) (served++ % pattern.length)];
            }
            return n;
        }
    }
}

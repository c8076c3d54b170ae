package org.opudfa.dfa.task.recsys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Criteo display-advertising log format (the Kaggle challenge's {@code train.txt}): one record
 * per line, tab-separated, a 0/1 label, then {@link #INTEGER_FIELDS} integer fields (counts, may
 * be negative), then {@link #CATEGORICAL_FIELDS} categorical fields (32-bit hashes written as 8
 * hex digits); any field but the label may be empty (missing).
 *
 * <p>Values become keys of per-field vocabularies: an integer {@code v} is binned as in the
 * preprocessing of the paper's code (the challenge winners'), {@code bin(v) = v} for
 * {@code v ≤ 2} and {@code ⌊(ln v)²⌋} above; a category is its hex value (up to 15 hex digits),
 * or a 64-bit FNV-1a hash of its bytes when it is not such a hex string.
 */
public final class ClickLogFormat {

    /** Integer (count) fields per record. */
    public static final int INTEGER_FIELDS = 13;
    /** Categorical fields per record. */
    public static final int CATEGORICAL_FIELDS = 26;
    /** Feature fields per record, integer ones first. */
    public static final int FIELDS = INTEGER_FIELDS + CATEGORICAL_FIELDS;
    /** Tab-separated columns per line: the label and the fields. */
    public static final int COLUMNS = FIELDS + 1;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Longest text quoted in an error message. */
    private static final int QUOTE_LIMIT = 40;
    /** The value of each byte as a hex digit (either case), or −1. */
    private static final byte[] HEX_DIGITS = new byte[256];

    static {
        Arrays.fill(HEX_DIGITS, (byte) -1);
        for (int c = 0; c < 10; c++) {
            HEX_DIGITS['0' + c] = (byte) c;
        }
        for (int c = 0; c < 6; c++) {
            HEX_DIGITS['a' + c] = (byte) (10 + c);
            HEX_DIGITS['A' + c] = (byte) (10 + c);
        }
    }

    private ClickLogFormat() {
    }

    /**
     * The log² bin of an integer field.
     *
     * @param v the count
     * @return {@code v} if {@code v ≤ 2}, else {@code ⌊(ln v)²⌋}
     */
    public static long bin(long v) {
        if (v <= 2) {
            return v;
        }
        double l = Math.log(v);
        return (long) Math.floor(l * l);
    }

    /**
     * Parses one line (without its line break) into {@code out}.
     *
     * @param b     the bytes holding the line
     * @param start the line's first byte
     * @param end   one past its last byte (a trailing {@code \r} is ignored)
     * @param file  the file's name, for messages
     * @param line  the line's number in the file, from 1, for messages
     * @param out   the record to fill
     * @throws IllegalArgumentException with one sentence naming the line, if it does not have
     *     {@link #COLUMNS} columns, its label is not 0 or 1, or an integer field is not a whole number
     */
    public static void parse(byte[] b, int start, int end, String file, long line, ClickRecord out) {
        if (end > start && b[end - 1] == '\r') {
            end--;
        }
        int column = 0;
        int at = start;
        while (true) {
            int stop;
            if (column > INTEGER_FIELDS && column < COLUMNS) {
                stop = categoricalField(b, at, end, column - 1, out);
            } else {
                stop = fieldEnd(b, at, end);
                if (column < COLUMNS) {
                    field(b, at, stop, column, file, line, out);
                }
            }
            column++;
            if (stop >= end) {
                break;
            }
            at = stop + 1;
        }
        if (column != COLUMNS) {
            throw new IllegalArgumentException(where(file, line) + " has " + column + " tab-separated fields, but a "
                    + "click record has " + COLUMNS + " (a 0/1 label, " + INTEGER_FIELDS + " integer and "
                    + CATEGORICAL_FIELDS + " categorical fields)");
        }
    }

    /** @return the index of the first tab at or after {@code from}, or {@code end} */
    private static int fieldEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] != '\t') {
            i++;
        }
        return i;
    }

    /** Reads the label (column 0) or an integer field (columns 1 to {@link #INTEGER_FIELDS}). */
    private static void field(byte[] b, int from, int to, int column, String file, long line, ClickRecord out) {
        if (column == 0) {
            if (to - from == 1 && (b[from] == '0' || b[from] == '1')) {
                out.label = b[from] - '0';
                return;
            }
            throw new IllegalArgumentException(where(file, line) + " has the label \"" + quote(b, from, to)
                    + "\", but a label must be 0 or 1");
        }
        int f = column - 1;
        if (from == to) {
            out.missing[f] = true;
            out.keys[f] = 0;
            return;
        }
        out.missing[f] = false;
        out.keys[f] = bin(integer(b, from, to, f, file, line));
    }

    /**
     * Reads categorical field {@code f} starting at {@code from} in one pass: its hex value
     * accumulates while the digits go by, and only a field that is not a short hex string is read
     * again, to be {@link #hashed}.
     *
     * @return the index of the tab that ends the field, or {@code end}
     */
    private static int categoricalField(byte[] b, int from, int end, int f, ClickRecord out) {
        long v = 0;
        int i = from;
        for (; i < end; i++) {
            int d = HEX_DIGITS[b[i] & 0xff];
            if (d < 0) {
                break;
            }
            v = (v << 4) | d;
        }
        if (i == end || b[i] == '\t') {
            if (i == from) {
                out.missing[f] = true;
                out.keys[f] = 0;
                return i;
            }
            if (i - from <= 15) {
                out.missing[f] = false;
                out.keys[f] = v;
                return i;
            }
        }
        int stop = fieldEnd(b, i, end);
        out.missing[f] = false;
        out.keys[f] = hashed(b, from, stop);
        return stop;
    }

    private static long integer(byte[] b, int from, int to, int f, String file, long line) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (i == to || to - i > 18) {
            throw notInteger(b, from, to, f, file, line);
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw notInteger(b, from, to, f, file, line);
            }
            v = 10 * v + d;
        }
        return negative ? -v : v;
    }

    private static IllegalArgumentException notInteger(byte[] b, int from, int to, int f, String file, long line) {
        return new IllegalArgumentException(where(file, line) + " has \"" + quote(b, from, to) + "\" in integer field "
                + (f + 1) + " (column " + (f + 2) + "), but integer fields must be whole numbers of at most 18 "
                + "digits or empty");
    }

    /**
     * The key of a category that is not a short hex string: a 64-bit FNV-1a hash of its bytes with
     * the top bit set, apart from every hex value (at most 15 digits, below the top bit).
     */
    private static long hashed(byte[] b, int from, int to) {
        long h = FNV_OFFSET;
        for (int i = from; i < to; i++) {
            h = (h ^ (b[i] & 0xff)) * FNV_PRIME;
        }
        return h | Long.MIN_VALUE;
    }

    private static String quote(byte[] b, int from, int to) {
        int n = Math.min(to - from, QUOTE_LIMIT);
        String s = new String(b, from, n, StandardCharsets.UTF_8);
        return n < to - from ? s + "…" : s;
    }

    private static String where(String file, long line) {
        return "line " + line + " of " + file;
    }
}

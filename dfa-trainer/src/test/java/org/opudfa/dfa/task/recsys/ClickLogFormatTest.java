package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Criteo line format: values, missing fields, and one sentence naming the line for each malformed row. */
class ClickLogFormatTest {

    /** A well-formed record: label 1, integers 0 … 12 with field 3 empty, categories with field 2 empty. */
    static String record(int label) {
        StringBuilder s = new StringBuilder().append(label);
        for (int f = 0; f < ClickLogFormat.INTEGER_FIELDS; f++) {
            s.append('\t').append(f == 2 ? "" : Integer.toString(f * 7 - 1));
        }
        for (int f = 0; f < ClickLogFormat.CATEGORICAL_FIELDS; f++) {
            s.append('\t').append(f == 1 ? "" : String.format("%08x", 0x1000 * (f + 1)));
        }
        return s.toString();
    }

    private static ClickRecord parse(String line, long number) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        ClickRecord r = new ClickRecord();
        ClickLogFormat.parse(b, 0, b.length, "log.txt", number, r);
        return r;
    }

    @Test
    void binsIntegersByTheSquaredLogarithm() {
        assertEquals(-1, ClickLogFormat.bin(-1));
        assertEquals(0, ClickLogFormat.bin(0));
        assertEquals(2, ClickLogFormat.bin(2));
        assertEquals(1, ClickLogFormat.bin(3)); // ⌊(ln 3)²⌋ = ⌊1.207⌋
        assertEquals(21, ClickLogFormat.bin(100)); // ⌊(ln 100)²⌋ = ⌊21.21⌋
        assertEquals(47, ClickLogFormat.bin(1000)); // ⌊47.72⌋
    }

    @Test
    void parsesLabelValuesAndMissingFields() {
        ClickRecord r = parse(record(1) + "\r", 1);
        assertEquals(1f, r.label());
        assertEquals(ClickLogFormat.bin(-1), r.key(0));
        assertEquals(ClickLogFormat.bin(7 * 12 - 1), r.key(12));
        assertTrue(r.missing(2));
        assertFalse(r.missing(3));
        assertTrue(r.missing(ClickLogFormat.INTEGER_FIELDS + 1));
        assertEquals(0x1000, r.key(ClickLogFormat.INTEGER_FIELDS));
        assertEquals(0x1000 * 26, r.key(ClickLogFormat.FIELDS - 1));
        assertEquals(0f, parse(record(0), 1).label());
    }

    @Test
    void categoriesThatAreNotHexAreHashedApartFromHexValues() {
        String a = record(0).replace("00001000", "not-hex!");
        String b = record(0).replace("00001000", "not-hex?");
        long ka = parse(a, 1).key(ClickLogFormat.INTEGER_FIELDS);
        assertTrue(ka < 0, "the top bit marks a hashed category");
        assertNotEquals(ka, parse(b, 1).key(ClickLogFormat.INTEGER_FIELDS));
    }

    @Test
    void categoryKeysAreHexValuesOfUpTo15DigitsInEitherCaseElseTheTopBitSetFnvHash() {
        int first = ClickLogFormat.INTEGER_FIELDS;
        int last = ClickLogFormat.FIELDS - 1;
        assertEquals(0xABCDEF12L, parse(record(0).replace("00001000", "AbCdEf12"), 1).key(first));
        assertEquals(0xFFFFFFFFFFFFFFFL, parse(record(0).replace("00001000", "fffffffffffffff"), 1).key(first));
        // 16 hex digits no longer fit below the top bit: hashed, like a category with a non-hex byte
        assertTrue(parse(record(0).replace("00001000", "0000000000001000"), 1).key(first) < 0);
        // FNV-1a (64 bits) of "12zz" with the top bit set, known answer; the same in the middle of a
        // line (ended by a tab) and at its end (ended by the line)
        long fnv = -6888697698099983010L;
        assertEquals(fnv, parse(record(0).replace("00001000", "12zz"), 1).key(first));
        assertEquals(fnv, parse(record(0).replace("0001a000", "12zz"), 1).key(last));
        assertEquals(0x1a000L, parse(record(0), 1).key(last));
    }

    @Test
    void aWrongFieldCountIsOneSentenceNamingTheLine() {
        String line = record(1).substring(0, record(1).lastIndexOf('\t'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(line, 17));
        assertEquals("line 17 of log.txt has 39 tab-separated fields, but a click record has 40 (a 0/1 label, 13 "
                + "integer and 26 categorical fields)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(record(1) + "\textra", 3));
        assertTrue(e.getMessage().startsWith("line 3 of log.txt has 41 tab-separated fields"), e.getMessage());
    }

    @Test
    void aNonNumericIntegerFieldIsOneSentenceNamingTheLineAndField() {
        String line = record(1).replaceFirst("\t6\t", "\t6x\t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(line, 5));
        assertEquals("line 5 of log.txt has \"6x\" in integer field 2 (column 3), but integer fields must be whole "
                + "numbers of at most 18 digits or empty", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(record(1).replaceFirst("\t6\t", "\t-\t"), 5));
        assertThrows(IllegalArgumentException.class, () -> parse(record(1).replaceFirst("\t6\t", "\t1.5\t"), 5));
    }

    @Test
    void aBadLabelIsOneSentenceNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("2" + record(1)
                .substring(1), 9));
        assertEquals("line 9 of log.txt has the label \"2\", but a label must be 0 or 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(record(1).substring(1), 10));
        assertEquals("line 10 of log.txt has the label \"\", but a label must be 0 or 1", e.getMessage());
    }

    @Test
    void readingAFileNamesTheBadLineAmongGoodOnes(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("clicks.txt");
        Files.writeString(log, record(1) + "\n" + record(0) + "\n" + record(0).replaceFirst("\t", "\tseven") + "\n");
        ClickLogFile file = ClickLogFile.scan(log);
        assertEquals(3, file.lines());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClickVocabulary.build(file, 0, 3, 1));
        assertTrue(e.getMessage().startsWith("line 3 of " + log + " has \"seven-1\" in integer field 1"),
                e.getMessage());
    }

    @Test
    void aLineLongerThanTheBufferIsRefused(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("long.txt");
        Files.writeString(log, record(1) + "\n" + "1".repeat(600) + "\n");
        try (LineReader reader = new LineReader(log, null, 512)) {
            assertTrue(reader.next(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.next(2));
            assertTrue(e.getMessage().startsWith("line 2 of " + log + " is longer than 512 bytes"), e.getMessage());
        }
    }
}

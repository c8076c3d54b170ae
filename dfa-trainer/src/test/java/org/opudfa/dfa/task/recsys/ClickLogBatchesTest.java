package org.opudfa.dfa.task.recsys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;

/** Streaming batches of a click log: vocabularies, order, exact resume, and memory that does not grow with the file. */
class ClickLogBatchesTest {

    /** Heap of the forked reader: far below the size of the file it streams. */
    static final String SMALL_HEAP = "-Xmx16m";
    /** Size of the streamed file: several times the small heap. */
    static final long LARGE_FILE_BYTES = 64L << 20;

    /** Writes n records whose first categorical field is value i mod 7 and whose label is i mod 3 == 0. */
    static Path writeLog(Path file, long n) throws IOException {
        String[] base = ClickLogFormatTest.record(0).split("\t", -1);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (long i = 0; i < n; i++) {
                base[0] = i % 3 == 0 ? "1" : "0";
                base[1] = Long.toString(i % 5);
                base[1 + ClickLogFormat.INTEGER_FIELDS] = String.format("%08x", i % 7);
                w.write(String.join("\t", base));
                w.write('\n');
            }
        }
        return file;
    }

    private static List<int[]> epoch(ClickLogBatches source, Feed feed) {
        List<int[]> batches = new ArrayList<>();
        while (source.next(feed)) {
            FieldIds ids = feed.get(ClickLogBatches.IDS);
            batches.add(Arrays.copyOf(ids.ids(), ids.rows() * ids.fields()));
        }
        return batches;
    }

    @Test
    void vocabulariesKeepValuesSeenAtLeastTheMinimumCount(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir.resolve("log.txt"), 40);
        // values of the first categorical field: i mod 7 over 40 records, 0…4 six times, 5 and 6 five times
        ClickVocabulary v = ClickVocabulary.build(ClickLogFile.scan(log), 0, 40, 6);
        FieldVocabulary f = v.field(ClickLogFormat.INTEGER_FIELDS);
        assertEquals(5 + 2, f.rows());
        assertEquals(FieldVocabulary.UNKNOWN, f.row(false, 6));
        assertEquals(FieldVocabulary.MISSING, f.row(true, 0));
        assertEquals(2, f.row(false, 0), "most frequent first, ties by key");
        assertEquals(6, f.row(false, 4));
        // a field always empty has only the unknown and missing rows
        assertEquals(2, v.field(2).rows());
    }

    @Test
    void servesTheRangeInOrderWithLabelsAndASmallerLastBatch(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir.resolve("log.txt"), 50);
        ClickLogFile file = ClickLogFile.scan(log);
        ClickVocabulary v = ClickVocabulary.build(file, 0, 50, 1);
        ClickLogBatches source = new ClickLogBatches(file, null, v, 10, 33, 8);
        Feed feed = source.newFeed();
        assertEquals(3, source.batchesPerEpoch());
        int[] sizes = new int[3];
        for (int b = 0; b < 3; b++) {
            assertTrue(source.next(feed));
            sizes[b] = source.items(feed);
            for (int r = 0; r < sizes[b]; r++) {
                long line = 10 + 8L * b + r;
                assertEquals(line % 3 == 0 ? 1f : 0f, feed.get(ClickLogBatches.CLICKS).get(r, 0), "line " + line);
                int cat = feed.get(ClickLogBatches.IDS).ids()[r * ClickLogFormat.FIELDS + ClickLogFormat.INTEGER_FIELDS];
                assertEquals(v.offsets()[ClickLogFormat.INTEGER_FIELDS]
                        + v.field(ClickLogFormat.INTEGER_FIELDS).row(false, line % 7), cat, "line " + line);
            }
        }
        assertArrayEquals(new int[] {8, 8, 7}, sizes);
        assertFalse(source.next(feed));
        assertTrue(source.next(feed), "the next epoch starts again");
    }

    @Test
    void resumesExactlyFromASavedPosition(@TempDir Path dir) throws IOException {
        // more lines than one stride of the line index, so the resume goes through it
        long n = ClickLogFile.INDEX_STRIDE * 2L + 123;
        Path log = writeLog(dir.resolve("log.txt"), n);
        ClickLogFile file = ClickLogFile.scan(log);
        ClickVocabulary v = ClickVocabulary.build(file, 0, n, 1);
        ClickLogBatches first = new ClickLogBatches(file, null, v, 5, n, 1000);
        Feed feed = first.newFeed();
        List<int[]> whole = epoch(first, feed);
        ClickLogBatches interrupted = new ClickLogBatches(file, null, v, 5, n, 1000);
        Feed f2 = interrupted.newFeed();
        for (int b = 0; b < 20; b++) {
            interrupted.next(f2);
        }
        MiniBatches.State state = interrupted.saveState();
        assertEquals(20_000, state.position());
        ClickLogBatches resumed = new ClickLogBatches(file, null, v, 5, n, 1000);
        resumed.restoreState(state);
        List<int[]> rest = epoch(resumed, resumed.newFeed());
        assertEquals(whole.size() - 20, rest.size());
        for (int b = 0; b < rest.size(); b++) {
            assertArrayEquals(whole.get(20 + b), rest.get(b), "batch " + (20 + b));
        }
    }

    @Test
    void epochsOfSetRecordCountsContinueThroughTheRangeAndWrapAround(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir.resolve("log.txt"), 20);
        ClickLogFile file = ClickLogFile.scan(log);
        ClickVocabulary v = ClickVocabulary.build(file, 0, 20, 1);
        // records 10 … 19 by epochs of 7, batches of 3: the first category of line i is i mod 7
        ClickLogBatches source = new ClickLogBatches(file, null, v, 10, 20, 3, 7);
        assertEquals(3, source.batchesPerEpoch());
        Feed feed = source.newFeed();
        long[][] expectedLines = {{10, 11, 12, 13, 14, 15, 16}, {17, 18, 19, 10, 11, 12, 13}, {14, 15, 16, 17, 18, 19, 10}};
        for (long[] lines : expectedLines) {
            List<int[]> batches = epoch(source, feed);
            int at = 0;
            for (int[] b : batches) {
                for (int r = 0; r < b.length / ClickLogFormat.FIELDS; r++) {
                    long line = lines[at++];
                    assertEquals(v.offsets()[ClickLogFormat.INTEGER_FIELDS]
                            + v.field(ClickLogFormat.INTEGER_FIELDS).row(false, line % 7),
                            b[r * ClickLogFormat.FIELDS + ClickLogFormat.INTEGER_FIELDS], "line " + line);
                }
            }
            assertEquals(7, at);
        }
        // a resume in the middle of the wrapping epoch serves the same records
        ClickLogBatches again = new ClickLogBatches(file, null, v, 10, 20, 3, 7);
        again.restoreState(new MiniBatches.State(1, 3, new byte[0]));
        Feed f2 = again.newFeed();
        assertTrue(again.next(f2));
        assertEquals(v.offsets()[ClickLogFormat.INTEGER_FIELDS] + v.field(ClickLogFormat.INTEGER_FIELDS).row(false, 10 % 7),
                f2.get(ClickLogBatches.IDS).ids()[ClickLogFormat.INTEGER_FIELDS]);
    }

    @Test
    void probabilitiesTravelWithTheirRecordsAndAMismatchedSideFileIsRefused(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir.resolve("log.txt"), 6);
        Path side = ClickLogGenerator.probabilityFile(log);
        assertEquals(dir.resolve("log.probability.txt"), side);
        Files.writeString(side, "0.5\n0.25\n1\n0\n1.0E-4\n0.75\n");
        ClickLogFile file = ClickLogFile.scan(log);
        ClickVocabulary v = ClickVocabulary.build(file, 0, 6, 1);
        ClickLogBatches source = new ClickLogBatches(file, ClickLogFile.scan(side), v, 2, 6, 4);
        Feed feed = source.newFeed();
        assertTrue(source.next(feed));
        assertArrayEquals(new float[] {1f, 0f, 1e-4f, 0.75f},
                Arrays.copyOf(feed.get(ClickLogBatches.PROBABILITIES).data, 4));
        Files.writeString(side, "0.5\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClickLogBatches(file, ClickLogFile.scan(side), v, 0, 6, 4));
        assertTrue(e.getMessage().contains("has 1 lines, but the click log"), e.getMessage());
    }

    /**
     * Streams a file several times larger than the heap of a forked JVM: building the vocabularies
     * and serving every batch must hold only the buffers, not the file.
     */
    @Test
    void streamsAFileLargerThanTheHeap(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("large.txt");
        long perLine = Files.size(writeLog(dir.resolve("one.txt"), 1));
        long lines = LARGE_FILE_BYTES / perLine + 1;
        writeLog(log, lines);
        assertTrue(Files.size(log) >= LARGE_FILE_BYTES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, SMALL_HEAP, "-cp", System.getProperty("java.class.path"),
                StreamingReadMain.class.getName(), log.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked reader did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("records " + lines + " clicks " + ((lines + 2) / 3), out.trim());
    }

    @Test
    void aMalformedLineReadAheadIsReportedByTheBatchThatHoldsIt(@TempDir Path dir) throws IOException {
        Path log = writeLog(dir.resolve("log.txt"), 30);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        // line 21 (1-based), the fifth record of the third batch of 8: a label that is not 0 or 1
        String[] fields = lines.get(20).split("\t", -1);
        fields[0] = "2";
        lines.set(20, String.join("\t", fields));
        Files.write(log, lines);
        ClickLogFile file = ClickLogFile.scan(log);
        ClickVocabulary v = ClickVocabulary.build(file, 0, 16, 1);
        ClickLogBatches source = new ClickLogBatches(file, null, v, 0, 30, 8);
        Feed feed = source.newFeed();
        assertTrue(source.next(feed));
        assertTrue(source.next(feed), "the batch before the malformed line is served whole");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> source.next(feed));
        assertTrue(e.getMessage().contains("line 21"), e.getMessage());
    }
}

package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LINQS reader: what it reads, what it skips and counts, and the files it refuses. */
class LinqsReaderTest {

    private static final String GOOD_CITES = "a\tb\n";

    private static IllegalArgumentException refuse(String content, String cites) {
        return assertThrows(IllegalArgumentException.class,
                () -> LinqsReader.parse("x", "x.content", content, "x.cites", cites));
    }

    @Test
    void readsIdsFeaturesLabelsAndUndirectedEdges() {
        CitationGraph g = TestGraphs.small();
        assertEquals(List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7"), g.nodeIds());
        assertEquals(List.of("A", "B", "C"), g.classes(), "classes in alphabetical order");
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 2, 2}, g.labels());
        assertEquals(TestGraphs.FEATURES, g.featureCount());
        assertArrayEquals(new int[] {0, 2}, java.util.Arrays.copyOfRange(g.features().columns(), 0, 2),
                "p1 has words 0 and 2");
        assertEquals(1f, g.features().get(3, 3));
        assertEquals(0f, g.features().get(3, 2));
        // p1–p2 (both directions), p2–p3, p3–p5, p5–p6, p1–p4
        assertArrayEquals(new int[] {0, 0, 1, 2, 4}, g.edgeSource());
        assertArrayEquals(new int[] {1, 3, 2, 4, 5}, g.edgeTarget());
        assertEquals(new CitationGraph.DroppedCitations(1, 1), g.dropped());
        assertTrue(g.describe().contains("skipped 1 citation of ids missing from the content file and 1 "
                + "self-citation"), g.describe());
    }

    @Test
    void acceptsSpacesCarriageReturnsAndBlankLines() {
        CitationGraph g = LinqsReader.parse("x", "x.content", "\na 1 0 L\r\n\n  b 0 1 M  \r\n", "x.cites",
                "\r\na b\r\n\n");
        assertEquals(2, g.nodeCount());
        assertEquals(1, g.edgeCount());
    }

    @Test
    void refusesRaggedFeatureRows() {
        IllegalArgumentException e = refuse("a\t1\t0\t1\tL\nb\t1\t0\tL\n", GOOD_CITES);
        assertEquals("x.content line 2 has 2 feature values, but line 1 has 3", e.getMessage());
    }

    @Test
    void refusesNonBinaryFeatures() {
        IllegalArgumentException e = refuse("a\t1\t0\tL\nb\t1\t0.5\tL\n", GOOD_CITES);
        assertEquals("x.content line 2 has feature value '0.5' in field 3, but feature values must be 0 or 1",
                e.getMessage());
    }

    @Test
    void refusesDuplicateIds() {
        IllegalArgumentException e = refuse("a\t1\t0\tL\n\nb\t0\t1\tL\na\t1\t1\tM\n", GOOD_CITES);
        assertEquals("x.content line 4 repeats the paper id 'a' of line 1", e.getMessage());
    }

    @Test
    void refusesMissingLabels() {
        IllegalArgumentException e = refuse("a\t1\t0\t1\tL\nb\t1\t0\t1\n", GOOD_CITES);
        assertTrue(e.getMessage().startsWith("x.content line 2 has no class label"), e.getMessage());
    }

    @Test
    void refusesWrongFieldCounts() {
        assertEquals("x.content line 1 has 2 fields, but a line holds a paper id, its 0/1 feature values and its "
                + "class label", refuse("a\tL\n", GOOD_CITES).getMessage());
        assertEquals("x.cites line 2 has 3 fields, but a citation line holds the cited paper id and the citing "
                + "paper id", refuse("a\t1\tL\nb\t0\tL\n", "a\tb\na\tb\tc\n").getMessage());
        assertEquals("x.cites line 1 has 1 field, but a citation line holds the cited paper id and the citing "
                + "paper id", refuse("a\t1\tL\nb\t0\tL\n", "a\n").getMessage());
    }

    @Test
    void refusesAnEmptyContentFile() {
        assertEquals("x.content holds no papers", refuse("\n\n", GOOD_CITES).getMessage());
    }

    @Test
    void locatesTheFilesOfAFolderAFileOrAStem(@TempDir Path dir) throws IOException {
        LinqsWriter.write(TestGraphs.small(), dir, "small");
        assertEquals("small", LinqsReader.locate(dir).name());
        assertEquals("small", LinqsReader.locate(dir.resolve("small.content")).name());
        assertEquals("small", LinqsReader.locate(dir.resolve("small")).name());
        Files.delete(dir.resolve("small.cites"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinqsReader.locate(dir));
        assertTrue(e.getMessage().contains("small.cites is missing"), e.getMessage());
    }

    @Test
    void refusesAFolderWithoutOrWithSeveralDataSets(@TempDir Path dir) throws IOException {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> LinqsReader.locate(dir));
        assertTrue(none.getMessage().contains("holds no .content file"), none.getMessage());
        Files.writeString(dir.resolve("a.content"), "");
        Files.writeString(dir.resolve("b.content"), "");
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> LinqsReader.locate(dir));
        assertTrue(two.getMessage().contains("several .content files [a.content, b.content]"), two.getMessage());
    }

    @Test
    void writerAndReaderRoundTrip(@TempDir Path dir) throws IOException {
        CitationGraph g = TestGraphs.small();
        LinqsWriter.write(g, dir, "small");
        LinqsReader.Result r = LinqsReader.read(dir);
        CitationGraph back = r.graph();
        assertEquals(g.nodeIds(), back.nodeIds());
        assertEquals(g.classes(), back.classes());
        assertArrayEquals(g.labels(), back.labels());
        assertArrayEquals(g.features().rowStart(), back.features().rowStart());
        assertArrayEquals(g.features().columns(), back.features().columns());
        assertArrayEquals(g.edgeSource(), back.edgeSource());
        assertArrayEquals(g.edgeTarget(), back.edgeTarget());
        assertEquals(CitationGraph.DroppedCitations.NONE, back.dropped());
        assertEquals(2, r.sources().size());
        assertEquals(Files.size(dir.resolve("small.content")), r.sources().get(0).bytes());
    }

    @Test
    void writerRefusesIdsWithBlanks(@TempDir Path dir) {
        CitationGraph g = new CitationGraph("g", List.of("a b", "c"), CsrMatrix.fromDense(new org.ejml.data.FMatrixRMaj(2, 1)),
                new int[] {0, 0}, List.of("L"), new int[0], new int[0], CitationGraph.DroppedCitations.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinqsWriter.write(g, dir, "g"));
        assertEquals("a node id of a LINQS file must be one non-empty word without blanks, got 'a b'", e.getMessage());
    }
}

package org.opudfa.dfa.task.graph;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.opudfa.dfa.io.AtomicFiles;

/**
 * Writes a citation graph in the LINQS format {@link LinqsReader} reads: {@code NAME.content}
 * (id, tab-separated 0/1 features, class label) and {@code NAME.cites} (one line per undirected
 * edge: the id of its smaller-index node, a tab, the id of its larger-index node). Each file is
 * written whole or not at all.
 */
public final class LinqsWriter {

    private LinqsWriter() {
    }

    /**
     * @param graph  the graph; ids and class labels must not contain tabs, spaces or line breaks
     * @param folder where to write; created if missing
     * @param name   the files' stem
     * @return the two files written, content first
     * @throws IllegalArgumentException if an id or label contains a blank
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(CitationGraph graph, Path folder, String name) {
        for (String id : graph.nodeIds()) {
            requireWord("node id", id);
        }
        for (String c : graph.classes()) {
            requireWord("class label", c);
        }
        Path content = folder.resolve(name + ".content");
        Path cites = folder.resolve(name + ".cites");
        AtomicFiles.write(content, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            CsrMatrix x = graph.features();
            int f = x.cols();
            char[] row = new char[2 * f];
            for (int i = 0; i < f; i++) {
                row[2 * i] = '\t';
                row[2 * i + 1] = '0';
            }
            for (int i = 0; i < graph.nodeCount(); i++) {
                for (int e = x.rowStart()[i]; e < x.rowStart()[i + 1]; e++) {
                    row[2 * x.columns()[e] + 1] = x.values()[e] != 0f ? '1' : '0';
                }
                w.write(graph.nodeIds().get(i));
                w.write(row);
                w.write('\t');
                w.write(graph.classes().get(graph.labels()[i]));
                w.write('\n');
                for (int e = x.rowStart()[i]; e < x.rowStart()[i + 1]; e++) {
                    row[2 * x.columns()[e] + 1] = '0';
                }
            }
            w.flush();
        });
        AtomicFiles.write(cites, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            for (int e = 0; e < graph.edgeCount(); e++) {
                w.write(graph.nodeIds().get(graph.edgeSource()[e]));
                w.write('\t');
                w.write(graph.nodeIds().get(graph.edgeTarget()[e]));
                w.write('\n');
            }
            w.flush();
        });
        return List.of(content, cites);
    }

    private static void requireWord(String what, String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("a " + what + " of a LINQS file must be one non-empty word without "
                    + "blanks, got '" + s + "'");
        }
    }
}

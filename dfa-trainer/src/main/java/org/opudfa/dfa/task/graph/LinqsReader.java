package org.opudfa.dfa.task.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.opudfa.dfa.data.IdxReader;
import org.opudfa.dfa.data.SourceFile;

/**
 * Reads a citation graph in the LINQS format that Cora and CiteSeer ship in: two text files,
 * {@code NAME.content} and {@code NAME.cites}.
 *
 * <ul>
 *   <li>{@code NAME.content}: one line per paper, fields separated by tabs or spaces: the paper id,
 *       its binary word-presence features ({@code 0} or {@code 1}, the same number on every line),
 *       and its class label (any word);</li>
 *   <li>{@code NAME.cites}: one line per citation: the cited paper's id, then the citing paper's
 *       id.</li>
 * </ul>
 *
 * <p>The reader is strict about the content file: a line with another number of features than
 * the first, a feature that is not 0 or 1, a repeated id, a line without its label, or with fewer
 * than three fields is refused with one sentence naming the file and line. Citations are
 * undirected edges: a citation in both directions, or repeated, is one edge. A citation naming an
 * id that is not in the content file (real CiteSeer has a few) is skipped and counted, as are
 * self-citations (the models add self-loops themselves); the counts are in
 * {@link CitationGraph#dropped()}. Blank lines are ignored. Classes are numbered in the
 * alphabetical order of their labels.
 */
public final class LinqsReader {

    private LinqsReader() {
    }

    /**
     * The two files of a data set, found from a folder or a path.
     *
     * @param name    the data set's name (the files' common stem)
     * @param content the {@code .content} file
     * @param cites   the {@code .cites} file
     */
    public record Location(String name, Path content, Path cites) {
    }

    /**
     * Finds a data set's files: {@code path} may be a folder holding exactly one
     * {@code NAME.content} (and its {@code NAME.cites}), the {@code .content} file itself, or the
     * common stem ({@code DIR/cora} for {@code DIR/cora.content}).
     *
     * @param path where the data set is
     * @return its files
     * @throws IllegalArgumentException if no data set, or more than one, is found there, or its
     *     {@code .cites} file is missing
     */
    public static Location locate(Path path) {
        Path content;
        if (Files.isDirectory(path)) {
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.content")) {
                for (Path p : dir) {
                    found.add(p);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("could not list the folder " + path + ": " + e.getMessage(), e);
            }
            if (found.isEmpty()) {
                throw new IllegalArgumentException("the folder " + path + " holds no .content file; a LINQS data set "
                        + "is a NAME.content file and a NAME.cites file");
            }
            if (found.size() > 1) {
                TreeSet<String> names = new TreeSet<>();
                found.forEach(p -> names.add(p.getFileName().toString()));
                throw new IllegalArgumentException("the folder " + path + " holds several .content files " + names
                        + "; give the path of the one to read");
            }
            content = found.get(0);
        } else if (path.getFileName() != null && path.getFileName().toString().endsWith(".content")) {
            content = path;
        } else {
            content = path.resolveSibling(path.getFileName() + ".content");
        }
        if (!Files.isRegularFile(content)) {
            throw new IllegalArgumentException("there is no LINQS data set at " + path + ": " + content
                    + " does not exist");
        }
        String file = content.getFileName().toString();
        String stem = file.substring(0, file.length() - ".content".length());
        Path cites = content.resolveSibling(stem + ".cites");
        if (!Files.isRegularFile(cites)) {
            throw new IllegalArgumentException(cites + " is missing: a LINQS data set needs the citations beside "
                    + file);
        }
        return new Location(stem, content, cites);
    }

    /**
     * What was read, and from where.
     *
     * @param graph   the graph
     * @param sources the two files, with their checksums
     */
    public record Result(CitationGraph graph, List<SourceFile> sources) {
    }

    /**
     * Reads the data set at a path ({@link #locate}).
     *
     * @param path a folder, a {@code .content} file or the files' stem
     * @return the graph and its source files
     * @throws IllegalArgumentException if the files are missing or malformed (naming the line)
     * @throws IOException              if a file cannot be read
     */
    public static Result read(Path path) throws IOException {
        Location files = locate(path);
        byte[] content = Files.readAllBytes(files.content());
        byte[] cites = Files.readAllBytes(files.cites());
        CitationGraph graph = parse(files.name(), files.content().getFileName().toString(),
                new String(content, StandardCharsets.UTF_8), files.cites().getFileName().toString(),
                new String(cites, StandardCharsets.UTF_8));
        return new Result(graph, List.of(
                new SourceFile(files.content().toString(), content.length, IdxReader.sha256(content)),
                new SourceFile(files.cites().toString(), cites.length, IdxReader.sha256(cites))));
    }

    /**
     * Parses the two files' text.
     *
     * @param name        the data set's name
     * @param contentName the content file's name, for messages
     * @param content     the content file's text
     * @param citesName   the citation file's name, for messages
     * @param cites       the citation file's text
     * @return the graph
     * @throws IllegalArgumentException if the text is malformed, naming the file and line
     */
    public static CitationGraph parse(String name, String contentName, String content, String citesName,
                                      String cites) {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<Integer> lineOfNode = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        int featureCount = -1;
        int firstLine = 0;
        String[] lines = content.split("\r?\n", -1);
        List<String> fields = new ArrayList<>();
        for (int ln = 0; ln < lines.length; ln++) {
            int lineNo = ln + 1;
            split(lines[ln], fields);
            if (fields.isEmpty()) {
                continue;
            }
            String where = contentName + " line " + lineNo;
            if (fields.size() < 3) {
                throw new IllegalArgumentException(where + " has " + fields.size() + (fields.size() == 1 ? " field" :
                        " fields") + ", but a line holds a paper id, its 0/1 feature values and its class label");
            }
            if (featureCount < 0) {
                featureCount = fields.size() - 2;
                firstLine = lineNo;
            } else if (fields.size() != featureCount + 2) {
                String last = fields.get(fields.size() - 1);
                if (fields.size() == featureCount + 1 && (last.equals("0") || last.equals("1"))) {
                    throw new IllegalArgumentException(where + " has no class label: it ends with a feature value "
                            + "after " + (fields.size() - 1) + " fields, as if the label were missing");
                }
                throw new IllegalArgumentException(where + " has " + (fields.size() - 2) + " feature values, but line "
                        + firstLine + " has " + featureCount);
            }
            String id = fields.get(0);
            Integer earlier = index.putIfAbsent(id, ids.size());
            if (earlier != null) {
                throw new IllegalArgumentException(where + " repeats the paper id '" + shorten(id) + "' of line "
                        + lineOfNode.get(earlier));
            }
            int ones = 0;
            int[] cols = new int[featureCount];
            for (int j = 0; j < featureCount; j++) {
                String f = fields.get(j + 1);
                if (f.equals("1")) {
                    cols[ones++] = j;
                } else if (!f.equals("0")) {
                    throw new IllegalArgumentException(where + " has feature value '" + shorten(f) + "' in field "
                            + (j + 2) + ", but feature values must be 0 or 1");
                }
            }
            ids.add(id);
            lineOfNode.add(lineNo);
            labelNames.add(fields.get(featureCount + 1));
            rows.add(java.util.Arrays.copyOf(cols, ones));
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(contentName + " holds no papers");
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(labelNames));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        int n = ids.size();
        int[] labels = new int[n];
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            labels[i] = classIndex.get(labelNames.get(i));
            start[i + 1] = start[i] + rows.get(i).length;
        }
        int[] columns = new int[start[n]];
        float[] values = new float[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, columns, start[i], rows.get(i).length);
        }
        java.util.Arrays.fill(values, 1f);
        CsrMatrix features = new CsrMatrix(n, featureCount, start, columns, values);

        String[] citeLines = cites.split("\r?\n", -1);
        int[] a = new int[citeLines.length];
        int[] b = new int[citeLines.length];
        int count = 0;
        int missing = 0;
        int self = 0;
        for (int ln = 0; ln < citeLines.length; ln++) {
            split(citeLines[ln], fields);
            if (fields.isEmpty()) {
                continue;
            }
            if (fields.size() != 2) {
                throw new IllegalArgumentException(citesName + " line " + (ln + 1) + " has " + fields.size()
                        + (fields.size() == 1 ? " field" : " fields")
                        + ", but a citation line holds the cited paper id and the citing paper id");
            }
            Integer cited = index.get(fields.get(0));
            Integer citing = index.get(fields.get(1));
            if (cited == null || citing == null) {
                missing++;
            } else if (cited.intValue() == citing.intValue()) {
                self++;
            } else {
                a[count] = cited;
                b[count] = citing;
                count++;
            }
        }
        int[][] edges = CitationGraph.canonicalEdges(count, a, b);
        return new CitationGraph(name, ids, features, labels, classes, edges[0], edges[1],
                new CitationGraph.DroppedCitations(missing, self));
    }

    /** Splits a line at runs of tabs and spaces, dropping leading and trailing ones. */
    private static void split(String line, List<String> out) {
        out.clear();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > from) {
                out.add(line.substring(from, i));
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

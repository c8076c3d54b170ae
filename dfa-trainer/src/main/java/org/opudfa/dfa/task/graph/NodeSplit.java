package org.opudfa.dfa.task.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.rng.UniformRandomProvider;
import org.opudfa.dfa.loss.Labels;

/**
 * Which nodes of a graph are labelled for training, which validate and which test, as the
 * semi-supervised node-classification benchmarks define them. The three sets are disjoint; other
 * nodes are used by the model (their features and edges) but carry no target.
 *
 * @param train       the labelled nodes
 * @param validation  the validation nodes
 * @param test        the test nodes
 * @param description one line, e.g. "standard split: 20 labelled nodes per class, 500 validation, 1000 test"
 */
public record NodeSplit(int[] train, int[] validation, int[] test, String description) {

    /**
     * The standard split of Kipf and Welling's and the Planetoid benchmarks: a seeded random
     * order of the nodes; the first {@code perClass} nodes of each class in that order are the
     * labelled ones, then the next {@code validation} nodes of the order (not labelled) validate
     * and the {@code test} after them test.
     *
     * @param graph      the graph
     * @param perClass   labelled nodes per class, at least 1
     * @param validation validation nodes, at least 1
     * @param test       test nodes, at least 1
     * @param rng        the stream the order is drawn from
     * @return the split
     * @throws IllegalArgumentException if a class has too few nodes, or the graph too few for the
     *     validation and test sets
     */
    public static NodeSplit standard(CitationGraph graph, int perClass, int validation, int test,
                                     UniformRandomProvider rng) {
        if (perClass < 1 || validation < 1 || test < 1) {
            throw new IllegalArgumentException("the standard split needs at least 1 labelled node per class, 1 "
                    + "validation and 1 test node, got " + perClass + ", " + validation + " and " + test);
        }
        int n = graph.nodeCount();
        int[] sizes = graph.classSizes();
        for (int c = 0; c < sizes.length; c++) {
            if (sizes[c] < perClass) {
                throw new IllegalArgumentException("class " + graph.classes().get(c) + " of " + graph.name() + " has "
                        + sizes[c] + " nodes, fewer than the " + perClass + " labelled nodes per class the split asks "
                        + "for; lower trainPerClass");
            }
        }
        int labelled = perClass * sizes.length;
        if (labelled + validation + test > n) {
            throw new IllegalArgumentException(graph.name() + " has " + n + " nodes, fewer than the " + labelled
                    + " labelled, " + validation + " validation and " + test + " test nodes the split asks for; lower "
                    + "validationNodes or testNodes");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] taken = new int[sizes.length];
        boolean[] used = new boolean[n];
        int[] train = new int[labelled];
        int k = 0;
        for (int node : order) {
            int c = graph.labels()[node];
            if (taken[c] < perClass) {
                taken[c]++;
                used[node] = true;
                train[k++] = node;
            }
        }
        int[] val = new int[validation];
        int[] tst = new int[test];
        int v = 0;
        int t = 0;
        for (int node : order) {
            if (used[node]) {
                continue;
            }
            if (v < validation) {
                val[v++] = node;
            } else if (t < test) {
                tst[t++] = node;
            } else {
                break;
            }
        }
        Arrays.sort(train);
        Arrays.sort(val);
        Arrays.sort(tst);
        return new NodeSplit(train, val, tst, "standard split: " + perClass + " labelled nodes per class, "
                + validation + " validation, " + test + " test");
    }

    /**
     * Reads a split file: one node per line, its id and its set ({@code train}, {@code validation}
     * or {@code test}) separated by blanks; nodes not listed belong to no set; blank lines and
     * lines starting with {@code #} are ignored.
     *
     * @param file  the file
     * @param graph the graph whose node ids it names
     * @return the split
     * @throws IllegalArgumentException if a line is malformed, names an unknown node or repeats
     *     one, or a set is empty (naming the file and line)
     * @throws IOException if the file cannot be read
     */
    public static NodeSplit read(Path file, CitationGraph graph) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), graph);
    }

    /**
     * Parses the text of a split file ({@link #read}).
     *
     * @param name  the file's name, for messages
     * @param text  its text
     * @param graph the graph
     * @return the split
     * @throws IllegalArgumentException if the text is malformed
     */
    public static NodeSplit parse(String name, String text, CitationGraph graph) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < graph.nodeCount(); i++) {
            index.put(graph.nodeIds().get(i), i);
        }
        int[] lineOf = new int[graph.nodeCount()];
        List<List<Integer>> sets = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<String> setNames = List.of("train", "validation", "test");
        String[] lines = text.split("\r?\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (ln + 1);
            String[] fields = line.split("[ \t]+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + " has " + fields.length + " fields, but a split line holds "
                        + "a node id and its set (train, validation or test)");
            }
            Integer node = index.get(fields[0]);
            if (node == null) {
                throw new IllegalArgumentException(where + " names node '" + fields[0] + "', which is not in "
                        + graph.name());
            }
            int set = setNames.indexOf(fields[1]);
            if (set < 0) {
                throw new IllegalArgumentException(where + " puts node " + fields[0] + " in set '" + fields[1]
                        + "', but the sets are train, validation and test");
            }
            if (lineOf[node] > 0) {
                throw new IllegalArgumentException(where + " lists node " + fields[0] + " again; it is on line "
                        + lineOf[node]);
            }
            lineOf[node] = ln + 1;
            sets.get(set).add(node);
        }
        for (int s = 0; s < 3; s++) {
            if (sets.get(s).isEmpty()) {
                throw new IllegalArgumentException(name + " puts no node in the " + setNames.get(s) + " set");
            }
        }
        int[][] arrays = new int[3][];
        for (int s = 0; s < 3; s++) {
            arrays[s] = sets.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new NodeSplit(arrays[0], arrays[1], arrays[2], "split from " + name + ": " + arrays[0].length
                + " labelled, " + arrays[1].length + " validation, " + arrays[2].length + " test nodes");
    }

    /**
     * @param graph the graph
     * @param nodes the nodes that carry their class
     * @return one id per node of the graph: the class for {@code nodes}, {@link Labels#IGNORE} for the rest
     */
    public static Labels labels(CitationGraph graph, int[] nodes) {
        int[] ids = new int[graph.nodeCount()];
        Arrays.fill(ids, Labels.IGNORE);
        for (int node : nodes) {
            ids[node] = graph.labels()[node];
        }
        return Labels.of(ids);
    }
}

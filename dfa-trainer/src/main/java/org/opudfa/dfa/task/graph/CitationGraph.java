package org.opudfa.dfa.task.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled graph with node features, as a citation data set holds it (Cora, CiteSeer): nodes
 * with string ids, a binary bag-of-words feature vector and one class each, and undirected edges
 * (a citation in either direction, or both, is one edge; no self-loops).
 *
 * @param name        the data set's name, e.g. {@code "cora"}
 * @param nodeIds     the id of each node, unique, in file order
 * @param features    nodes × features, the binary features (stored entries are 1)
 * @param labels      the class index of each node, in [0, classes)
 * @param classes     the class names, index order
 * @param edgeSource  the smaller node index of each edge
 * @param edgeTarget  the larger node index of each edge; edges sorted by (source, target), unique
 * @param dropped     what the reader skipped from the citation file
 */
public record CitationGraph(String name, List<String> nodeIds, CsrMatrix features, int[] labels, List<String> classes,
                            int[] edgeSource, int[] edgeTarget, DroppedCitations dropped) {

    /**
     * What a reader skipped from a citation file, counted for the data description.
     *
     * @param missingIds  citations naming an id that is not in the content file (real CiteSeer has some)
     * @param selfCitations citations of a paper by itself (the normalised adjacency adds self-loops anyway)
     */
    public record DroppedCitations(int missingIds, int selfCitations) {

        /** Nothing dropped. */
        public static final DroppedCitations NONE = new DroppedCitations(0, 0);

        /** @return e.g. "skipped 5 citations of ids missing from the content file"; empty if none */
        public String describe() {
            StringBuilder s = new StringBuilder();
            if (missingIds > 0) {
                s.append("skipped ").append(missingIds).append(missingIds == 1 ? " citation" : " citations")
                        .append(" of ids missing from the content file");
            }
            if (selfCitations > 0) {
                s.append(s.length() > 0 ? " and " : "skipped ").append(selfCitations)
                        .append(selfCitations == 1 ? " self-citation" : " self-citations");
            }
            return s.toString();
        }
    }

    /**
     * Validates and copies the lists.
     *
     * @param name        the data set's name
     * @param nodeIds     node ids
     * @param features    binary features, one row per node
     * @param labels      class index per node
     * @param classes     class names
     * @param edgeSource  smaller endpoint per edge
     * @param edgeTarget  larger endpoint per edge
     * @param dropped     what was skipped
     * @throws IllegalArgumentException if the parts disagree in size, a label is out of range, or
     *     the edges are not sorted, unique pairs of distinct nodes
     */
    public CitationGraph {
        Objects.requireNonNull(name, "name");
        nodeIds = List.copyOf(nodeIds);
        classes = List.copyOf(classes);
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(dropped, "dropped");
        int n = nodeIds.size();
        if (features.rows() != n || labels.length != n) {
            throw new IllegalArgumentException("a graph of " + n + " nodes needs " + n + " feature rows and labels, got "
                    + features.rows() + " and " + labels.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException("node " + nodeIds.get(i) + " has class " + labels[i]
                        + ", outside the " + classes.size() + " classes");
            }
        }
        if (edgeSource.length != edgeTarget.length) {
            throw new IllegalArgumentException("each edge needs a source and a target, got " + edgeSource.length
                    + " sources and " + edgeTarget.length + " targets");
        }
        for (int e = 0; e < edgeSource.length; e++) {
            int u = edgeSource[e];
            int v = edgeTarget[e];
            if (u < 0 || v >= n || u >= v) {
                throw new IllegalArgumentException("edge " + e + " must join two distinct nodes of the " + n
                        + ", smaller index first, got (" + u + ", " + v + ")");
            }
            if (e > 0 && (u < edgeSource[e - 1] || (u == edgeSource[e - 1] && v <= edgeTarget[e - 1]))) {
                throw new IllegalArgumentException("edges must be sorted and unique, but edge " + e + " (" + u + ", "
                        + v + ") follows (" + edgeSource[e - 1] + ", " + edgeTarget[e - 1] + ")");
            }
        }
    }

    /**
     * Sorts and deduplicates undirected edges given in any order and direction.
     *
     * @param count how many edges of the arrays to take
     * @param a     one endpoint per edge
     * @param b     the other endpoint per edge, different from {@code a}
     * @return {@code {sources, targets}}, sorted by (source, target), source < target, unique
     */
    public static int[][] canonicalEdges(int count, int[] a, int[] b) {
        long[] keys = new long[count];
        for (int e = 0; e < count; e++) {
            int u = Math.min(a[e], b[e]);
            int v = Math.max(a[e], b[e]);
            keys[e] = ((long) u << 32) | v;
        }
        Arrays.sort(keys);
        int unique = 0;
        for (int e = 0; e < count; e++) {
            if (e == 0 || keys[e] != keys[e - 1]) {
                keys[unique++] = keys[e];
            }
        }
        int[] s = new int[unique];
        int[] t = new int[unique];
        for (int e = 0; e < unique; e++) {
            s[e] = (int) (keys[e] >>> 32);
            t[e] = (int) keys[e];
        }
        return new int[][] {s, t};
    }

    /** @return the number of nodes */
    public int nodeCount() {
        return nodeIds.size();
    }

    /** @return the number of features per node */
    public int featureCount() {
        return features.cols();
    }

    /** @return the number of classes */
    public int classCount() {
        return classes.size();
    }

    /** @return the number of undirected edges */
    public int edgeCount() {
        return edgeSource.length;
    }

    /** @return the number of edges of each node */
    public int[] degrees() {
        int[] d = new int[nodeCount()];
        for (int e = 0; e < edgeSource.length; e++) {
            d[edgeSource[e]]++;
            d[edgeTarget[e]]++;
        }
        return d;
    }

    /** @return the number of nodes of each class */
    public int[] classSizes() {
        int[] s = new int[classCount()];
        for (int y : labels) {
            s[y]++;
        }
        return s;
    }

    /** @return the edge homophily: the fraction of edges whose two nodes share their class (NaN without edges) */
    public double edgeHomophily() {
        int same = 0;
        for (int e = 0; e < edgeSource.length; e++) {
            same += labels[edgeSource[e]] == labels[edgeTarget[e]] ? 1 : 0;
        }
        return edgeSource.length == 0 ? Double.NaN : (double) same / edgeSource.length;
    }

    /**
     * @return the symmetric 0/1 adjacency pattern, nodes × nodes, without self-loops
     */
    public CsrMatrix adjacency() {
        int m = edgeSource.length;
        int[] r = new int[2 * m];
        int[] c = new int[2 * m];
        float[] v = new float[2 * m];
        for (int e = 0; e < m; e++) {
            r[2 * e] = edgeSource[e];
            c[2 * e] = edgeTarget[e];
            r[2 * e + 1] = edgeTarget[e];
            c[2 * e + 1] = edgeSource[e];
            v[2 * e] = 1f;
            v[2 * e + 1] = 1f;
        }
        return CsrMatrix.fromEntries(nodeCount(), nodeCount(), 2 * m, r, c, v);
    }

    /**
     * @param sources the smaller endpoints of a subset of the edges
     * @param targets the larger endpoints
     * @return this graph with only those edges (node ids, features and labels unchanged)
     */
    public CitationGraph withEdges(int[] sources, int[] targets) {
        int[][] e = canonicalEdges(sources.length, sources, targets);
        return new CitationGraph(name, nodeIds, features, labels, classes, e[0], e[1], dropped);
    }

    /** @return one line: name, nodes, edges, features, classes and anything skipped */
    public String describe() {
        String skipped = dropped.describe();
        return name + ": " + nodeCount() + " nodes, " + edgeCount() + " edges, " + featureCount() + " features, "
                + classCount() + " classes" + (skipped.isEmpty() ? "" : "; " + skipped);
    }
}

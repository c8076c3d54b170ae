package org.opudfa.dfa.task.graph;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * The edge split of link prediction (Kipf and Welling's graph autoencoder): the undirected edges
 * are shuffled; a fraction is held out for validation and another for testing, each with as many
 * sampled non-edges (pairs of distinct nodes joined by no edge of the whole graph), and the rest
 * are the training graph the encoder propagates over and the positives it learns from.
 *
 * @param trainGraph       the graph with the training edges only
 * @param validationPairs  held-out validation edges, then as many non-edges
 * @param validationLabels 1 for an edge, 0 for a non-edge, one row per validation pair
 * @param testPairs        held-out test edges, then as many non-edges
 * @param testLabels       1 for an edge, 0 for a non-edge, one row per test pair
 * @param description      one line, e.g. "edges split 85/5/10: 4590 training, 270 validation, 540 test, with as
 *                         many sampled non-edges"
 */
public record LinkSplit(CitationGraph trainGraph, NodePairs validationPairs, FMatrixRMaj validationLabels,
                        NodePairs testPairs, FMatrixRMaj testLabels, String description) {

    /**
     * @param graph              the whole graph
     * @param validationFraction the fraction of edges held out for validation, rounded down
     * @param testFraction       the fraction held out for testing, rounded down
     * @param rng                the stream that shuffles the edges and draws the non-edges
     * @return the split
     * @throws IllegalArgumentException if a held-out set would be empty, the fractions leave no
     *     training edge, or the graph has too few non-edges
     */
    public static LinkSplit of(CitationGraph graph, double validationFraction, double testFraction,
                               UniformRandomProvider rng) {
        int m = graph.edgeCount();
        int validation = (int) Math.floor(m * validationFraction);
        int test = (int) Math.floor(m * testFraction);
        if (validation < 1 || test < 1 || validation + test >= m) {
            throw new IllegalArgumentException("holding out " + validationFraction + " and " + testFraction + " of the "
                    + m + " edges of " + graph.name() + " leaves " + validation + " validation, " + test + " test and "
                    + (m - validation - test) + " training edges; each needs at least 1");
        }
        int n = graph.nodeCount();
        long nonEdges = (long) n * (n - 1) / 2 - m;
        if (nonEdges < validation + test) {
            throw new IllegalArgumentException(graph.name() + " has " + nonEdges + " unlinked pairs, fewer than the "
                    + (validation + test) + " non-edges the held-out sets need");
        }
        int[] order = new int[m];
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        for (int e = m - 1; e > 0; e--) {
            int j = rng.nextInt(e + 1);
            int t = order[e];
            order[e] = order[j];
            order[j] = t;
        }
        int[] s = graph.edgeSource();
        int[] t = graph.edgeTarget();
        PairSet all = new PairSet(m + validation + test);
        for (int e = 0; e < m; e++) {
            all.add(s[e], t[e]);
        }
        NodePairs testPairs = new NodePairs(2 * test);
        NodePairs validationPairs = new NodePairs(2 * validation);
        FMatrixRMaj testLabels = heldOut(order, 0, test, s, t, testPairs);
        FMatrixRMaj validationLabels = heldOut(order, test, validation, s, t, validationPairs);
        // non-edges: drawn into the same set, so that no pair is drawn twice
        drawNonEdges(n, test, all, testPairs, test, rng);
        drawNonEdges(n, validation, all, validationPairs, validation, rng);
        int train = m - validation - test;
        int[] ts = new int[train];
        int[] tt = new int[train];
        for (int k = 0; k < train; k++) {
            int e = order[validation + test + k];
            ts[k] = s[e];
            tt[k] = t[e];
        }
        String description = String.format(java.util.Locale.ROOT,
                "edges split %.0f/%.0f/%.0f: %d training, %d validation, %d test, with as many sampled non-edges",
                100 * (1 - validationFraction - testFraction), 100 * validationFraction, 100 * testFraction, train,
                validation, test);
        return new LinkSplit(graph.withEdges(ts, tt), validationPairs, validationLabels, testPairs, testLabels,
                description);
    }

    /** The held-out edges order[from .. from+count) as the first pairs, labels 1 for them and 0 for the rest. */
    private static FMatrixRMaj heldOut(int[] order, int from, int count, int[] s, int[] t, NodePairs pairs) {
        pairs.resize(2 * count);
        FMatrixRMaj labels = new FMatrixRMaj(2 * count, 1);
        for (int k = 0; k < count; k++) {
            int e = order[from + k];
            pairs.first()[k] = s[e];
            pairs.second()[k] = t[e];
            labels.data[k] = 1f;
        }
        return labels;
    }

    /**
     * Draws {@code count} distinct pairs of distinct nodes outside {@code excluded} (and adds them
     * to it) into {@code pairs} from position {@code at}, smaller node first.
     */
    static void drawNonEdges(int nodes, int count, PairSet excluded, NodePairs pairs, int at,
                             UniformRandomProvider rng) {
        int k = 0;
        while (k < count) {
            int u = rng.nextInt(nodes);
            int v = rng.nextInt(nodes);
            if (u == v) {
                continue;
            }
            int a = Math.min(u, v);
            int b = Math.max(u, v);
            if (excluded.add(a, b)) {
                pairs.first()[at + k] = a;
                pairs.second()[at + k] = b;
                k++;
            }
        }
    }
}

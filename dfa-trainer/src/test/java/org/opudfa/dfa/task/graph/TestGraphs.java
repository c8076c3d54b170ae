package org.opudfa.dfa.task.graph;

/**
 * A small citation graph in LINQS text with the awkward cases graph layers must handle: a node
 * without features (p3), an isolated node (p7), a self-citation (p4 cites itself; dropped, the
 * operators add self-loops), a citation in both directions (p1–p2), and a citation of an id that
 * is not in the content file (p99).
 */
final class TestGraphs {

    /** Features per paper. */
    static final int FEATURES = 5;

    static final String CONTENT = String.join("\n",
            "p1\t1\t0\t1\t0\t0\tA",
            "p2\t0\t1\t0\t0\t1\tB",
            "p3\t0\t0\t0\t0\t0\tA",
            "p4\t1\t1\t0\t1\t0\tB",
            "p5\t0\t0\t1\t1\t1\tA",
            "p6\t1\t0\t0\t0\t1\tC",
            "p7\t0\t1\t1\t0\t0\tC",
            "");

    static final String CITES = String.join("\n",
            "p1\tp2",
            "p2\tp1",
            "p2\tp3",
            "p4\tp4",
            "p3\tp5",
            "p5\tp6",
            "p4\tp1",
            "p6\tp99",
            "");

    private TestGraphs() {
    }

    /** @return the graph: 7 nodes, 5 edges, 3 classes */
    static CitationGraph small() {
        return LinqsReader.parse("small", "small.content", CONTENT, "small.cites", CITES);
    }
}

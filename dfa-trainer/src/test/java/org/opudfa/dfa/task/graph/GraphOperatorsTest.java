package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The normalised operators against their formulas on the small graph. */
class GraphOperatorsTest {

    private static final float TOLERANCE = 1e-6f;
    private final CitationGraph graph = TestGraphs.small();

    @Test
    void gcnPropagationIsSymmetricallyNormalisedWithSelfLoops() {
        CsrMatrix a = GraphOperators.gcnPropagation(graph.adjacency());
        int[] d = graph.degrees();
        // p1 (index 0) has neighbours p2, p4: d̃ = 3; p2 has p1, p3: d̃ = 3
        assertEquals(1f / 3, a.get(0, 0), TOLERANCE);
        assertEquals(1f / (float) Math.sqrt(3 * 3), a.get(0, 1), TOLERANCE);
        assertEquals(1f / (float) Math.sqrt((d[0] + 1) * (d[3] + 1)), a.get(3, 0), TOLERANCE);
        assertEquals(1f, a.get(6, 6), TOLERANCE, "the isolated node keeps itself");
        assertEquals(0f, a.get(0, 2), TOLERANCE);
    }

    @Test
    void chebyshevLaplacianIsMinusTheNormalisedAdjacency() {
        CsrMatrix l = GraphOperators.chebyshevLaplacian(graph.adjacency());
        assertEquals(-1f / (float) Math.sqrt(2 * 2), l.get(0, 1), TOLERANCE);
        assertEquals(0f, l.get(0, 0), TOLERANCE);
        assertEquals(0, l.rowLength(6), "the isolated node has a zero row");
    }

    @Test
    void neighbourhoodsAreTheNodeAndItsNeighbours() {
        CsrMatrix n = GraphOperators.neighbourhoods(graph.adjacency());
        assertEquals(3, n.rowLength(0));
        assertEquals(1, n.rowLength(6));
        assertEquals(1f, n.get(6, 6));
    }

    @Test
    void rowNormalisationDividesByTheRowSumAndLeavesEmptyRows() {
        CsrMatrix x = GraphOperators.rowNormalised(graph.features());
        assertEquals(0.5f, x.get(0, 0), TOLERANCE);
        assertEquals(1f / 3, x.get(3, 1), TOLERANCE);
        assertEquals(0, x.rowLength(2));
    }
}

package org.opudfa.dfa.task.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Zachary's karate club, a small real social network built in: 34 members of a university karate
 * club and the 78 pairs of members who interacted outside the club, observed before the club split
 * in two over a dispute between its instructor ("Mr. Hi", member 1) and its administrator (the
 * "Officer", member 34). Each member's class is the faction whose club they joined after the split.
 *
 * <p>Source: W. W. Zachary, "An information flow model for conflict and fission in small groups",
 * Journal of Anthropological Research 33(4):452–473, 1977 — the unweighted interaction matrix of
 * the paper (its 78 ties) and the membership after the fission. Members keep the paper's
 * numbering, 1 to 34, as their ids. There are no node features: each member's feature vector is
 * its one-hot identity (34 features), as in Kipf and Welling's semi-supervised karate example.
 */
public final class KarateClub {

    /** The number of members. */
    public static final int MEMBERS = 34;

    /**
     * The 78 ties, as pairs of member numbers (1-based, as in the paper), the larger first, listed by
     * the larger number.
     */
    private static final int[][] TIES = {
        {2, 1},
        {3, 1}, {3, 2},
        {4, 1}, {4, 2}, {4, 3},
        {5, 1},
        {6, 1},
        {7, 1}, {7, 5}, {7, 6},
        {8, 1}, {8, 2}, {8, 3}, {8, 4},
        {9, 1}, {9, 3},
        {10, 3},
        {11, 1}, {11, 5}, {11, 6},
        {12, 1},
        {13, 1}, {13, 4},
        {14, 1}, {14, 2}, {14, 3}, {14, 4},
        {17, 6}, {17, 7},
        {18, 1}, {18, 2},
        {20, 1}, {20, 2},
        {22, 1}, {22, 2},
        {26, 24}, {26, 25},
        {28, 3}, {28, 24}, {28, 25},
        {29, 3},
        {30, 24}, {30, 27},
        {31, 2}, {31, 9},
        {32, 1}, {32, 25}, {32, 26}, {32, 29},
        {33, 3}, {33, 9}, {33, 15}, {33, 16}, {33, 19}, {33, 21}, {33, 23}, {33, 24}, {33, 30}, {33, 31},
        {33, 32},
        {34, 9}, {34, 10}, {34, 14}, {34, 15}, {34, 16}, {34, 19}, {34, 20}, {34, 21}, {34, 23}, {34, 24},
        {34, 27}, {34, 28}, {34, 29}, {34, 30}, {34, 31}, {34, 32}, {34, 33},
    };

    /** The members (1-based) who joined the instructor's club; all others joined the officer's. */
    private static final int[] INSTRUCTOR_FACTION = {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 17, 18, 20, 22};

    /** The class names, in index order: the instructor's faction, then the officer's. */
    public static final List<String> FACTIONS = List.of("Mr_Hi", "Officer");

    private KarateClub() {
    }

    /** @return the graph: 34 nodes with ids "1" to "34", identity features, 78 edges, 2 classes */
    public static CitationGraph graph() {
        List<String> ids = new ArrayList<>();
        int[] labels = new int[MEMBERS];
        java.util.Arrays.fill(labels, 1);
        for (int m : INSTRUCTOR_FACTION) {
            labels[m - 1] = 0;
        }
        int[] start = new int[MEMBERS + 1];
        int[] columns = new int[MEMBERS];
        float[] values = new float[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            ids.add(Integer.toString(i + 1));
            start[i + 1] = i + 1;
            columns[i] = i;
            values[i] = 1f;
        }
        int[] a = new int[TIES.length];
        int[] b = new int[TIES.length];
        for (int e = 0; e < TIES.length; e++) {
            a[e] = TIES[e][0] - 1;
            b[e] = TIES[e][1] - 1;
        }
        int[][] edges = CitationGraph.canonicalEdges(TIES.length, a, b);
        return new CitationGraph("karate", ids, new CsrMatrix(MEMBERS, MEMBERS, start, columns, values), labels,
                FACTIONS, edges[0], edges[1], CitationGraph.DroppedCitations.NONE);
    }
}

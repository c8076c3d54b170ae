package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Zachary's karate club as the paper reports it. */
class KarateClubTest {

    /** The members' degrees, member 1 first, as counted from the paper's matrix. */
    private static final int[] DEGREES = {16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3,
        3, 2, 4, 3, 4, 4, 6, 12, 17};

    @Test
    void has34Members78TiesAndTwoFactionsOf17() {
        CitationGraph g = KarateClub.graph();
        assertEquals(34, g.nodeCount());
        assertEquals(78, g.edgeCount());
        assertArrayEquals(DEGREES, g.degrees());
        assertArrayEquals(new int[] {17, 17}, g.classSizes());
        assertEquals(0, g.labels()[0], "the instructor, member 1, leads his faction");
        assertEquals(1, g.labels()[33], "the officer, member 34, leads the other");
        assertEquals(34, g.featureCount(), "identity features");
        assertEquals(34, g.features().nonZeros());
    }
}

package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.opu.rng.RandomStreams;

/** The standard split and split files. */
class NodeSplitTest {

    private static final CitationGraph CORA_LIKE = CitationGraphGenerator.coraLike().generate("g", 1);

    @Test
    void standardSplitTakes20PerClass500And1000DisjointNodes() {
        NodeSplit s = NodeSplit.standard(CORA_LIKE, 20, 500, 1000, RandomStreams.of(7).stream("data.split"));
        assertEquals(140, s.train().length);
        assertEquals(500, s.validation().length);
        assertEquals(1000, s.test().length);
        int[] perClass = new int[CORA_LIKE.classCount()];
        for (int n : s.train()) {
            perClass[CORA_LIKE.labels()[n]]++;
        }
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20}, perClass);
        Set<Integer> all = new HashSet<>();
        for (int[] set : new int[][] {s.train(), s.validation(), s.test()}) {
            for (int n : set) {
                assertTrue(all.add(n), "node " + n + " in two sets");
            }
        }
    }

    @Test
    void theSplitIsSeeded() {
        NodeSplit a = NodeSplit.standard(CORA_LIKE, 20, 500, 1000, RandomStreams.of(7).stream("data.split"));
        NodeSplit b = NodeSplit.standard(CORA_LIKE, 20, 500, 1000, RandomStreams.of(7).stream("data.split"));
        NodeSplit c = NodeSplit.standard(CORA_LIKE, 20, 500, 1000, RandomStreams.of(8).stream("data.split"));
        assertArrayEquals(a.test(), b.test());
        assertTrue(!java.util.Arrays.equals(a.test(), c.test()));
    }

    @Test
    void refusesASplitLargerThanTheGraph() {
        CitationGraph karate = KarateClub.graph();
        assertEquals("class Mr_Hi of karate has 17 nodes, fewer than the 20 labelled nodes per class the split asks "
                + "for; lower trainPerClass", assertThrows(IllegalArgumentException.class,
                        () -> NodeSplit.standard(karate, 20, 5, 5, RandomStreams.of(1).stream("s"))).getMessage());
        assertEquals("karate has 34 nodes, fewer than the 4 labelled, 10 validation and 30 test nodes the split asks "
                + "for; lower validationNodes or testNodes", assertThrows(IllegalArgumentException.class,
                        () -> NodeSplit.standard(karate, 2, 10, 30, RandomStreams.of(1).stream("s"))).getMessage());
    }

    @Test
    void labelsIgnoreTheNodesOutsideTheSet() {
        Labels l = NodeSplit.labels(TestGraphs.small(), new int[] {1, 5});
        assertEquals(7, l.size());
        assertEquals(Labels.IGNORE, l.get(0));
        assertEquals(1, l.get(1));
        assertEquals(2, l.get(5));
    }

    @Test
    void readsASplitFile() {
        NodeSplit s = NodeSplit.parse("s.txt", "# a comment\np1 train\np2\ttrain\n\np5 validation\np7 test\np3 test\n",
                TestGraphs.small());
        assertArrayEquals(new int[] {0, 1}, s.train());
        assertArrayEquals(new int[] {4}, s.validation());
        assertArrayEquals(new int[] {2, 6}, s.test());
    }

    @Test
    void refusesMalformedSplitFiles() {
        CitationGraph g = TestGraphs.small();
        assertEquals("s.txt line 2 names node 'p9', which is not in small", assertThrows(IllegalArgumentException.class,
                () -> NodeSplit.parse("s.txt", "p1 train\np9 test\n", g)).getMessage());
        assertEquals("s.txt line 3 lists node p1 again; it is on line 1", assertThrows(IllegalArgumentException.class,
                () -> NodeSplit.parse("s.txt", "p1 train\np2 test\np1 validation\n", g)).getMessage());
        assertEquals("s.txt line 1 puts node p1 in set 'val', but the sets are train, validation and test",
                assertThrows(IllegalArgumentException.class, () -> NodeSplit.parse("s.txt", "p1 val\n", g))
                        .getMessage());
        assertEquals("s.txt line 1 has 3 fields, but a split line holds a node id and its set (train, validation or "
                + "test)", assertThrows(IllegalArgumentException.class,
                        () -> NodeSplit.parse("s.txt", "p1 train x\n", g)).getMessage());
        assertEquals("s.txt puts no node in the validation set", assertThrows(IllegalArgumentException.class,
                () -> NodeSplit.parse("s.txt", "p1 train\np2 test\n", g)).getMessage());
    }
}

package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.opudfa.dfa.data.MiniBatches;
import org.opudfa.dfa.nn.Feed;
import org.opudfa.opu.rng.RandomStreams;

/** The 85/5/10 edge split and the per-epoch non-edges of link prediction. */
class LinkSplitTest {

    private static final CitationGraph GRAPH = CitationGraphGenerator.coraLike().generate("g", 2);

    private static Set<Long> edges(CitationGraph g) {
        Set<Long> s = new HashSet<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            s.add(((long) g.edgeSource()[e] << 32) | g.edgeTarget()[e]);
        }
        return s;
    }

    private static long key(int u, int v) {
        return ((long) Math.min(u, v) << 32) | Math.max(u, v);
    }

    @Test
    void holdsOutFivePercentForValidationAndTenForTestWithAsManyNonEdges() {
        LinkSplit s = LinkSplit.of(GRAPH, 0.05, 0.10, RandomStreams.of(1).stream("data.split"));
        assertEquals(270, s.validationPairs().size() / 2);
        assertEquals(540, s.testPairs().size() / 2);
        assertEquals(5400 - 270 - 540, s.trainGraph().edgeCount());
        Set<Long> all = edges(GRAPH);
        Set<Long> train = edges(s.trainGraph());
        Set<Long> seen = new HashSet<>(train);
        for (NodePairs p : new NodePairs[] {s.validationPairs(), s.testPairs()}) {
            int half = p.size() / 2;
            for (int k = 0; k < p.size(); k++) {
                long key = key(p.first()[k], p.second()[k]);
                assertTrue(seen.add(key), "every pair appears once across the sets");
                assertEquals(k < half, all.contains(key), "held-out edges first, then non-edges of the whole graph");
                assertTrue(p.first()[k] != p.second()[k]);
            }
        }
        assertEquals(1f, s.testLabels().get(0, 0));
        assertEquals(0f, s.testLabels().get(s.testPairs().size() - 1, 0));
    }

    @Test
    void refusesFractionsThatLeaveASetEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkSplit.of(TestGraphs.small(), 0.05, 0.1, RandomStreams.of(1).stream("s")));
        assertTrue(e.getMessage().contains("leaves 0 validation, 0 test and 5 training edges"), e.getMessage());
    }

    @Test
    void eachEpochDrawsFreshNonEdgesOfTheTrainingGraphAndResumesExactly() {
        LinkSplit s = LinkSplit.of(GRAPH, 0.05, 0.10, RandomStreams.of(1).stream("data.split"));
        GraphInputs inputs = GraphInputs.of(s.trainGraph());
        RestorableUniformRandomProvider rng = RandomStreams.of(1).stream("data.negatives");
        LinkBatches source = LinkBatches.training(inputs, rng);
        Feed feed = source.newFeed();
        NodePairs pairs = feed.get(GraphKeys.PAIRS);
        int m = s.trainGraph().edgeCount();
        Set<Long> train = edges(s.trainGraph());

        assertTrue(source.next(feed));
        assertEquals(2 * m, pairs.size());
        Set<Long> negatives = new HashSet<>();
        for (int k = m; k < 2 * m; k++) {
            long key = key(pairs.first()[k], pairs.second()[k]);
            assertFalse(train.contains(key), "a non-edge is no training edge");
            assertTrue(negatives.add(key), "no repeat within an epoch");
        }
        assertEquals(1f, feed.get(GraphKeys.PAIR_LABELS).get(0, 0));
        assertEquals(0f, feed.get(GraphKeys.PAIR_LABELS).get(2 * m - 1, 0));
        assertFalse(source.next(feed), "one batch per epoch");

        MiniBatches.State state = source.saveState();
        assertTrue(source.next(feed));
        int[] second = java.util.Arrays.copyOf(pairs.second(), 2 * m);
        LinkBatches resumed = LinkBatches.training(inputs, RandomStreams.of(99).stream("other"));
        resumed.restoreState(state);
        Feed other = resumed.newFeed();
        assertTrue(resumed.next(other));
        assertArrayEquals(second, java.util.Arrays.copyOf(other.get(GraphKeys.PAIRS).second(), 2 * m));
    }
}

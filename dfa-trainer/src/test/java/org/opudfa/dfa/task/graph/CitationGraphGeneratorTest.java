package org.opudfa.dfa.task.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The generator is reproducible and its graphs have the statistics its parameters set. Bounds on
 * sampled statistics are 4 standard deviations of the sampling distribution (a false failure
 * about once in 16 000 seeds; the seeds are fixed, so a pass is a pass).
 */
class CitationGraphGeneratorTest {

    private static final long SEED = 3;
    private static final double SIGMAS = 4;

    @Test
    void theSameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        CitationGraphGenerator gen = CitationGraphGenerator.coraLike();
        CitationGraph a = gen.generate("g", SEED);
        CitationGraph b = gen.generate("g", SEED);
        CitationGraph c = gen.generate("g", SEED + 1);
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.edgeSource(), b.edgeSource());
        assertArrayEquals(a.edgeTarget(), b.edgeTarget());
        assertArrayEquals(a.features().columns(), b.features().columns());
        assertFalse(Arrays.equals(a.edgeTarget(), c.edgeTarget()));
        assertFalse(Arrays.equals(a.features().columns(), c.features().columns()));
    }

    @Test
    void changingTheFeaturesDoesNotMoveTheEdges() {
        CitationGraphGenerator gen = CitationGraphGenerator.coraLike();
        CitationGraphGenerator moreWords = new CitationGraphGenerator(gen.nodes(), gen.classes(), gen.features(),
                gen.edges(), gen.homophily(), gen.degreeExponent(), gen.classSizeRatio(), 30, gen.topicWords(), 0.5);
        assertArrayEquals(gen.generate("g", SEED).edgeTarget(), moreWords.generate("g", SEED).edgeTarget());
    }

    @Test
    void coraLikeDefaultsGiveCorasSizes() {
        CitationGraph g = CitationGraphGenerator.coraLike().generate("g", SEED);
        assertEquals(2708, g.nodeCount());
        assertEquals(7, g.classCount());
        assertEquals(1433, g.featureCount());
        assertEquals(5400, g.edgeCount());
        int[] sizes = g.classSizes();
        assertEquals(2708, Arrays.stream(sizes).sum());
        assertEquals(4.5, (double) sizes[0] / sizes[6], 0.05, "largest over smallest class: " + Arrays.toString(sizes));
        assertEquals(0, Arrays.stream(g.degrees()).filter(d -> d == 0).count(), "no isolated node");
    }

    @Test
    void edgeHomophilyIsTheParameter() {
        for (double h : new double[] {0.1, 0.5, 0.9}) {
            CitationGraph g = CitationGraphGenerator.coraLike().withHomophily(h).generate("g", SEED);
            double sd = Math.sqrt(h * (1 - h) / g.edgeCount());
            // redrawing repeated edges favours the larger pool of partners (other classes) a little
            double redrawBias = 0.01;
            assertEquals(h, g.edgeHomophily(), SIGMAS * sd + redrawBias, "homophily " + h);
        }
    }

    @Test
    void wordsPerNodeAndTopicFractionAreTheParameters() {
        CitationGraphGenerator gen = new CitationGraphGenerator(3000, 5, 2000, 6000, 0.8, 2.5, 2, 12, 50, 0.4);
        CitationGraph g = gen.generate("g", SEED);
        double mean = (double) g.features().nonZeros() / g.nodeCount();
        // Poisson(12) lengths, floored at 1: mean 12, standard deviation √12 per node
        assertEquals(12, mean, SIGMAS * Math.sqrt(12.0 / g.nodeCount()));
        // a word is from the node's topic with probability s, or hits the topic by chance with
        // probability (1 − s)·T/F; repeats are redrawn, which favours the large vocabulary a little
        int[][] topicHits = topicHits(g, gen);
        double fraction = (double) topicHits[0][0] / topicHits[0][1];
        double expected = 0.4 + 0.6 * 50.0 / 2000;
        assertEquals(expected, fraction, 0.02, "fraction of words in the node's topic");
    }

    /** Counts words in the most frequent words of each class (its topic) over all words. */
    private static int[][] topicHits(CitationGraph g, CitationGraphGenerator gen) {
        int[][] counts = new int[g.classCount()][g.featureCount()];
        CsrMatrix x = g.features();
        for (int i = 0; i < g.nodeCount(); i++) {
            for (int e = x.rowStart()[i]; e < x.rowStart()[i + 1]; e++) {
                counts[g.labels()[i]][x.columns()[e]]++;
            }
        }
        int in = 0;
        int all = 0;
        for (int c = 0; c < g.classCount(); c++) {
            int[] sorted = counts[c].clone();
            Arrays.sort(sorted);
            int threshold = sorted[sorted.length - gen.topicWords()];
            for (int w = 0; w < g.featureCount(); w++) {
                all += counts[c][w];
                in += counts[c][w] >= threshold ? counts[c][w] : 0;
            }
        }
        return new int[][] {{in, all}};
    }

    @Test
    void degreesHaveAHeavyTail() {
        CitationGraph g = CitationGraphGenerator.coraLike().generate("g", SEED);
        int[] d = g.degrees();
        double mean = 2.0 * g.edgeCount() / g.nodeCount();
        int max = Arrays.stream(d).max().getAsInt();
        // Pareto propensities of tail exponent 2 (degree exponent 3): the largest of 2708 is some 50
        // times the smallest, and the best connected node gets some 40 times the mean degree
        assertTrue(max > 20 * mean, "largest degree " + max + " against a mean of " + mean);
    }

    @Test
    void refusesParametersOutOfRange() {
        assertEquals("edges must be between the 100 nodes (every node gets an edge) and 4950 (every pair), got 50",
                assertThrows(IllegalArgumentException.class,
                        () -> new CitationGraphGenerator(100, 2, 10, 50, 0.5, 2.5, 1, 3, 5, 0.5)).getMessage());
        assertEquals("homophily must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new CitationGraphGenerator(100, 2, 10, 200, 1.5, 2.5, 1, 3, 5, 0.5)).getMessage());
        assertEquals("degreeExponent must be in (2, 10], got 2.0", assertThrows(IllegalArgumentException.class,
                () -> new CitationGraphGenerator(100, 2, 10, 200, 0.5, 2, 1, 3, 5, 0.5)).getMessage());
        assertEquals("topicWords must be between 1 and the 10 features, got 11",
                assertThrows(IllegalArgumentException.class,
                        () -> new CitationGraphGenerator(100, 2, 10, 200, 0.5, 2.5, 1, 3, 11, 0.5)).getMessage());
    }

    @Test
    void refusesEdgesThatCannotBePlaced() {
        // 4 nodes in 2 classes of 2: at most 2 edges within classes, but 6 asked at homophily 1
        CitationGraphGenerator gen = new CitationGraphGenerator(4, 2, 3, 6, 1.0, 2.5, 1, 1, 1, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gen.generate("g", SEED));
        assertTrue(e.getMessage().startsWith("could not place 6 distinct edges with homophily 1.0"), e.getMessage());
    }
}

package org.opudfa.dfa.task.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.opudfa.opu.rng.RandomStreams;

/**
 * Generates citation-like graphs from a contextual stochastic block model: nodes in classes,
 * edges that join nodes of the same class with a set probability (the homophily) and otherwise
 * nodes of other classes, node degrees with a power-law tail, and sparse binary bag-of-words
 * features that depend on the class. The default parameters mimic Cora's statistics (2,708
 * papers, 7 classes of unequal size, 1,433 words, about 5,400 citations, about 18 words per paper)
 * and its difficulty, so that the node-classification and link-prediction tasks can run where
 * Cora cannot be downloaded, and their difficulty can be dialled (homophily). The default
 * homophily, 0.7, is below Cora's measured edge homophily (0.81): it was chosen, with the topic
 * fraction, so that the standard split gives about Cora's accuracies — a classifier of the
 * features alone about 60% (an MLP on Cora: 57–59%), a GCN 82–85% (Cora: 81%). With h = 0.81
 * the generated graph is easier than Cora (GCN near 88%).
 *
 * <p>The model, for parameters N nodes, C classes, F features, E edges, homophily h, degree
 * exponent γ, class-size ratio r, L words per node, T topic words per class and topic fraction s:
 * <ol>
 *   <li>Classes: class c gets a share of the nodes proportional to {@code r^(−c/(C−1))} (the
 *       largest class is r times the smallest), rounded to whole nodes; nodes are assigned to
 *       classes in a random order.</li>
 *   <li>Degrees: node i gets a propensity {@code θ_i = (1 − u)^(−1/(γ−1))}, u uniform in [0, 1),
 *       a Pareto law whose tail {@code P(θ > t) = t^−(γ−1)} gives degrees a power-law tail of
 *       exponent γ.</li>
 *   <li>Edges: a partner for node u is drawn by: with probability h, a node of u's class, else
 *       a node of another class (the class drawn in proportion to its total propensity), the node
 *       drawn within its class in proportion to θ. First every node without an edge, in a random
 *       order, is joined to a partner (so no node is isolated, as in Cora); then edges from a
 *       node u drawn in proportion to θ to a partner are added until there are E. Self-loops and
 *       repeated edges are redrawn. The fraction of edges within a class is h up to sampling
 *       noise.</li>
 *   <li>Features: class c has a topic, T words drawn at random from the F (topics may overlap).
 *       Node i has {@code max(1, Poisson(L))} distinct words, each drawn from its class's topic
 *       with probability s and from all F words otherwise (uniformly), until that many distinct
 *       words are present; its feature vector marks them with 1.</li>
 * </ol>
 * Each step draws from its own stream derived from the seed ({@code graph.classes},
 * {@code graph.degrees}, {@code graph.edges}, {@code graph.topics}, {@code graph.words}), so that
 * changing the feature parameters does not move the edges and the other way round.
 *
 * @param nodes           N, at least 2
 * @param classes         C, between 2 and N
 * @param features        F, at least 1
 * @param edges           E, between N (every node gets an edge) and N(N−1)/2
 * @param homophily       h, the probability that an edge joins two nodes of the same class, in [0, 1]
 * @param degreeExponent  γ, the power-law exponent of the degree tail, in (2, 10]
 * @param classSizeRatio  r, the size of the largest class over the smallest, in [1, 100]
 * @param wordsPerNode    L, the mean number of words (ones) per node, in (0, F]
 * @param topicWords      T, the words of each class's topic, in [1, F]
 * @param topicFraction   s, the probability that a word is drawn from the node's topic, in [0, 1]
 */
public record CitationGraphGenerator(int nodes, int classes, int features, int edges, double homophily,
                                     double degreeExponent, double classSizeRatio, double wordsPerNode,
                                     int topicWords, double topicFraction) {

    /** Cora's node count. */
    public static final int CORA_NODES = 2708;
    /** Cora's class count. */
    public static final int CORA_CLASSES = 7;
    /** Cora's vocabulary size. */
    public static final int CORA_FEATURES = 1433;
    /** About Cora's citation count (5,429 lines, 5,278 distinct undirected edges). */
    public static final int CORA_EDGES = 5400;
    /** The default homophily, set with the topic fraction to give Cora's accuracies (see the class description). */
    public static final double DEFAULT_HOMOPHILY = 0.7;
    /** A degree exponent giving a Cora-like tail (mean degree 4, largest about 160; Cora's is 168). */
    public static final double CORA_DEGREE_EXPONENT = 3.0;
    /** Cora's largest class over its smallest (818 / 180). */
    public static final double CORA_CLASS_SIZE_RATIO = 4.5;
    /** About Cora's mean words per paper (18.2). */
    public static final double CORA_WORDS_PER_NODE = 18;
    /** Topic words per class of the default generator. */
    public static final int DEFAULT_TOPIC_WORDS = 40;
    /** Topic fraction of the default generator. */
    public static final double DEFAULT_TOPIC_FRACTION = 0.18;

    /** How many tries per edge before the generator gives up on placing the edges. */
    private static final int ATTEMPTS_PER_EDGE = 1000;

    /**
     * Validates the parameters.
     *
     * @param nodes           N
     * @param classes         C
     * @param features        F
     * @param edges           E
     * @param homophily       h
     * @param degreeExponent  γ
     * @param classSizeRatio  r
     * @param wordsPerNode    L
     * @param topicWords      T
     * @param topicFraction   s
     * @throws IllegalArgumentException naming the parameter out of range
     */
    public CitationGraphGenerator {
        if (nodes < 2) {
            throw new IllegalArgumentException("nodes must be at least 2, got " + nodes);
        }
        if (classes < 2 || classes > nodes) {
            throw new IllegalArgumentException("classes must be between 2 and the " + nodes + " nodes, got " + classes);
        }
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
        long maxEdges = (long) nodes * (nodes - 1) / 2;
        if (edges < nodes || edges > maxEdges) {
            throw new IllegalArgumentException("edges must be between the " + nodes + " nodes (every node gets an "
                    + "edge) and " + maxEdges + " (every pair), got " + edges);
        }
        if (!(homophily >= 0 && homophily <= 1)) {
            throw new IllegalArgumentException("homophily must be in [0, 1], got " + homophily);
        }
        if (!(degreeExponent > 2 && degreeExponent <= 10)) {
            throw new IllegalArgumentException("degreeExponent must be in (2, 10], got " + degreeExponent);
        }
        if (!(classSizeRatio >= 1 && classSizeRatio <= 100)) {
            throw new IllegalArgumentException("classSizeRatio must be in [1, 100], got " + classSizeRatio);
        }
        if (!(wordsPerNode > 0 && wordsPerNode <= features)) {
            throw new IllegalArgumentException("wordsPerNode must be in (0, " + features + "] (the features), got "
                    + wordsPerNode);
        }
        if (topicWords < 1 || topicWords > features) {
            throw new IllegalArgumentException("topicWords must be between 1 and the " + features + " features, got "
                    + topicWords);
        }
        if (!(topicFraction >= 0 && topicFraction <= 1)) {
            throw new IllegalArgumentException("topicFraction must be in [0, 1], got " + topicFraction);
        }
    }

    /** @return the generator with Cora-like defaults */
    public static CitationGraphGenerator coraLike() {
        return new CitationGraphGenerator(CORA_NODES, CORA_CLASSES, CORA_FEATURES, CORA_EDGES, DEFAULT_HOMOPHILY,
                CORA_DEGREE_EXPONENT, CORA_CLASS_SIZE_RATIO, CORA_WORDS_PER_NODE, DEFAULT_TOPIC_WORDS,
                DEFAULT_TOPIC_FRACTION);
    }

    /**
     * @param h another homophily
     * @return this generator with homophily h
     */
    public CitationGraphGenerator withHomophily(double h) {
        return new CitationGraphGenerator(nodes, classes, features, edges, h, degreeExponent, classSizeRatio,
                wordsPerNode, topicWords, topicFraction);
    }

    /** @return the number of nodes of each class, largest first, summing to N */
    public int[] classSizes() {
        double[] w = new double[classes];
        double total = 0;
        for (int c = 0; c < classes; c++) {
            w[c] = Math.pow(classSizeRatio, -(double) c / (classes - 1));
            total += w[c];
        }
        int[] sizes = new int[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            sizes[c] = Math.max(1, (int) Math.floor(nodes * w[c] / total));
            assigned += sizes[c];
        }
        // hand out (or take back) the rounding remainder one node at a time, largest classes first
        for (int c = 0; assigned < nodes; c = (c + 1) % classes) {
            sizes[c]++;
            assigned++;
        }
        for (int c = 0; assigned > nodes; c = (c + 1) % classes) {
            if (sizes[c] > 1) {
                sizes[c]--;
                assigned--;
            }
        }
        return sizes;
    }

    /**
     * @param name the data set's name
     * @param seed the seed all of the graph's random streams derive from
     * @return the graph, node ids {@code "1"} to {@code "N"}, class labels {@code C0}, {@code C1}, …
     * @throws IllegalArgumentException if the edges cannot be placed (a class too small for the
     *     homophily asked, say), naming the parameters to change
     */
    public CitationGraph generate(String name, long seed) {
        RandomStreams streams = RandomStreams.of(seed);
        int[] labels = assignClasses(streams.stream("graph.classes"));
        double[] theta = propensities(streams.stream("graph.degrees"));
        int[][] e = placeEdges(labels, theta, streams.stream("graph.edges"));
        CsrMatrix x = words(labels, streams.stream("graph.topics"), streams.stream("graph.words"));
        List<String> ids = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            ids.add(Integer.toString(i + 1));
        }
        List<String> classNames = new ArrayList<>(classes);
        int digits = Integer.toString(classes - 1).length();
        for (int c = 0; c < classes; c++) {
            classNames.add("C" + String.format("%0" + digits + "d", c));
        }
        return new CitationGraph(name, ids, x, labels, classNames, e[0], e[1], CitationGraph.DroppedCitations.NONE);
    }

    private int[] assignClasses(UniformRandomProvider rng) {
        int[] sizes = classSizes();
        int[] labels = new int[nodes];
        int i = 0;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < sizes[c]; k++) {
                labels[i++] = c;
            }
        }
        for (int a = nodes - 1; a > 0; a--) {
            int b = rng.nextInt(a + 1);
            int t = labels[a];
            labels[a] = labels[b];
            labels[b] = t;
        }
        return labels;
    }

    private double[] propensities(UniformRandomProvider rng) {
        double[] theta = new double[nodes];
        double exponent = -1.0 / (degreeExponent - 1);
        for (int i = 0; i < nodes; i++) {
            theta[i] = Math.pow(1.0 - rng.nextDouble(), exponent);
        }
        return theta;
    }

    /** Cumulative propensities, globally and within each class, for drawing nodes in proportion to θ. */
    private static final class Draws {
        final double[] cumulative;
        final int[][] members;
        final double[][] classCumulative;
        final double[] classTotal;

        Draws(int[] labels, double[] theta, int classes) {
            int n = labels.length;
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += theta[i];
                cumulative[i] = sum;
            }
            int[] sizes = new int[classes];
            for (int y : labels) {
                sizes[y]++;
            }
            members = new int[classes][];
            classCumulative = new double[classes][];
            classTotal = new double[classes];
            for (int c = 0; c < classes; c++) {
                members[c] = new int[sizes[c]];
                classCumulative[c] = new double[sizes[c]];
            }
            int[] fill = new int[classes];
            for (int i = 0; i < n; i++) {
                int c = labels[i];
                classTotal[c] += theta[i];
                members[c][fill[c]] = i;
                classCumulative[c][fill[c]] = classTotal[c];
                fill[c]++;
            }
        }

        static int pick(double[] cumulative, UniformRandomProvider rng) {
            double target = rng.nextDouble() * cumulative[cumulative.length - 1];
            int k = Arrays.binarySearch(cumulative, target);
            k = k < 0 ? -k - 1 : k + 1;
            return Math.min(k, cumulative.length - 1);
        }

        int node(UniformRandomProvider rng) {
            return pick(cumulative, rng);
        }

        int inClass(int c, UniformRandomProvider rng) {
            return members[c][pick(classCumulative[c], rng)];
        }

        int otherClass(int c, UniformRandomProvider rng) {
            double total = 0;
            for (int k = 0; k < classTotal.length; k++) {
                total += k == c ? 0 : classTotal[k];
            }
            double target = rng.nextDouble() * total;
            int last = -1;
            for (int k = 0; k < classTotal.length; k++) {
                if (k == c) {
                    continue;
                }
                last = k;
                target -= classTotal[k];
                if (target < 0) {
                    return k;
                }
            }
            return last;
        }
    }

    private int[][] placeEdges(int[] labels, double[] theta, UniformRandomProvider rng) {
        Draws draws = new Draws(labels, theta, classes);
        PairSet present = new PairSet(edges);
        int[] degree = new int[nodes];
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int count = 0;
        long attempts = 0;
        long budget = (long) ATTEMPTS_PER_EDGE * edges;
        int[] order = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            order[i] = i;
        }
        for (int a = nodes - 1; a > 0; a--) {
            int b = rng.nextInt(a + 1);
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
        }
        int next = 0;
        while (count < edges) {
            if (++attempts > budget) {
                throw new IllegalArgumentException("could not place " + edges + " distinct edges with homophily "
                        + homophily + " among " + nodes + " nodes in " + classes + " classes; use fewer edges, "
                        + "fewer classes or a homophily nearer 1/classes");
            }
            int u;
            if (next < nodes) {
                // first, every node still without an edge gets one
                while (next < nodes && degree[order[next]] > 0) {
                    next++;
                }
                if (next == nodes) {
                    continue;
                }
                u = order[next];
            } else {
                u = draws.node(rng);
            }
            int c = labels[u];
            int v = rng.nextDouble() < homophily ? draws.inClass(c, rng) : draws.inClass(draws.otherClass(c, rng), rng);
            if (v == u || !present.add(Math.min(u, v), Math.max(u, v))) {
                continue;
            }
            src[count] = u;
            dst[count] = v;
            degree[u]++;
            degree[v]++;
            count++;
        }
        return CitationGraph.canonicalEdges(count, src, dst);
    }

    private CsrMatrix words(int[] labels, UniformRandomProvider topicRng, UniformRandomProvider wordRng) {
        int[][] topics = new int[classes][];
        int[] vocabulary = new int[features];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < features; j++) {
                vocabulary[j] = j;
            }
            // a partial Fisher–Yates shuffle draws T distinct words
            for (int k = 0; k < topicWords; k++) {
                int j = k + topicRng.nextInt(features - k);
                int t = vocabulary[k];
                vocabulary[k] = vocabulary[j];
                vocabulary[j] = t;
            }
            topics[c] = Arrays.copyOf(vocabulary, topicWords);
        }
        DiscreteSampler length = PoissonSampler.of(wordRng, wordsPerNode);
        // with every word drawn from the topic, a node cannot have more distinct words than it holds
        int most = topicFraction >= 1 ? topicWords : features;
        boolean[] present = new boolean[features];
        int[] start = new int[nodes + 1];
        int[][] rows = new int[nodes][];
        int[] row = new int[features];
        for (int i = 0; i < nodes; i++) {
            int k = Math.min(most, Math.max(1, length.sample()));
            int have = 0;
            while (have < k) {
                int w = wordRng.nextDouble() < topicFraction ? topics[labels[i]][wordRng.nextInt(topicWords)]
                        : wordRng.nextInt(features);
                if (!present[w]) {
                    present[w] = true;
                    row[have++] = w;
                }
            }
            rows[i] = Arrays.copyOf(row, have);
            Arrays.sort(rows[i]);
            for (int j = 0; j < have; j++) {
                present[row[j]] = false;
            }
            start[i + 1] = start[i] + have;
        }
        int[] columns = new int[start[nodes]];
        float[] values = new float[start[nodes]];
        for (int i = 0; i < nodes; i++) {
            System.arraycopy(rows[i], 0, columns, start[i], rows[i].length);
        }
        Arrays.fill(values, 1f);
        return new CsrMatrix(nodes, features, start, columns, values);
    }
}

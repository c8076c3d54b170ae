package org.opudfa.dfa.task.graph;

import java.nio.file.Path;

import org.opudfa.dfa.settings.RealRange;
import org.opudfa.dfa.settings.Setting;
import org.opudfa.dfa.settings.SettingType;
import org.opudfa.dfa.settings.SettingValues;
import org.opudfa.dfa.settings.SettingsRegistry;

/**
 * The settings of the graph tasks' data, declared once: which graph, and the parameters of the
 * generated one ({@link CitationGraphGenerator}), whose defaults mimic Cora.
 */
public final class GraphDataSettings {

    /** Which graph. */
    public static final Setting<GraphDataset> DATASET = Setting.of("dataset",
            "auto (LINQS files at --data when given, else generated), generated, karate or files",
            SettingType.choice(GraphDataset.class), GraphDataset.AUTO);
    /** Where the LINQS files are. */
    public static final Setting<Path> DATA = Setting.optional("data",
            "a LINQS data set: a folder with NAME.content and NAME.cites, or the .content file (unset: no files)",
            SettingType.path());

    /** N. */
    public static final Setting<Integer> NODES = Setting.of("nodes", "generated graph: nodes",
            SettingType.wholeNumber(2, 10_000_000), CitationGraphGenerator.CORA_NODES);
    /** C. */
    public static final Setting<Integer> CLASSES = Setting.of("classes", "generated graph: classes",
            SettingType.wholeNumber(2, 100_000), CitationGraphGenerator.CORA_CLASSES);
    /** F. */
    public static final Setting<Integer> FEATURES = Setting.of("features",
            "generated graph: bag-of-words features (vocabulary size)", SettingType.wholeNumber(1, 1_000_000),
            CitationGraphGenerator.CORA_FEATURES);
    /** E. */
    public static final Setting<Integer> EDGES = Setting.of("edges",
            "generated graph: undirected edges, at least the nodes", SettingType.wholeNumber(2, Integer.MAX_VALUE),
            CitationGraphGenerator.CORA_EDGES);
    /** h. */
    public static final Setting<Double> HOMOPHILY = Setting.of("homophily",
            "generated graph: probability that an edge joins two nodes of the same class",
            SettingType.realNumber(RealRange.closed(0, 1)), CitationGraphGenerator.DEFAULT_HOMOPHILY);
    /** γ. */
    public static final Setting<Double> DEGREE_EXPONENT = Setting.of("degreeExponent",
            "generated graph: power-law exponent of the degree tail, in (2, 10]",
            SettingType.realNumber(RealRange.openClosed(2, 10)), CitationGraphGenerator.CORA_DEGREE_EXPONENT);
    /** r. */
    public static final Setting<Double> CLASS_SIZE_RATIO = Setting.of("classSizeRatio",
            "generated graph: size of the largest class over the smallest",
            SettingType.realNumber(RealRange.closed(1, 100)), CitationGraphGenerator.CORA_CLASS_SIZE_RATIO);
    /** L. */
    public static final Setting<Double> WORDS_PER_NODE = Setting.of("wordsPerNode",
            "generated graph: mean number of words (ones) per node", SettingType.realNumber(RealRange.greaterThan(0)),
            CitationGraphGenerator.CORA_WORDS_PER_NODE);
    /** T. */
    public static final Setting<Integer> TOPIC_WORDS = Setting.of("topicWords",
            "generated graph: words in each class's topic", SettingType.wholeNumber(1, 1_000_000),
            CitationGraphGenerator.DEFAULT_TOPIC_WORDS);
    /** s. */
    public static final Setting<Double> TOPIC_FRACTION = Setting.of("topicFraction",
            "generated graph: probability that a word comes from the node's class topic (else from all words)",
            SettingType.realNumber(RealRange.closed(0, 1)), CitationGraphGenerator.DEFAULT_TOPIC_FRACTION);
    /** The generated graph's seed. */
    public static final Setting<Long> GRAPH_SEED = Setting.of("graphSeed",
            "generated graph: seed of its random streams (the graph is a fixed data set: the run's seed does not move it)",
            SettingType.longNumber(Long.MIN_VALUE, Long.MAX_VALUE), 1L);

    /** The generator's settings, in help order (the {@code data graph} command takes these). */
    public static final SettingsRegistry GENERATOR = SettingsRegistry.of("graph-generator", NODES, CLASSES, FEATURES,
            EDGES, HOMOPHILY, DEGREE_EXPONENT, CLASS_SIZE_RATIO, WORDS_PER_NODE, TOPIC_WORDS, TOPIC_FRACTION,
            GRAPH_SEED);

    /** Every data setting of a graph task, in help order. */
    public static final SettingsRegistry SETTINGS = SettingsRegistry.compose("graph-data",
            SettingsRegistry.of("graph-source", DATASET, DATA), GENERATOR);

    private GraphDataSettings() {
    }

    /**
     * @param values values holding the {@link #GENERATOR} settings
     * @return the generator they describe
     * @throws IllegalArgumentException if they do not fit together (e.g. fewer edges than nodes)
     */
    public static CitationGraphGenerator generator(SettingValues values) {
        return new CitationGraphGenerator(values.get(NODES), values.get(CLASSES), values.get(FEATURES),
                values.get(EDGES), values.get(HOMOPHILY), values.get(DEGREE_EXPONENT), values.get(CLASS_SIZE_RATIO),
                values.get(WORDS_PER_NODE), values.get(TOPIC_WORDS), values.get(TOPIC_FRACTION));
    }
}

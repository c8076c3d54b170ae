package org.opudfa.dfa.task.graph;

/** Which graph a graph task trains on. */
public enum GraphDataset {
    /** LINQS files when {@code --data} is given, else the generated graph. */
    AUTO,
    /** The graph of the contextual stochastic block model ({@link CitationGraphGenerator}), Cora-like by default. */
    GENERATED,
    /** Zachary's karate club, built in ({@link KarateClub}). */
    KARATE,
    /** A LINQS data set ({@code NAME.content}, {@code NAME.cites}) at {@code --data}. */
    FILES
}

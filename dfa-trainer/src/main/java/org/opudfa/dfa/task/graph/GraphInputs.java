package org.opudfa.dfa.task.graph;

import java.util.Objects;

import org.opudfa.dfa.nn.Feed;

/**
 * What the graph layers read from a batch, computed once per graph: the row-normalised
 * features, the GCN propagation matrix, the Chebyshev Laplacian and the attention
 * neighbourhoods.
 *
 * @param graph          the graph they come from
 * @param features       its features, row-normalised ({@link GraphOperators#rowNormalised})
 * @param propagation    Â ({@link GraphOperators#gcnPropagation})
 * @param laplacian      L̃ ({@link GraphOperators#chebyshevLaplacian})
 * @param neighbourhoods A + I ({@link GraphOperators#neighbourhoods})
 */
public record GraphInputs(CitationGraph graph, CsrMatrix features, CsrMatrix propagation, CsrMatrix laplacian,
                          CsrMatrix neighbourhoods) {

    /**
     * @param graph          the graph
     * @param features       normalised features
     * @param propagation    Â
     * @param laplacian      L̃
     * @param neighbourhoods A + I
     */
    public GraphInputs {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(propagation, "propagation");
        Objects.requireNonNull(laplacian, "laplacian");
        Objects.requireNonNull(neighbourhoods, "neighbourhoods");
    }

    /**
     * @param graph a graph
     * @return its inputs
     */
    public static GraphInputs of(CitationGraph graph) {
        CsrMatrix a = graph.adjacency();
        return new GraphInputs(graph, GraphOperators.rowNormalised(graph.features()), GraphOperators.gcnPropagation(a),
                GraphOperators.chebyshevLaplacian(a), GraphOperators.neighbourhoods(a));
    }

    /**
     * Puts the features and operators into a feed, under {@link GraphKeys}.
     *
     * @param feed the feed
     * @return the feed
     */
    public Feed putInto(Feed feed) {
        return feed.put(GraphKeys.FEATURES, features).put(GraphKeys.PROPAGATION, propagation)
                .put(GraphKeys.LAPLACIAN, laplacian).put(GraphKeys.NEIGHBOURHOODS, neighbourhoods);
    }
}

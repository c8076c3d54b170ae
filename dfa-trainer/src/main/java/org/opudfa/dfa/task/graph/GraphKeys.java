package org.opudfa.dfa.task.graph;

import org.ejml.data.FMatrixRMaj;
import org.opudfa.dfa.loss.Labels;
import org.opudfa.dfa.nn.Feed;

/** Where the batch of a graph task holds its inputs: the whole graph's operators, features and targets. */
public final class GraphKeys {

    /** The node features, nodes × features, sparse (row-normalised bag of words). */
    public static final Feed.Key<CsrMatrix> FEATURES = Feed.Key.of("features", CsrMatrix.class);
    /** The GCN propagation matrix Â ({@link GraphOperators#gcnPropagation}). */
    public static final Feed.Key<CsrMatrix> PROPAGATION = Feed.Key.of("propagation", CsrMatrix.class);
    /** The rescaled Laplacian L̃ of Chebyshev convolutions ({@link GraphOperators#chebyshevLaplacian}). */
    public static final Feed.Key<CsrMatrix> LAPLACIAN = Feed.Key.of("laplacian", CsrMatrix.class);
    /** The neighbourhoods attention runs over ({@link GraphOperators#neighbourhoods}). */
    public static final Feed.Key<CsrMatrix> NEIGHBOURHOODS = Feed.Key.of("neighbourhoods", CsrMatrix.class);
    /** One class id per node, {@link Labels#IGNORE} for the nodes outside the batch's set. */
    public static final Feed.Key<Labels> LABELS = Feed.Key.of("labels", Labels.class);
    /** The node pairs a link predictor scores. */
    public static final Feed.Key<NodePairs> PAIRS = Feed.Key.of("pairs", NodePairs.class);
    /** Whether each scored pair is an edge (1) or not (0), pairs × 1. */
    public static final Feed.Key<FMatrixRMaj> PAIR_LABELS = Feed.Key.of("pairLabels", FMatrixRMaj.class);

    private GraphKeys() {
    }
}

package org.opudfa.dfa.task.graph;

/**
 * Where a two-layer graph network puts its DFA feedback point. Both give the same function; they
 * differ in what the projected error reaches under DFA.
 */
public enum FeedbackPlacement {
    /**
     * After the first layer's activation, as in the paper: the signal {@code B·e}, non-zero on
     * the labelled nodes only, trains the first layer from the features of those nodes and their
     * neighbours.
     */
    ACTIVATION,
    /**
     * After the second layer's parameter-free aggregation ({@code Â·H} for GCN, the Chebyshev
     * basis of H for ChebConv), before its weights: the signal goes back through the aggregation
     * by ordinary backprop, so the first layer learns from the labelled nodes' two-hop
     * neighbourhoods, as under backprop. Not available for GAT, whose aggregation has weights.
     */
    AGGREGATION
}

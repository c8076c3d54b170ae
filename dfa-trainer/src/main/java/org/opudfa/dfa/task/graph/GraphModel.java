package org.opudfa.dfa.task.graph;

/** The node classifiers of the {@code graph} task ({@code --model}). */
public enum GraphModel {
    /** Graph convolutional network (Kipf and Welling 2017): two {@code Â·X·Wᵀ + b} layers. */
    GCN,
    /** Chebyshev graph convolutions (Defferrard et al. 2016) of order K. */
    CHEB,
    /** Graph attention network (Veličković et al. 2018): multi-head attention over neighbourhoods. */
    GAT
}

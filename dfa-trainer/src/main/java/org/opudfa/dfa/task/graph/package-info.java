/**
 * Graph neural networks trained by DFA (the paper's geometric-learning experiments): node
 * classification with GCN, Chebyshev convolutions and GAT ({@link org.opudfa.dfa.task.graph.GraphTask},
 * task {@code graph}) and link prediction with a graph autoencoder
 * ({@link org.opudfa.dfa.task.graph.GraphAutoencoderTask}, task {@code graph-ae}); the LINQS
 * citation format Cora and CiteSeer ship in ({@link org.opudfa.dfa.task.graph.LinqsReader},
 * {@link org.opudfa.dfa.task.graph.LinqsWriter}); the contextual stochastic block model that
 * generates Cora-like graphs ({@link org.opudfa.dfa.task.graph.CitationGraphGenerator}); Zachary's
 * karate club ({@link org.opudfa.dfa.task.graph.KarateClub}); the sparse matrices and products the
 * layers run on ({@link org.opudfa.dfa.task.graph.CsrMatrix}, {@link org.opudfa.dfa.task.graph.SparseProduct});
 * the layers; the splits; full-batch sources; and the selection of test metrics at the best
 * validation epoch.
 */
package org.opudfa.dfa.task.graph;

/**
 * Models as graphs of module applications over named tensors
 * ({@link org.opudfa.dfa.graph.Graph}): several inputs and outputs, concatenation, sums, residual
 * and skip connections, one module applied at several places. A graph marks the feedback points
 * and the error point of Direct Feedback Alignment, and runs forward and backward passes, cut at
 * the feedback points or not, for the training rules; a cut pass can run the segments below its
 * feedback points concurrently, with the same results.
 */
package org.opudfa.dfa.graph;

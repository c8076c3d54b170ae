package org.opudfa.dfa.graph;

/**
 * A named value of a {@link Graph}: a model input, or one output of one module call. It has a
 * fixed width (columns); its rows are the batch's items (samples, tokens, nodes, points on rays).
 * A handle only: the values live in the graph's pass.
 *
 * @param id    its index in the graph, in creation order
 * @param name  unique within the graph, e.g. {@code "block0.attention"}
 * @param width the number of columns
 */
public record Tensor(int id, String name, int width) {
}

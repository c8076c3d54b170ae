package org.opudfa.dfa.task.graph;

import java.util.Arrays;

/**
 * Node pairs {@code (u_p, v_p)} a link predictor scores, one per row of its output: a reused
 * buffer that a batch source fills ({@link #resize}, then the first {@link #size()} entries).
 */
public final class NodePairs {

    private int[] first;
    private int[] second;
    private int size;

    /**
     * @param capacity the most pairs it holds before growing
     */
    public NodePairs(int capacity) {
        first = new int[Math.max(1, capacity)];
        second = new int[Math.max(1, capacity)];
    }

    /**
     * @param u first node of each pair
     * @param v second node of each pair
     * @return the pairs, copied
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static NodePairs of(int[] u, int[] v) {
        if (u.length != v.length) {
            throw new IllegalArgumentException("each pair needs two nodes, got " + u.length + " and " + v.length);
        }
        NodePairs p = new NodePairs(u.length);
        p.resize(u.length);
        System.arraycopy(u, 0, p.first, 0, u.length);
        System.arraycopy(v, 0, p.second, 0, v.length);
        return p;
    }

    /** @return the number of pairs */
    public int size() {
        return size;
    }

    /**
     * Sets the number of pairs, growing the buffers if needed (existing pairs are kept).
     *
     * @param n the number of pairs
     */
    public void resize(int n) {
        if (n > first.length) {
            int capacity = Math.max(n, 2 * first.length);
            first = Arrays.copyOf(first, capacity);
            second = Arrays.copyOf(second, capacity);
        }
        size = n;
    }

    /** @return the first node of each pair; entries from {@link #size()} on are meaningless */
    public int[] first() {
        return first;
    }

    /** @return the second node of each pair; entries from {@link #size()} on are meaningless */
    public int[] second() {
        return second;
    }

    /**
     * @param nodes the number of nodes of the graph
     * @throws IllegalArgumentException if a pair names a node outside [0, nodes)
     */
    public void requireWithin(int nodes) {
        for (int p = 0; p < size; p++) {
            if (first[p] < 0 || first[p] >= nodes || second[p] < 0 || second[p] >= nodes) {
                throw new IllegalArgumentException("pair " + p + " (" + first[p] + ", " + second[p]
                        + ") names a node outside the " + nodes + " nodes");
            }
        }
    }
}

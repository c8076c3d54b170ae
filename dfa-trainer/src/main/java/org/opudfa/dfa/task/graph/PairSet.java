package org.opudfa.dfa.task.graph;

import java.util.Arrays;

/**
 * A set of node pairs {@code (u, v)} with {@code u, v ≥ 0}, in an open-addressing hash table of
 * longs: membership of edges while a graph is generated or negatives are sampled, without boxing
 * and, once grown, without allocating ({@link #clear()} keeps the table).
 */
final class PairSet {

    private static final long EMPTY = -1L;
    private long[] table;
    private int size;

    /**
     * @param expected how many pairs it will hold
     */
    PairSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        table = new long[capacity];
        Arrays.fill(table, EMPTY);
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xffffffffL);
    }

    private static int hash(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    /**
     * @param u first node
     * @param v second node
     * @return true if the pair was not there and has been added
     */
    boolean add(int u, int v) {
        if (2 * (size + 1) > table.length) {
            grow();
        }
        long k = key(u, v);
        int mask = table.length - 1;
        int i = hash(k, mask);
        while (table[i] != EMPTY) {
            if (table[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = k;
        size++;
        return true;
    }

    /**
     * @param u first node
     * @param v second node
     * @return whether the pair is in the set
     */
    boolean contains(int u, int v) {
        long k = key(u, v);
        int mask = table.length - 1;
        int i = hash(k, mask);
        while (table[i] != EMPTY) {
            if (table[i] == k) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    /** @return the number of pairs */
    int size() {
        return size;
    }

    /** Removes every pair, keeping the table. */
    void clear() {
        Arrays.fill(table, EMPTY);
        size = 0;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, EMPTY);
        size = 0;
        for (long k : old) {
            if (k != EMPTY) {
                add((int) (k >>> 32), (int) k);
            }
        }
    }
}

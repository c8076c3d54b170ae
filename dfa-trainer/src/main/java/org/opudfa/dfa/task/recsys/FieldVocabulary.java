package org.opudfa.dfa.task.recsys;

import java.util.Arrays;
import org.opudfa.opu.rng.SplitMix64;

/**
 * The values of one field of a click log that get their own embedding row: counted in a
 * streaming pass ({@link #count}), then frozen with a minimum count ({@link #frozen}). Row
 * {@link #UNKNOWN} stands for every value seen fewer times (or never, e.g. first seen in the test
 * set), row {@link #MISSING} for an empty field, rows 2, 3, … for the kept values in order of
 * decreasing count (ties by key), so the vocabulary depends only on the records counted.
 *
 * <p>An open-addressing hash map from 64-bit value keys to counts, then to rows: 16 bytes per
 * slot, the key and its count or row side by side (one cache line per probe: a lookup in a table
 * that the training's activations have pushed out of the caches costs one memory access, not
 * two), at most half full. Memory grows with the number of distinct values, not with the number
 * of records.
 */
public final class FieldVocabulary {

    /** Row of values below the minimum count or unseen. */
    public static final int UNKNOWN = 0;
    /** Row of empty fields. */
    public static final int MISSING = 1;

    /** slot s: the key at 2s, its count (while counting) or row (once frozen) at 2s + 1, 0 if empty */
    private long[] table;
    private int used;
    private final boolean frozen;
    private final int rows;

    /** An empty vocabulary, counting. */
    public FieldVocabulary() {
        this(16, false, 0);
    }

    private FieldVocabulary(int capacity, boolean frozen, int rows) {
        this.table = new long[2 * capacity];
        this.frozen = frozen;
        this.rows = rows;
    }

    /**
     * Counts one occurrence of a value.
     *
     * @param key the value's key
     * @throws IllegalStateException once frozen
     */
    public void count(long key) {
        if (frozen) {
            throw new IllegalStateException("a frozen vocabulary counts nothing");
        }
        int at = slot(key);
        if (table[at + 1] == 0) {
            table[at] = key;
            table[at + 1] = 1;
            if (++used * 4 > table.length) {
                grow();
            }
        } else if (table[at + 1] < Integer.MAX_VALUE) {
            table[at + 1]++;
        }
    }

    /**
     * @param minCount the fewest occurrences for a value to get its own row, at least 1
     * @return the frozen vocabulary: rows for the values counted at least {@code minCount} times
     */
    public FieldVocabulary frozen(int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("the minimum count must be at least 1, got " + minCount);
        }
        int kept = 0;
        for (int at = 1; at < table.length; at += 2) {
            kept += table[at] >= minCount ? 1 : 0;
        }
        long[] keptKeys = new long[kept];
        int[] keptCounts = new int[kept];
        Integer[] order = new Integer[kept];
        int k = 0;
        for (int at = 0; at < table.length; at += 2) {
            if (table[at + 1] >= minCount) {
                keptKeys[k] = table[at];
                keptCounts[k] = (int) table[at + 1];
                order[k] = k;
                k++;
            }
        }
        Arrays.sort(order, (a, b) -> keptCounts[a] != keptCounts[b] ? Integer.compare(keptCounts[b], keptCounts[a])
                : Long.compare(keptKeys[a], keptKeys[b]));
        int capacity = 16;
        while (capacity < 2 * (kept + 1)) {
            capacity *= 2;
        }
        FieldVocabulary f = new FieldVocabulary(capacity, true, kept + 2);
        for (int i = 0; i < kept; i++) {
            int at = f.slot(keptKeys[order[i]]);
            f.table[at] = keptKeys[order[i]];
            f.table[at + 1] = i + 2;
        }
        f.used = kept;
        return f;
    }

    /**
     * @param missing whether the field is empty
     * @param key     the value's key (ignored when missing)
     * @return the value's row: {@link #MISSING}, {@link #UNKNOWN}, or its own
     */
    public int row(boolean missing, long key) {
        if (missing) {
            return MISSING;
        }
        int v = (int) table[slot(key) + 1];
        return v == 0 ? UNKNOWN : v;
    }

    /** @return the number of rows of a frozen vocabulary (kept values + 2), or 0 while counting */
    public int rows() {
        return rows;
    }

    /** @return the number of distinct values counted, or kept once frozen */
    public int distinct() {
        return used;
    }

    /** @return the index in {@link #table} of the key's slot: where it is, or the empty slot it would take */
    private int slot(long key) {
        int mask = table.length / 2 - 1;
        int s = (int) SplitMix64.mix(key) & mask;
        while (table[2 * s + 1] != 0 && table[2 * s] != key) {
            s = (s + 1) & mask;
        }
        return 2 * s;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (int at = 0; at < old.length; at += 2) {
            if (old[at + 1] != 0) {
                int to = slot(old[at]);
                table[to] = old[at];
                table[to + 1] = old[at + 1];
            }
        }
    }
}

package org.opudfa.dfa.task.recsys;

import java.util.Arrays;

/**
 * The values of one field of a click log that get their own embedding row: counted in a
 * streaming pass ({@link #count}), then frozen with a minimum count ({@link #frozen}). Row
 * {@link #UNKNOWN} stands for every value seen fewer times (or never, e.g. first seen in the test
 * set), row {@link #MISSING} for an empty field, rows 2, 3, … for the kept values in order of
 * decreasing count (ties by key), so the vocabulary depends only on the records counted.
 *
 * <p>An open-addressing hash map from 64-bit value keys to counts, then to rows: 12 bytes per
 * slot, at most half full. Memory grows with the number of distinct values, not with the number
 * of records.
 */
public final class FieldVocabulary {

    /** Row of values below the minimum count or unseen. */
    public static final int UNKNOWN = 0;
    /** Row of empty fields. */
    public static final int MISSING = 1;

    private long[] keys;
    /** counts while counting, rows once frozen; 0 marks an empty slot */
    private int[] values;
    private int used;
    private final boolean frozen;
    private final int rows;

    /** An empty vocabulary, counting. */
    public FieldVocabulary() {
        this(16, false, 0);
    }

    private FieldVocabulary(int capacity, boolean frozen, int rows) {
        this.keys = new long[capacity];
        this.values = new int[capacity];
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
        int slot = slot(key);
        if (values[slot] == 0) {
            keys[slot] = key;
            values[slot] = 1;
            if (++used * 2 > keys.length) {
                grow();
            }
        } else if (values[slot] < Integer.MAX_VALUE) {
            values[slot]++;
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
        for (int v : values) {
            kept += v >= minCount ? 1 : 0;
        }
        long[] keptKeys = new long[kept];
        int[] keptCounts = new int[kept];
        Integer[] order = new Integer[kept];
        int k = 0;
        for (int s = 0; s < values.length; s++) {
            if (values[s] >= minCount) {
                keptKeys[k] = keys[s];
                keptCounts[k] = values[s];
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
            int slot = f.slot(keptKeys[order[i]]);
            f.keys[slot] = keptKeys[order[i]];
            f.values[slot] = i + 2;
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
        int v = values[slot(key)];
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

    private int slot(long key) {
        int mask = keys.length - 1;
        int s = (int) mix(key) & mask;
        while (values[s] != 0 && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldValues[s] != 0) {
                int t = slot(oldKeys[s]);
                keys[t] = oldKeys[s];
                values[t] = oldValues[s];
            }
        }
    }

    /** SplitMix64's finaliser: spreads the keys' bits over the slot index. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

package org.opudfa.dfa.loss;

import java.util.Arrays;

/**
 * Class ids, one per item of a batch (a sample, a token, a node), with {@link #IGNORE} marking
 * items that carry no target (unlabelled nodes, padding): losses and metrics skip them. A reused
 * buffer: a batch source sets {@link #size()} and the first that many ids.
 */
public final class Labels {

    /** The id of an item without a target. */
    public static final int IGNORE = -1;

    private int[] ids;
    private int size;

    /**
     * @param capacity the most items it holds before growing
     */
    public Labels(int capacity) {
        this.ids = new int[Math.max(1, capacity)];
    }

    /**
     * @param ids class ids (or {@link #IGNORE}), copied
     * @return labels holding them
     */
    public static Labels of(int... ids) {
        Labels l = new Labels(ids.length);
        l.resize(ids.length);
        System.arraycopy(ids, 0, l.ids, 0, ids.length);
        return l;
    }

    /** @return the number of items */
    public int size() {
        return size;
    }

    /**
     * Sets the number of items, growing the buffer if needed (existing ids are kept).
     *
     * @param n the number of items
     */
    public void resize(int n) {
        if (n > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(n, 2 * ids.length));
        }
        size = n;
    }

    /** @return the id buffer; entries from {@link #size()} on are meaningless */
    public int[] ids() {
        return ids;
    }

    /**
     * @param i an item index below {@link #size()}
     * @return its class id, or {@link #IGNORE}
     */
    public int get(int i) {
        return ids[i];
    }

    /**
     * Checks that these labels fit a prediction.
     *
     * @param rows    the prediction's rows
     * @param classes the prediction's columns
     * @return the number of labelled items
     * @throws IllegalArgumentException if the count differs or an id is out of range
     */
    public int requireFits(int rows, int classes) {
        if (size != rows) {
            throw new IllegalArgumentException("the batch has " + size + " labels for a prediction of " + rows
                    + " rows");
        }
        int labelled = 0;
        for (int i = 0; i < size; i++) {
            int id = ids[i];
            if (id != IGNORE) {
                if (id < 0 || id >= classes) {
                    throw new IllegalArgumentException("label " + id + " of item " + i + " is outside the " + classes
                            + " classes [0, " + classes + ")");
                }
                labelled++;
            }
        }
        return labelled;
    }
}

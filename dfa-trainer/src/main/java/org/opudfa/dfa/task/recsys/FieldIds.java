package org.opudfa.dfa.task.recsys;

/**
 * The ids of a batch of records, one per field, row-major: record r's id of field f is
 * {@code ids()[r·fields + f]}, an index into the embedding table of a {@link ClickVocabulary}.
 * Filled by the batch source, read by {@link FieldEmbedding}; its array is reused from batch to
 * batch and may be longer than {@code rows·fields}.
 */
public final class FieldIds {

    private final int fields;
    private int[] ids;
    private int rows;

    /**
     * @param fields   ids per record
     * @param capacity records the buffer holds before growing
     */
    public FieldIds(int fields, int capacity) {
        if (fields < 1) {
            throw new IllegalArgumentException("a record has at least 1 field, got " + fields);
        }
        this.fields = fields;
        this.ids = new int[fields * Math.max(1, capacity)];
    }

    /** @return ids per record */
    public int fields() {
        return fields;
    }

    /** @return records in the batch */
    public int rows() {
        return rows;
    }

    /** @return the ids, row-major; only the first {@code rows·fields} belong to the batch */
    public int[] ids() {
        return ids;
    }

    /**
     * Sets the number of records, growing the buffer if needed (its content is then lost).
     *
     * @param rows records in the batch
     */
    public void reshape(int rows) {
        if ((long) rows * fields > ids.length) {
            ids = new int[rows * fields];
        }
        this.rows = rows;
    }
}

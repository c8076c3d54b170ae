package org.opudfa.dfa.task.recsys;

/**
 * One record of a click log as parsed, reused from record to record: the label and, for each of
 * the {@link ClickLogFormat#FIELDS} fields, whether it is missing and otherwise its value key (the
 * log² bin of an integer field, the hashed category of a categorical field), which the
 * {@link ClickVocabulary} turns into an embedding row.
 */
public final class ClickRecord {

    float label;
    final long[] keys = new long[ClickLogFormat.FIELDS];
    final boolean[] missing = new boolean[ClickLogFormat.FIELDS];

    /** An empty record, to be filled by {@link ClickLogFormat#parse}. */
    public ClickRecord() {
    }

    /** @return the label, 0 or 1 */
    public float label() {
        return label;
    }

    /**
     * @param field a field index, integer fields first (0 … 12), then categorical (13 … 38)
     * @return whether the field is empty in this record
     */
    public boolean missing(int field) {
        return missing[field];
    }

    /**
     * @param field a field index
     * @return the value key of the field (meaningless when it is missing)
     */
    public long key(int field) {
        return keys[field];
    }
}

package org.opudfa.dfa.task.recsys;

import java.util.Arrays;

/**
 * The vocabularies of all {@link ClickLogFormat#FIELDS} fields of a click log, laid end to end
 * in one id space: field f's row r is id {@code offset(f) + r}, so one embedding table of
 * {@link #size()} rows serves every field. Built from the training records only, in one
 * streaming pass; memory grows with the number of distinct values, not of records.
 */
public final class ClickVocabulary {

    private final FieldVocabulary[] fields;
    private final int[] offsets;
    private final int size;
    private final int minCount;

    /**
     * @param fields   the frozen vocabulary of each field
     * @param minCount the minimum count they were frozen with
     */
    public ClickVocabulary(FieldVocabulary[] fields, int minCount) {
        if (fields.length != ClickLogFormat.FIELDS) {
            throw new IllegalArgumentException("a click vocabulary has " + ClickLogFormat.FIELDS + " fields, got "
                    + fields.length);
        }
        this.fields = fields.clone();
        this.offsets = new int[fields.length];
        long total = 0;
        for (int f = 0; f < fields.length; f++) {
            offsets[f] = (int) total;
            total += fields[f].rows();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the vocabularies have " + total + " values in all, more than an "
                    + "embedding table can hold; raise the minimum count");
        }
        this.size = (int) total;
        this.minCount = minCount;
    }

    /**
     * Counts the values of lines {@code [from, to)} of a file and keeps those seen at least
     * {@code minCount} times.
     *
     * @param file     the click log
     * @param from     first line, from 0
     * @param to       one past the last line
     * @param minCount the fewest occurrences for a value to get its own row
     * @return the vocabulary
     * @throws IllegalArgumentException if a line is not a click record (naming it), or minCount &lt; 1
     */
    public static ClickVocabulary build(ClickLogFile file, long from, long to, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("the minimum count must be at least 1, got " + minCount);
        }
        FieldVocabulary[] counting = new FieldVocabulary[ClickLogFormat.FIELDS];
        for (int f = 0; f < counting.length; f++) {
            counting[f] = new FieldVocabulary();
        }
        try (ClickLogCursor cursor = new ClickLogCursor(file, from)) {
            for (long l = from; l < to; l++) {
                ClickRecord r = cursor.next();
                for (int f = 0; f < counting.length; f++) {
                    if (!r.missing[f]) {
                        counting[f].count(r.keys[f]);
                    }
                }
            }
        }
        FieldVocabulary[] frozen = new FieldVocabulary[counting.length];
        for (int f = 0; f < counting.length; f++) {
            frozen[f] = counting[f].frozen(minCount);
        }
        return new ClickVocabulary(frozen, minCount);
    }

    /** @return the total number of ids (embedding rows) over all fields */
    public int size() {
        return size;
    }

    /** @return the minimum count the vocabularies were built with */
    public int minCount() {
        return minCount;
    }

    /**
     * @param field a field index
     * @return the field's vocabulary
     */
    public FieldVocabulary field(int field) {
        return fields[field];
    }

    /** @return the first id of each field, in field order (a copy) */
    public int[] offsets() {
        return offsets.clone();
    }

    /**
     * Writes a record's ids, one per field.
     *
     * @param record the record
     * @param ids    where to write
     * @param at     the index of the first field's id in {@code ids}
     */
    public void ids(ClickRecord record, int[] ids, int at) {
        for (int f = 0; f < fields.length; f++) {
            ids[at + f] = offsets[f] + fields[f].row(record.missing[f], record.keys[f]);
        }
    }

    @Override
    public String toString() {
        return "ClickVocabulary(" + size + " ids, min count " + minCount + ", rows per field "
                + Arrays.toString(Arrays.stream(fields).mapToInt(FieldVocabulary::rows).toArray()) + ")";
    }
}

package org.opudfa.dfa.task.lm;

/**
 * How the rows of a batch of text form sequences: {@code count} sequences of {@code length}
 * tokens, one row per token, sequence {@code s} in rows {@code s·length … s·length + length − 1}
 * in order. Attention reads it to keep each token within its own sequence (and before itself),
 * positional encoding to know each row's position {@code row mod length}. A reused holder: a
 * batch source sets it for each batch.
 */
public final class Sequences {

    private int count;
    private int length;

    /** No sequence yet. */
    public Sequences() {
    }

    /**
     * @param count  sequences in the batch, at least 1
     * @param length tokens per sequence, at least 1
     * @return this holder
     * @throws IllegalArgumentException if a value is below 1
     */
    public Sequences set(int count, int length) {
        if (count < 1 || length < 1) {
            throw new IllegalArgumentException("a batch needs at least 1 sequence of at least 1 token, got " + count
                    + " sequences of " + length);
        }
        this.count = count;
        this.length = length;
        return this;
    }

    /** @return the number of sequences */
    public int count() {
        return count;
    }

    /** @return the tokens per sequence */
    public int length() {
        return length;
    }

    /** @return {@code count·length}, the batch's rows */
    public int rows() {
        return count * length;
    }

    /**
     * @param rows the rows of a tensor of the batch
     * @param what the module checking, for the message
     * @throws IllegalArgumentException if they are not {@code count·length}
     */
    public void requireRows(int rows, String what) {
        if (rows != count * length) {
            throw new IllegalArgumentException(what + " got " + rows + " rows for a batch of " + count
                    + " sequences of " + length + " tokens (" + count * length + " rows)");
        }
    }
}

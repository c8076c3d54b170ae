package org.opudfa.dfa.task.lm;

import java.util.Objects;

/**
 * A text corpus cut into three contiguous parts ({@link TextCorpus#split}), as token bytes.
 *
 * @param train      the first 90 %
 * @param validation the next 5 %
 * @param test       the last 5 %
 */
public record CorpusSplit(byte[] train, byte[] validation, byte[] test) {

    /**
     * @param train      the first 90 %
     * @param validation the next 5 %
     * @param test       the last 5 %
     */
    public CorpusSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }
}
